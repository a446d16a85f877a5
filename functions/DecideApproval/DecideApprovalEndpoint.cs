using Microsoft.DurableTask.Client;
using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.DecideApproval;

/// <summary>
/// <c>POST /api/approvals/{id}/decision</c>: an authenticated approver, delegate or escalation contact decides
/// without the emailed link. JSON only, so a cross-site form cannot post it.
/// </summary>
public static class DecideApprovalEndpoint
{
    public static async Task<IResult> HandleAsync(DurableTaskClient client, string id, HttpRequest request, ClaimsPrincipal user, ApprovalDecisionService decisions, InputLimits limits, CancellationToken cancellationToken)
    {
        var (body, failure) = await JsonBody.ReadAsync<DecisionBody>(request, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (body is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["Send a JSON body with decision and, unless approving, comment."] });
        }

        var outcome = DecisionBody.ParseOutcome(body.Decision);
        if (outcome is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["decision"] = ["Decision must be approve, reject or request-changes."] });
        }

        var adjustments = body.ProjectManagerId is null && body.Tolerances is null ? null : new InitiationAdjustments(body.ProjectManagerId, body.Tolerances);
        var result = await decisions.DecideAsync(client, new DecisionCommand(id, user.UserId(), null, outcome.Value, body.Comment, adjustments), cancellationToken);
        return result.Status == CommandStatus.Recorded ? TypedResults.Ok(result.Decision) : CommandResults.ToProblem(result);
    }
}

/// <summary>A decision sent to the API; the final approver may also name the project manager and tolerances.</summary>
public sealed record DecisionBody(string? Decision, string? Comment, string? ProjectManagerId = null, Tolerances? Tolerances = null)
{
    public static ApprovalOutcome? ParseOutcome(string? decision) => decision?.Trim().ToUpperInvariant() switch
    {
        "APPROVE" or "APPROVED" => ApprovalOutcome.Approved,
        "REJECT" or "REJECTED" => ApprovalOutcome.Rejected,
        "REQUEST-CHANGES" or "CHANGES-REQUESTED" or "CHANGESREQUESTED" => ApprovalOutcome.ChangesRequested,
        _ => null,
    };
}
