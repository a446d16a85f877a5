using Delivery.Functions.App.Auth;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ApprovalPage;

/// <summary>
/// The <c>ApprovalPage</c> function: <c>GET</c> and <c>POST /api/approvals/{id}?token=…</c> (see
/// <see cref="ApprovalPageEndpoint"/>). A visitor who is not signed in is sent to sign in and back to the link.
/// </summary>
public sealed class ApprovalPageFunction(PageServices services)
{
    public const string Name = nameof(ApprovalPage);

    [Function(Name)]
    [SignInPage]
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
