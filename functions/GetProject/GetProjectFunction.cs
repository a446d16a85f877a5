using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.GetProject;

/// <summary>The <c>GetProject</c> function: <c>GET /api/projects/{id}</c> (see <see cref="GetProjectEndpoint"/>).</summary>
public sealed class GetProjectFunction(ProjectRepository projects)
{
    public const string Name = nameof(GetProject);

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await GetProjectEndpoint.HandleAsync(id, req.HttpContext.User, projects, cancellationToken);
    }
}
