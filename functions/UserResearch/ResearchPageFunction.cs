using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Research;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.UserResearch;

/// <summary>What the research log page shows: the service and its sessions, latest first.</summary>
public sealed record ResearchPageModel(ProjectDocument Project, IReadOnlyList<ResearchSession> Sessions);

/// <summary>
/// The user research log, <c>GET /api/projects/{id}/research/page</c>, for whoever may see the service: each session's
/// date, method, number of participants, findings and the backlog stories it informs, as evidence for assessments.
/// </summary>
public sealed class ResearchPageFunction(ProjectRepository projects, ServiceRepository services, ResearchRepository research, PageRenderer pages)
{
    [Function("ResearchLogPage")]
    [SignInPage]
    public async Task<IResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/research/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServicePageAccess.ForReadingAsync(req.HttpContext, id, projects, services, pages, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var sessions = await research.ListAsync(project!.ProjectId, cancellationToken);
        return await pages.PageAsync<ResearchLogView, ResearchPageModel>(req.HttpContext, new ResearchPageModel(project, sessions));
    }

    /// <summary>A method in words: "UsabilityTest" reads "Usability test".</summary>
    public static string Words(ResearchMethod method)
    {
        var name = method.ToString();
        return string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
    }
}
