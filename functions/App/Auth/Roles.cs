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

    /// <summary>Service Standard assessors and assessment leads, who read the services they assess (the directory's roles say who may sit on a panel).</summary>
    public const string Assessor = "Assessor";

    public static IReadOnlyList<string> All { get; } = [Requester, ProjectManager, Approver, Finance, Board, Assessor, Admin];

    /// <summary>The delivery team and its managers, who may see every project and the portfolio; requesters see only their own.</summary>
    public static IReadOnlyList<string> Staff { get; } = [ProjectManager, Approver, Finance, Board, Assessor, Admin];

    public static bool IsStaff(this System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Staff.Any(user.IsInRole);
    }
}
