using Delivery.Workflows.Audit;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
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
public sealed class ApprovalDecisionService(
    ApprovalStepRepository steps, ProjectRepository projects, AuditLog audit, ApprovalPolicy policy, LifecyclePolicy lifecycle, TimeProvider clock)
{
    public async Task<CommandResult> DecideAsync(DurableTaskClient client, DecisionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(command);
        var errors = DecisionRules.Check(command, null, policy, lifecycle);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        // The step's own workflow writes to it too (a delegate's link, an escalation), so a write that loses the ETag
        // race to one of those decides again on the fresh document; only a decision by someone else is a conflict.
        for (var attempt = 1; ; attempt++)
        {
            var (result, stillOpen) = await TryDecideAsync(client, command, cancellationToken);
            if (result is not null)
            {
                return result;
            }

            if (!stillOpen || attempt == MaxAttempts)
            {
                return new CommandResult(CommandStatus.Conflict, "Someone else decided this approval at the same moment.");
            }
        }
    }

    private const int MaxAttempts = 5;

    /// <summary>One attempt: the result, or null when the write lost its race (then whether the step is still open).</summary>
    private async Task<(CommandResult? Result, bool StillOpen)> TryDecideAsync(DurableTaskClient client, DecisionCommand command, CancellationToken cancellationToken)
    {
        var step = await steps.GetAsync(command.StepId, cancellationToken);
        if (step is null)
        {
            return (new CommandResult(CommandStatus.NotFound, "There is no such approval."), false);
        }

        var now = clock.GetUtcNow();
        var (check, tokens) = CheckCaller(step, command.UserId, command.Token, now);
        if (check is not null)
        {
            return (check, false);
        }

        if (step.Status != StepStatus.Pending)
        {
            return (new CommandResult(CommandStatus.Conflict, "This approval has already been decided."), false);
        }

        var errors = DecisionRules.Check(command, step, policy, lifecycle);
        if (errors.Count > 0)
        {
            return (CommandResult.Invalid(errors), false);
        }

        if (await SeparationRefusalAsync(step, Person(step, command.UserId), "you", cancellationToken) is { } reason)
        {
            await AuditRefusalAsync(step, command.UserId, $"Decision on the {step.Subject} refused: {reason}", now);
            return (new CommandResult(CommandStatus.Forbidden, $"You cannot decide this approval: {reason}. It stays open for someone who can."), false);
        }

        var claim = await steps.ClaimGateAsync(step, command.UserId, cancellationToken);
        if (claim == GateClaim.Contended)
        {
            // Concurrent attempts on this step kept taking and giving back the claim: decide again on fresh state.
            return (null, true);
        }

        if (claim == GateClaim.HeldForAnotherStep)
        {
            const string claimed = "you are deciding another step of this approval, and one person gives one approval in a gate";
            await AuditRefusalAsync(step, command.UserId, $"Decision on the {step.Subject} refused: {claimed}", now);
            return (new CommandResult(CommandStatus.Forbidden, $"You cannot decide this approval: {claimed}."), false);
        }

        var onBehalfOf = step.Approver.Id.Equals(command.UserId, StringComparison.OrdinalIgnoreCase) ? null : step.Approver.Id;
        var decision = new StepDecision(step.Id, command.Outcome, command.UserId, onBehalfOf, command.Comment?.Trim(), now, command.Outcome == ApprovalOutcome.Approved ? command.Adjustments : null);
        if (await steps.TryReplaceAsync(step with { Status = StepStatus.Decided, Decision = decision, Tokens = tokens }, cancellationToken) is null)
        {
            var current = await steps.GetAsync(step.Id, CancellationToken.None);

            // Give the claim back unless this person's own concurrent attempt got the decision in.
            if (current?.Decision?.DecidedBy is not { } winner || !winner.Equals(command.UserId, StringComparison.OrdinalIgnoreCase))
            {
                await steps.ReleaseGateAsync(step, command.UserId, CancellationToken.None);
            }

            return (null, current?.Status == StepStatus.Pending);
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
        return (new CommandResult(CommandStatus.Recorded, "Your decision is recorded.", Decision: decision), false);
    }

    /// <summary>
    /// The approver hands the decision to someone else, who must be eligible under the same rules as an approver;
    /// both can then decide, and the audit says who did.
    /// </summary>
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

        var now = clock.GetUtcNow();
        if (await SeparationRefusalAsync(step, delegatePerson, delegatePerson.Name, cancellationToken) is { } why)
        {
            await AuditRefusalAsync(step, userId, $"Delegation of the {step.Subject} to {delegatePerson.Name} refused: {why}", now);
            return CommandResult.Invalid("delegateId", $"You cannot delegate to {delegatePerson.Name}: {why}. Choose someone else.");
        }

        if (await steps.TryReplaceAsync(step with { Delegate = delegatePerson.ToPerson() }, cancellationToken, replacing: step) is null)
        {
            return new CommandResult(CommandStatus.Conflict, "The approval changed while you were delegating it. Try again.");
        }

        await audit.AppendAsync($"{step.Id}:delegated:{delegatePerson.Id}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = step.ProjectId,
            At = now,
            Actor = userId,
            Action = AuditAction.Delegated,
            Summary = $"Decision on the {step.Subject} delegated to {delegatePerson.Name}",
            Subject = step.Id,
        }, CancellationToken.None);
        await client.RaiseEventAsync(step.InstanceId, ApprovalEvents.StepSignal, new StepSignal(StepSignalKind.Delegated), CancellationToken.None);
        return new CommandResult(CommandStatus.Recorded, $"Delegated to {delegatePerson.Name}.");
    }

    /// <summary>
    /// Why this person may not decide the step under separation of duties (the requester, a conflict in settings, or
    /// a part in another step of the gate), or null when they may.
    /// </summary>
    private async Task<string?> SeparationRefusalAsync(ApprovalStepDocument step, Approver person, string who, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(step.ProjectId, cancellationToken);
        var requester = project is null ? null : new ProjectRequester(project.SubmittedBy, project.Request.Requester.Email);
        if (requester is not null && SeparationOfDuties.Conflict(policy, person, requester, who) is { } conflict)
        {
            return conflict;
        }

        var gateSteps = (await steps.ListAsync(step.ProjectId, cancellationToken)).Where(s => s.GateId == step.GateId);
        return SeparationOfDuties.SecondApproval(person.Id, step, gateSteps, who);
    }

    /// <summary>Every refusal is on the audit trail, with who tried and why; each attempt is its own entry.</summary>
    private Task<bool> AuditRefusalAsync(ApprovalStepDocument step, string actor, string summary, DateTimeOffset at) =>
        audit.AppendAsync($"{step.Id}:refused:{actor}:{at.UtcTicks}:{Guid.NewGuid():N}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = step.ProjectId,
            At = at,
            Actor = actor,
            Action = AuditAction.Refused,
            Summary = summary,
            Subject = step.Id,
        }, CancellationToken.None);

    /// <summary>The decider as the scheme of delegation knows them, or as the step recorded them if settings changed since.</summary>
    private Approver Person(ApprovalStepDocument step, string userId) =>
        policy.Find(userId)
        ?? new[] { step.Approver, step.Delegate, step.EscalatedTo }.OfType<ApprovalPerson>()
            .Where(p => p.Id.Equals(userId, StringComparison.OrdinalIgnoreCase))
            .Select(p => new Approver(p.Id, p.Name, p.Email, [], null))
            .FirstOrDefault()
        ?? new Approver(userId, userId, string.Empty, [], null);

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
