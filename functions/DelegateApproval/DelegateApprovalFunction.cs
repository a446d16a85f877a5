using Delivery.Workflows.Approvals;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.DelegateApproval;

/// <summary>The <c>DelegateApproval</c> function: <c>POST /api/approvals/{id}/delegate</c> (see <see cref="DelegateApprovalEndpoint"/>).</summary>
public sealed class DelegateApprovalFunction(ApprovalDecisionService decisions)
{
    public const string Name = nameof(DelegateApproval);

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{id}/delegate")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return DelegateApprovalEndpoint.HandleAsync(id, req, req.HttpContext.User, decisions, cancellationToken);
    }
}
