using Microsoft.DurableTask.Client;
using System.Security.Claims;
using System.Text.Json;
using Delivery.Functions.App.Auth;
using Delivery.Functions.DelegateApproval;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.ProjectLifecycle;

namespace Delivery.Functions.WithdrawProject;

/// <summary><c>POST /api/projects/{id}/withdraw</c>: the requester withdraws the project; open approvals close and the lifecycle ends.</summary>
public static class WithdrawProjectEndpoint
{
    public static async Task<IResult> HandleAsync(DurableTaskClient client, string id, HttpRequest request, ClaimsPrincipal user, LifecycleCommands lifecycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        WithdrawBody? body = null;
        try
        {
            body = request.HasJsonContentType() ? await request.ReadFromJsonAsync<WithdrawBody>(cancellationToken) : null;
        }
        catch (JsonException)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["Send JSON like {\"reason\": \"…\"}, or no body."] });
        }

        var result = await lifecycle.WithdrawAsync(client, id, user.UserId(), body?.Reason, cancellationToken);
        return result.Status == CommandStatus.Recorded ? TypedResults.Ok(new CommandMessage(result.Message)) : CommandResults.ToProblem(result);
    }
}

/// <summary>Why the requester withdraws (optional).</summary>
public sealed record WithdrawBody(string? Reason);
