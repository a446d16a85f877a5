using Microsoft.DurableTask.Client;
using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.DelegateApproval;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.WithdrawProject;

/// <summary><c>POST /api/projects/{id}/withdraw</c>: the requester withdraws the project; open approvals close and the lifecycle ends.</summary>
public static class WithdrawProjectEndpoint
{
    public static async Task<IResult> HandleAsync(DurableTaskClient client, string id, HttpRequest request, ClaimsPrincipal user, LifecycleCommands lifecycle, InputLimits limits, CancellationToken cancellationToken)
    {
        var (body, failure) = await JsonBody.ReadAsync<WithdrawBody>(request, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (body?.Reason?.Length > limits.MaxReasonLength)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = [$"The reason must be {limits.MaxReasonLength} characters or fewer."] });
        }

        var result = await lifecycle.WithdrawAsync(client, id, user.UserId(), body?.Reason, cancellationToken);
        return result.Status == CommandStatus.Recorded ? TypedResults.Ok(new CommandMessage(result.Message)) : CommandResults.ToProblem(result);
    }
}

/// <summary>Why the requester withdraws (optional).</summary>
public sealed record WithdrawBody(string? Reason);
