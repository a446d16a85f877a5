using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;

namespace Delivery.Functions.App.Projects;

/// <summary>
/// Who may read and keep a digital service's team records (cadence and retrospectives, research log, weeknotes):
/// whoever may see the project reads them once the service has started its phases; its delivery manager (the
/// project's manager), and where a record allows it someone in the current phase's team, keeps them while the
/// service goes on (approved, not stopped or retired).
/// </summary>
public static class ServiceRecordAccess
{
    /// <summary>
    /// Why a service's own workings (its phases, its team budget) cannot be changed now, or null: only a digital
    /// service has them, and only once approved, in Initiation or Delivery. <paramref name="has"/> names what it has
    /// ("a team budget"), <paramref name="whenOpen"/> what happens then ("a service's team is costed").
    /// </summary>
    public static string? ClosedReason(ProjectDocument project, string has, string whenOpen)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.Request.Category != ProjectCategory.DigitalService)
        {
            return $"Only a digital service has {has}; this is a technology project.";
        }

        return project.Stage is ProjectStage.Initiation or ProjectStage.Delivery
            ? null
            : $"The project is in {project.Stage}; {whenOpen} once approved, in Initiation or Delivery.";
    }

    /// <summary>The project and its service, or the refusal: 404 when the person may not see it, 409 when it is no started digital service.</summary>
    public static async Task<(ProjectDocument? Project, ServiceRecord? Service, IResult? Refusal)> ForReadingAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, ServiceRepository services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var (project, refusal) = await BacklogAccess.ForReadingAsync(id, user, projects, cancellationToken);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        return await services.GetAsync(project!.ProjectId, cancellationToken) is { } service
            ? (project, service, null)
            : (null, null, Problems.Status(StatusCodes.Status409Conflict, "Not now", "The service has not started its phases: its delivery manager starts Discovery first."));
    }

    /// <summary>
    /// As <see cref="ForReadingAsync"/>, and 403 unless the person is the delivery manager (or, with
    /// <paramref name="teamMayRecord"/>, in the current phase's team), 409 unless the service goes on.
    /// </summary>
    public static async Task<(ProjectDocument? Project, ServiceRecord? Service, IResult? Refusal)> ForRecordingAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, ServiceRepository services, ApprovalPolicy directory, string what, bool teamMayRecord, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (project, service, refusal) = await ForReadingAsync(id, user, projects, services, cancellationToken);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        if (!IsRecorder(user, project!, service!, directory, teamMayRecord))
        {
            return (null, null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", $"Only the service's delivery manager{(teamMayRecord ? " or its team" : string.Empty)} can record {what}."));
        }

        if (project!.Stage is not (ProjectStage.Initiation or ProjectStage.Delivery) || service!.Status != ServiceStatus.Active)
        {
            return (null, null, Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The service is {service!.Status.ToString().ToLowerInvariant()} and its project in {project.Stage}: {what} are recorded while it goes on."));
        }

        return (project, service, null);
    }

    /// <summary>Whether the person may keep the record: the delivery manager, or with <paramref name="teamMayRecord"/> someone in the current phase's team.</summary>
    public static bool IsRecorder(ClaimsPrincipal user, ProjectDocument project, ServiceRecord service, ApprovalPolicy directory, bool teamMayRecord)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(service);
        return ProjectRecordAccess.IsManager(user, project, directory) || (teamMayRecord && service.TeamIds.Contains(user.UserId(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Whether a page offers the person its form: they may keep the record and the service goes on, as <see cref="ForRecordingAsync"/> checks.</summary>
    public static bool MayRecord(ClaimsPrincipal user, ProjectDocument project, ServiceRecord service, ApprovalPolicy directory, bool teamMayRecord)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(service);
        return IsRecorder(user, project, service, directory, teamMayRecord)
            && project.Stage is ProjectStage.Initiation or ProjectStage.Delivery && service.Status == ServiceStatus.Active;
    }

    /// <summary>A whole number from a route (like an iteration), or null when it is not one from 1 to <paramref name="max"/>.</summary>
    public static int? RouteNumber(string value, int max) =>
        value is { Length: >= 1 and <= 6 } && value.All(char.IsAsciiDigit) && int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) is var n && n >= 1 && n <= max ? n : null;
}
