using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ProjectBudget;

/// <summary>
/// Who may see a project's budget (whoever may see the project) and who may record against it: its project manager
/// (the directory's person whose address the project holds) or Finance, once the project is approved and until it
/// is closed.
/// </summary>
public static class BudgetAccess
{
    public static async Task<(ProjectDocument? Project, IResult? Refusal)> ForRecordingAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, ApprovalPolicy directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(directory);
        var (project, notFound) = await ForReadingAsync(id, user, projects, cancellationToken);
        if (notFound is not null)
        {
            return (null, notFound);
        }

        var me = directory.Find(user.UserId());
        var isManager = me is not null && project!.ProjectManager is { } pm && string.Equals(pm.Email, me.Email, StringComparison.OrdinalIgnoreCase);
        if (!isManager && !user.IsInRole(Roles.Finance))
        {
            return (null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only the project's manager or Finance can record spending and forecasts."));
        }

        return project!.Stage is ProjectStage.Initiation or ProjectStage.Delivery
            ? (project, null)
            : (null, Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The project is in {project.Stage}; spending and forecasts are recorded from approval until closure."));
    }

    public static async Task<(ProjectDocument? Project, IResult? Refusal)> ForReadingAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        return project is null || !GetProjectEndpoint.MaySee(user, project)
            ? (null, Problems.Status(StatusCodes.Status404NotFound, "Project not found", $"There is no project {id} that you can see."))
            : (project, null);
    }

    /// <summary>An entry id: 1 to 64 letters, digits, '-' or '_', chosen by the recorder so a retry is recognised.</summary>
    public static bool IsEntryId(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
