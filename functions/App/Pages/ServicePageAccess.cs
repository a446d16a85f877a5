using Delivery.Functions.GetProject;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;

namespace Delivery.Functions.App.Pages;

/// <summary>
/// The project and service a service team's page shows (retrospectives, research log, weeknotes), or the page
/// saying why not: 404 when the person may not see the project, and the same when it is no digital service or has not
/// started its phases, so a page never tells an outsider more than the API does.
/// </summary>
public static class ServicePageAccess
{
    public static async Task<(ProjectDocument? Project, ServiceRecord? Service, IResult? Refusal)> ForReadingAsync(
        HttpContext context, string id, ProjectRepository projects, ServiceRepository services, PageRenderer pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(pages);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(context.User, project))
        {
            return (null, null, await pages.MessageAsync(context, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound));
        }

        var service = project.Request.Category == ProjectCategory.DigitalService ? await services.GetAsync(project.ProjectId, cancellationToken) : null;
        return service is null
            ? (null, null, await pages.MessageAsync(context, new("No service phases yet", "This is not a digital service that has started its phases."), StatusCodes.Status404NotFound))
            : (project, service, null);
    }
}
