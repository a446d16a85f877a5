namespace Delivery.Functions.App.Auth;

/// <summary>The roles people hold in Delivery (Entra app roles in production, seeded in Development).</summary>
public static class Roles
{
    public const string Requester = "Requester";
    public const string ProjectManager = "ProjectManager";
    public const string Approver = "Approver";
    public const string Finance = "Finance";
    public const string Board = "Board";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Requester, ProjectManager, Approver, Finance, Board, Admin];
}
