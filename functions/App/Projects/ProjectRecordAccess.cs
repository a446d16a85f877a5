using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.Projects;

/// <summary>
/// Who may see a project's delivery records (whoever may see the project) and who may record them: its project
/// manager (the directory's person whose address the project holds), and for money Finance too, once the project
/// is approved and until it is closed.
/// </summary>
public static class ProjectRecordAccess
{
    /// <summary>
    /// The project, or the refusal: 404 when the person may not see it, 403 when they may not record <c>what</c>
    /// ("spending and forecasts"), 409 outside Initiation and Delivery. <c>also</c> says who else may record besides
    /// the project manager, as the refusal names them (" or Finance"), and how to tell.
    /// </summary>
    public static async Task<(ProjectDocument? Project, IResult? Refusal)> ForRecordingAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, ApprovalPolicy directory, string what, (string Who, Func<ClaimsPrincipal, bool> Allowed) also, CancellationToken cancellationToken)
    {
        var (project, refusal) = await CheckRecordingAsync(id, user, projects, directory, also.Allowed, cancellationToken);
        return refusal switch
        {
            null => (project, null),
            RecordRefusal.NotFound => (null, Problems.Status(StatusCodes.Status404NotFound, "Project not found", $"There is no project {id} that you can see.")),
            RecordRefusal.NotAllowed => (null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", $"Only the project's manager{also.Who} can record {what}.")),
            _ => (null, Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The project is in {project!.Stage}; {what} are recorded from approval until closure.")),
        };
    }

    /// <summary>
    /// The same checks as <see cref="ForRecordingAsync"/>, as a reason rather than an answer, for pages that show their
    /// own refusal. On <see cref="RecordRefusal.NotNow"/> the project is returned, to say what stage it is in.
    /// </summary>
    public static async Task<(ProjectDocument? Project, RecordRefusal? Refusal)> CheckRecordingAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, ApprovalPolicy directory, Func<ClaimsPrincipal, bool> alsoAllowed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(alsoAllowed);
        var (project, notFound) = await ForReadingAsync(id, user, projects, cancellationToken);
        if (notFound is not null)
        {
            return (null, RecordRefusal.NotFound);
        }

        if (!IsManager(user, project!, directory) && !alsoAllowed(user))
        {
            return (null, RecordRefusal.NotAllowed);
        }

        return project!.Stage is ProjectStage.Initiation or ProjectStage.Delivery ? (project, null) : (project, RecordRefusal.NotNow);
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

    /// <summary>Whether the signed-in person is the project's manager, matched through the directory by email.</summary>
    public static bool IsManager(ClaimsPrincipal user, ProjectDocument project, ApprovalPolicy directory)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(directory);
        var me = directory.Find(user.UserId());
        return me is not null && project.ProjectManager is { } pm && string.Equals(pm.Email, me.Email, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A record's id: 1 to 64 letters, digits, '-' or '_', chosen by the recorder so a retry is recognised.</summary>
    public static bool IsRecordId(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>The day the project was requested: no delivery record is dated before it.</summary>
    public static DateOnly Start(ProjectDocument project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return DateOnly.FromDateTime(project.SubmittedAt.UtcDateTime);
    }
}

/// <summary>Why a delivery record may not be written: the project is not one the person can see, not theirs to record on, or not in delivery.</summary>
public enum RecordRefusal
{
    NotFound,
    NotAllowed,
    NotNow,
}
