namespace Delivery.Functions.App.Auth;

/// <summary>A seeded person for Development sign-in. The addresses use the reserved example.gov.uk domain.</summary>
public sealed record DevPerson(string Id, string Name, string Email, IReadOnlyList<string> Roles);

/// <summary>The people anyone can sign in as in Development, one or more per role.</summary>
public static class DevPeople
{
    public static IReadOnlyList<DevPerson> All { get; } =
    [
        new("rita", "Rita Patel", "rita.patel@example.gov.uk", [Roles.Requester]),
        new("ravi", "Ravi Singh", "ravi.singh@example.gov.uk", [Roles.Requester]),
        new("pm-sam", "Sam Okafor", "sam.okafor@example.gov.uk", [Roles.ProjectManager, Roles.Requester]),
        new("line-lee", "Lee Morgan", "lee.morgan@example.gov.uk", [Roles.Approver]),
        new("head-hana", "Hana Kowalski", "hana.kowalski@example.gov.uk", [Roles.Approver]),
        new("fin-farah", "Farah Ahmed", "farah.ahmed@example.gov.uk", [Roles.Finance, Roles.Approver]),
        new("board-ben", "Ben Clarke", "ben.clarke@example.gov.uk", [Roles.Board, Roles.Approver]),
        new("lead-lola", "Lola Adeyemi", "lola.adeyemi@example.gov.uk", [Roles.Assessor]),
        new("assessor-ash", "Ash Kumar", "ash.kumar@example.gov.uk", [Roles.Assessor]),
        new("assessor-kim", "Kim Lee", "kim.lee@example.gov.uk", [Roles.Assessor]),
        new("dev-dina", "Dina Novak", "dina.novak@example.gov.uk", [Roles.Assessor]),
        new("admin-ada", "Ada Lewis", "ada.lewis@example.gov.uk", [Roles.Admin]),
    ];

    public static DevPerson? Find(string? id) =>
        All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
