using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.DecideApproval;

/// <summary>The <c>DecideApproval</c> function: <c>POST /api/approvals/{id}/decision</c> (see <see cref="DecideApprovalEndpoint"/>).</summary>
public sealed class DecideApprovalFunction(ApprovalDecisionService decisions, InputLimits limits)
{
    public const string Name = nameof(DecideApproval);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{id}/decision")] HttpRequest req, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return DecideApprovalEndpoint.HandleAsync(client, id, req, req.HttpContext.User, decisions, limits, cancellationToken);
    }
}
