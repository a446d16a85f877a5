using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.DelegateApproval;

/// <summary>The <c>DelegateApproval</c> function: <c>POST /api/approvals/{id}/delegate</c> (see <see cref="DelegateApprovalEndpoint"/>).</summary>
public sealed class DelegateApprovalFunction(ApprovalDecisionService decisions, InputLimits limits)
{
    public const string Name = nameof(DelegateApproval);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{id}/delegate")] HttpRequest req, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return DelegateApprovalEndpoint.HandleAsync(client, id, req, req.HttpContext.User, decisions, limits, cancellationToken);
    }
}
