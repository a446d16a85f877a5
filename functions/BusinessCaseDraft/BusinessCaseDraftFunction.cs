using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.BusinessCaseDraft;

/// <summary>
/// The <c>BusinessCaseDraft</c> function: <c>GET</c> and <c>PUT /api/projects/{id}/business-case</c>
/// (see <see cref="BusinessCaseDraftEndpoint"/>).
/// </summary>
public sealed class BusinessCaseDraftFunction(ProjectRepository projects, BusinessCaseRepository cases, BusinessCaseDocuments documents, InputLimits limits, TimeProvider clock)
{
    public const string Name = nameof(BusinessCaseDraft);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "projects/{id}/business-case")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return HttpMethods.IsPut(req.Method)
            ? BusinessCaseDraftEndpoint.PutAsync(id, req, req.HttpContext.User, projects, cases, documents, limits, clock, cancellationToken)
            : BusinessCaseDraftEndpoint.GetAsync(id, req.HttpContext.User, projects, cases, documents, cancellationToken);
    }
}
