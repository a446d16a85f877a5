using Delivery.Workflows.Audit;
using Microsoft.DurableTask.Client;

namespace Delivery.Workflows.Approvals;

/// <summary>
/// Records decisions and delegations on approval steps, for the decision page and the API alike, and tells the
/// step's orchestration.
/// </summary>
/// <remarks>
/// The step document is the arbiter: the write is guarded by the ETag read a moment before, so when many
/// decisions race exactly one write succeeds; the rest get <see cref="CommandStatus.Conflict"/>. Only the winner
/// writes the audit entry and raises the event, so there is one decision, one entry and one outcome. The durable
/// client is passed in by the caller: in Azure it comes from the function's <c>[DurableClient]</c> binding.
/// </remarks>
public sealed class ApprovalDecisionService(ApprovalStepRepository steps, AuditLog audit, ApprovalPolicy policy, TimeProvider clock)
{
    public async Task<CommandResult> DecideAsync(DurableTaskClient client, DecisionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Outcome is not (ApprovalOutcome.Approved or ApprovalOutcome.Rejected or ApprovalOutcome.ChangesRequested))
        {
            return CommandResult.Invalid("decision", "Select approve, reject or request changes.");
        }

        if (command.Outcome != ApprovalOutcome.Approved && string.IsNullOrWhiteSpace(command.Comment))
        {
            return CommandResult.Invalid("comment", command.Outcome == ApprovalOutcome.Rejected
                ? "Enter why you are rejecting it."
                : "Enter the changes you need.");
        }

        if (command.Comment?.Length > 4000)
        {
            return CommandResult.Invalid("comment", "The comment must be 4,000 characters or fewer.");
        }

        var step = await steps.GetAsync(command.StepId, cancellationToken);
        if (step is null)
        {
            return new CommandResult(CommandStatus.NotFound, "There is no such approval.");
        }

        var now = clock.GetUtcNow();
        var (check, tokens) = CheckCaller(step, command.UserId, command.Token, now);
        if (check is not null)
        {
            return check;
        }

        if (command.Adjustments is { } adjustments && (!step.IsFinal || (adjustments.ProjectManagerId is { } pm && policy.Find(pm) is null)))
        {
            return CommandResult.Invalid("projectManagerId", step.IsFinal ? "Choose a project manager from the list." : "Only the final approver can set the project manager and tolerances.");
        }

        if (step.Status != StepStatus.Pending)
        {
            return new CommandResult(CommandStatus.Conflict, "This approval has already been decided.");
        }

        var onBehalfOf = string.Equals(step.Approver.Id, command.UserId, StringComparison.OrdinalIgnoreCase) ? null : step.Approver.Id;
        var decision = new StepDecision(step.Id, command.Outcome, command.UserId, onBehalfOf, command.Comment?.Trim(), now, command.Outcome == ApprovalOutcome.Approved ? command.Adjustments : null);
        if (await steps.TryReplaceAsync(step with { Status = StepStatus.Decided, Decision = decision, Tokens = tokens }, cancellationToken) is null)
        {
            return new CommandResult(CommandStatus.Conflict, "Someone else decided this approval at the same moment.");
        }

        await audit.AppendAsync($"{step.Id}:decision", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = step.ProjectId,
            At = now,
            Actor = command.UserId,
            OnBehalfOf = onBehalfOf,
            Action = AuditAction.Decided,
            Summary = $"{Describe(command.Outcome)} the {step.Subject} as {step.Label.ToLowerInvariant()}",
            Comment = decision.Comment,
            Subject = step.Id,
        }, CancellationToken.None);
        await client.RaiseEventAsync(step.InstanceId, ApprovalEvents.StepSignal, new StepSignal(StepSignalKind.Decided, decision.ForWorkflow()), CancellationToken.None);
        return new CommandResult(CommandStatus.Recorded, "Your decision is recorded.", Decision: decision);
    }

    /// <summary>The approver hands the decision to someone else; both can then decide, and the audit says who did.</summary>
    public async Task<CommandResult> DelegateAsync(DurableTaskClient client, string stepId, string userId, string delegateId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var step = await steps.GetAsync(stepId, cancellationToken);
        if (step is null)
        {
            return new CommandResult(CommandStatus.NotFound, "There is no such approval.");
        }

        if (!string.Equals(step.Approver.Id, userId, StringComparison.OrdinalIgnoreCase))
        {
            return new CommandResult(CommandStatus.Forbidden, "Only the approver can delegate this decision.");
        }

        var delegatePerson = policy.Find(delegateId);
        if (delegatePerson is null || string.Equals(delegatePerson.Id, userId, StringComparison.OrdinalIgnoreCase))
        {
            return CommandResult.Invalid("delegateId", "Choose someone else from the list of approvers.");
        }

        if (step.Status != StepStatus.Pending)
        {
            return new CommandResult(CommandStatus.Conflict, "This approval has already been decided.");
        }

        if (await steps.TryReplaceAsync(step with { Delegate = delegatePerson.ToPerson() }, cancellationToken) is null)
        {
            return new CommandResult(CommandStatus.Conflict, "The approval changed while you were delegating it. Try again.");
        }

        await audit.AppendAsync($"{step.Id}:delegated:{delegatePerson.Id}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = step.ProjectId,
            At = clock.GetUtcNow(),
            Actor = userId,
            Action = AuditAction.Delegated,
            Summary = $"Decision on the {step.Subject} delegated to {delegatePerson.Name}",
            Subject = step.Id,
        }, CancellationToken.None);
        await client.RaiseEventAsync(step.InstanceId, ApprovalEvents.StepSignal, new StepSignal(StepSignalKind.Delegated), CancellationToken.None);
        return new CommandResult(CommandStatus.Recorded, $"Delegated to {delegatePerson.Name}.");
    }

    /// <summary>
    /// Who may decide: with a link, the person it was sent to (or the delegate, with the approver's link); without one,
    /// the approver, delegate or escalation contact. Returns the tokens with the used one marked.
    /// </summary>
    public static (CommandResult? Refusal, IReadOnlyList<LinkToken> Tokens) CheckCaller(ApprovalStepDocument step, string userId, string? token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (token is null)
        {
            return step.MayDecide(userId)
                ? (null, step.Tokens)
                : (new CommandResult(CommandStatus.Forbidden, "You are not an approver of this step."), step.Tokens);
        }

        var link = step.Tokens.FirstOrDefault(t => LinkTokens.Matches(token, t.Hash));
        if (link is null)
        {
            return (new CommandResult(CommandStatus.Forbidden, "This link is not valid for this approval."), step.Tokens);
        }

        var sameUser = string.Equals(link.PersonId, userId, StringComparison.OrdinalIgnoreCase)
            || (string.Equals(link.PersonId, step.Approver.Id, StringComparison.OrdinalIgnoreCase) && string.Equals(step.Delegate?.Id, userId, StringComparison.OrdinalIgnoreCase));
        if (!sameUser || !step.MayDecide(userId))
        {
            return (new CommandResult(CommandStatus.Forbidden, "This link was sent to someone else. Sign in as the person it was sent to."), step.Tokens);
        }

        if (link.UsedAt is not null)
        {
            return (new CommandResult(CommandStatus.LinkUsed, "This link has already been used."), step.Tokens);
        }

        if (link.ExpiresAt <= now)
        {
            return (new CommandResult(CommandStatus.LinkExpired, "This link has expired. Ask the delivery team for a new one, or decide through the API."), step.Tokens);
        }

        return (null, step.Tokens.Select(t => ReferenceEquals(t, link) ? t with { UsedAt = now } : t).ToList());
    }

    public static string Describe(ApprovalOutcome outcome) => outcome switch
    {
        ApprovalOutcome.Approved => "Approved",
        ApprovalOutcome.Rejected => "Rejected",
        ApprovalOutcome.ChangesRequested => "Asked for changes to",
        _ => outcome.ToString(),
    };
}
