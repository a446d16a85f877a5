using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.GetProjectAudit;

/// <summary>The <c>GetProjectAudit</c> function: <c>GET /api/projects/{id}/audit</c> (see <see cref="GetProjectAuditEndpoint"/>).</summary>
public sealed class GetProjectAuditFunction(ProjectRepository projects, AuditLog audit)
{
    public const string Name = nameof(GetProjectAudit);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/audit")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return GetProjectAuditEndpoint.HandleAsync(id, req.HttpContext.User, projects, audit, cancellationToken);
    }
}
