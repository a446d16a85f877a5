using Microsoft.DurableTask.Client;
using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.BusinessCaseDraft;
using Delivery.Functions.DelegateApproval;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.SubmitBusinessCase;

/// <summary>
/// <c>POST /api/projects/{id}/business-case/submit</c>: checks the draft is complete, stores it as the next immutable
/// version and starts its approval. Resubmission after changes were asked for is the same step on its own route
/// (functions/ResubmitBusinessCase).
/// </summary>
public static class SubmitBusinessCaseEndpoint
{
    public static async Task<IResult> HandleAsync(
        DurableTaskClient client, string id, ClaimsPrincipal user, ProjectRepository projects, BusinessCaseRepository cases, BusinessCaseDocuments documents, LifecycleCommands lifecycle,
        InputLimits limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (project, record, refusal) = await BusinessCaseDraftEndpoint.EditableAsync(id, user, projects, cases, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (errors, result) = await SubmitAsync(client, project!, record!, user.UserId(), documents, lifecycle, limits, clock, cancellationToken);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        return result!.Status == CommandStatus.Recorded
            ? TypedResults.Accepted($"/api/projects/{project!.ProjectId}", new CommandMessage(result.Message))
            : CommandResults.ToProblem(result);
    }

    /// <summary>
    /// Checks the saved draft is complete and within bounds, stores it as the next version and starts its approval.
    /// Returns the errors by API path (nothing stored), or the lifecycle's answer. The API and the editor page both
    /// submit here, first time and after changes were asked for alike.
    /// </summary>
    public static async Task<(IDictionary<string, string[]>? Errors, CommandResult? Result)> SubmitAsync(
        DurableTaskClient client, ProjectDocument project, BusinessCaseDocument record, string userId, BusinessCaseDocuments documents, LifecycleCommands lifecycle,
        InputLimits limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(clock);
        var (draft, unreadable) = record.DraftBlob is null ? (null, false) : await documents.ReadAsync(record.DraftBlob, cancellationToken);
        if (unreadable)
        {
            return (new Dictionary<string, string[]> { ["draft"] = [BusinessCaseDraftEndpoint.UnreadableDraft] }, null);
        }

        if (draft is null)
        {
            return (new Dictionary<string, string[]> { ["draft"] = ["Save a draft of the business case before submitting it."] }, null);
        }

        var errors = BusinessCaseValidator.Validate(draft, limits, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            return (errors, null);
        }

        var version = record.Versions.Count + 1;
        await documents.SaveVersionAsync(project.ProjectId, version, draft, cancellationToken);
        var result = await lifecycle.SubmitBusinessCaseAsync(
            client, project.ProjectId, userId, draft, BusinessCaseDocuments.VersionBlob(project.ProjectId, version), version, cancellationToken);
        return (null, result);
    }
}
