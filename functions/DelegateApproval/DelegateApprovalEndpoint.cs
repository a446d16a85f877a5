using Microsoft.DurableTask.Client;
using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.DelegateApproval;

/// <summary><c>POST /api/approvals/{id}/delegate</c> with <c>{"delegateId": "…"}</c>: the approver hands the decision to a named delegate.</summary>
public static class DelegateApprovalEndpoint
{
    public static async Task<IResult> HandleAsync(DurableTaskClient client, string id, HttpRequest request, ClaimsPrincipal user, ApprovalDecisionService decisions, InputLimits limits, CancellationToken cancellationToken)
    {
        var (body, failure) = await JsonBody.ReadAsync<DelegateBody>(request, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(body?.DelegateId))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["delegateId"] = ["Enter the id of the person to delegate to."] });
        }

        if (body.DelegateId.Length > limits.MaxNameLength)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["delegateId"] = [$"A person's id is {limits.MaxNameLength} characters or fewer."] });
        }

        var result = await decisions.DelegateAsync(client, id, user.UserId(), body.DelegateId, cancellationToken);
        return result.Status == CommandStatus.Recorded ? TypedResults.Ok(new CommandMessage(result.Message)) : CommandResults.ToProblem(result);
    }
}

/// <summary>Who to delegate to.</summary>
public sealed record DelegateBody(string? DelegateId);

/// <summary>A short confirmation.</summary>
public sealed record CommandMessage(string Message);
