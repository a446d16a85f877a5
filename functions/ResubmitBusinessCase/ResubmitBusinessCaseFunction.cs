using Delivery.Functions.BusinessCaseDraft;
using Delivery.Functions.SubmitBusinessCase;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ResubmitBusinessCase;

/// <summary>
/// The <c>ResubmitBusinessCase</c> function: <c>POST /api/projects/{id}/business-case/resubmit</c>. After an approver
/// asked for changes, the edited draft becomes the next version and its gate starts again; earlier rounds stay on
/// record. The checks and the versioning are those of a first submission, so it shares
/// <see cref="SubmitBusinessCaseEndpoint.HandleAsync"/>.
/// </summary>
public sealed class ResubmitBusinessCaseFunction(
    ProjectRepository projects, BusinessCaseRepository cases, BusinessCaseDocuments documents, LifecycleCommands lifecycle, InputLimits limits, TimeProvider clock)
{
    public const string Name = nameof(ResubmitBusinessCase);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/business-case/resubmit")] HttpRequest req, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return SubmitBusinessCaseEndpoint.HandleAsync(client, id, req.HttpContext.User, projects, cases, documents, lifecycle, limits, clock, cancellationToken);
    }
}
