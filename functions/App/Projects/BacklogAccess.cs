using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.Projects;

/// <summary>
/// Who may keep a digital service's backlog: its manager (the delivery manager) and Admin, while the service is
/// live in the portfolio (not rejected, withdrawn, closed or done). Whoever may see the project reads it. Only
/// projects of category <see cref="ProjectCategory.DigitalService"/> have a backlog.
/// </summary>
public static class BacklogAccess
{
    /// <summary>The project, or the refusal: 404 when the person may not see it, 409 when it is no digital service.</summary>
    public static async Task<(ProjectDocument? Project, IResult? Refusal)> ForReadingAsync(string id, ClaimsPrincipal user, ProjectRepository projects, CancellationToken cancellationToken)
    {
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, user, projects, cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        return project!.Request.Category == ProjectCategory.DigitalService
            ? (project, null)
            : (null, Problems.Status(StatusCodes.Status409Conflict, "Not a digital service", $"Project {id} is a technology project; backlogs are kept for digital services."));
    }

    /// <summary>As <see cref="ForReadingAsync"/>, and 403 unless the person is the delivery manager or Admin, 409 once the service has ended.</summary>
    public static async Task<(ProjectDocument? Project, IResult? Refusal)> ForRecordingAsync(string id, ClaimsPrincipal user, ProjectRepository projects, ApprovalPolicy directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (project, refusal) = await ForReadingAsync(id, user, projects, cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        if (!MayRecord(user, project!, directory))
        {
            return (null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only the service's delivery manager or an administrator can change its backlog."));
        }

        return Ended(project!.Stage)
            ? (null, Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The service is {project.Stage}; its backlog can no longer be changed."))
            : (project, null);
    }

    public static bool MayRecord(ClaimsPrincipal user, ProjectDocument project, ApprovalPolicy directory) =>
        ProjectRecordAccess.IsManager(user, project, directory) || user.IsInRole(Roles.Admin);

    public static bool Ended(ProjectStage stage) => stage is ProjectStage.Rejected or ProjectStage.Withdrawn or ProjectStage.Closed or ProjectStage.Done;
}
