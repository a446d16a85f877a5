using Delivery.Functions.BusinessCaseDraft;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.SubmitBusinessCase;

/// <summary>The <c>SubmitBusinessCase</c> function: <c>POST /api/projects/{id}/business-case/submit</c> (see <see cref="SubmitBusinessCaseEndpoint"/>).</summary>
public sealed class SubmitBusinessCaseFunction(
    ProjectRepository projects, BusinessCaseRepository cases, BusinessCaseDocuments documents, LifecycleCommands lifecycle, InputLimits limits, TimeProvider clock)
{
    public const string Name = nameof(SubmitBusinessCase);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/business-case/submit")] HttpRequest req, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return SubmitBusinessCaseEndpoint.HandleAsync(client, id, req.HttpContext.User, projects, cases, documents, lifecycle, limits, clock, cancellationToken);
    }
}
