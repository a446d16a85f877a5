using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ApprovalPage;

/// <summary>
/// The <c>ApprovalPage</c> function: <c>GET</c> and <c>POST /api/approvals/{id}?token=…</c> (see
/// <see cref="ApprovalPageEndpoint"/>). Anonymous so an unsigned visitor is sent to sign in rather than given a bare
/// 401; the page validates its form's anti-forgery token itself.
/// </summary>
public sealed class ApprovalPageFunction(PageServices services)
{
    public const string Name = nameof(ApprovalPage);

    [Function(Name)]
    [AllowAnonymous]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "approvals/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var token = req.Query["token"].FirstOrDefault();
        return HttpMethods.IsPost(req.Method)
            ? ApprovalPageEndpoint.PostAsync(client, id, token, req.HttpContext, services, cancellationToken)
            : ApprovalPageEndpoint.GetAsync(id, token, req.HttpContext, services, cancellationToken);
    }
}
