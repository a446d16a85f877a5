using Delivery.Workflows.Approvals;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ApprovalGate;

/// <summary>
/// Sends someone a decision link for a step: a new token whose hash is stored on the step, in an email sent once
/// per (step, purpose, recipient).
/// </summary>
/// <remarks>
/// A retried activity issues another token before the outbox finds the email already sent; that token is never
/// emailed, so it is unusable, and it expires like the rest.
/// </remarks>
public sealed class StepLinkSender(
    ApprovalStepRepository steps, ProjectRepository projects, EmailOutbox outbox, ApprovalPolicy policy, WorkflowEnvironment environment, TimeProvider clock)
{
    public delegate EmailMessage BuildMessage(ProjectDocument project, ApprovalStepDocument step, ApprovalPerson to, Uri link, DateTimeOffset expires);

    public async Task SendAsync(ApprovalStepDocument step, ApprovalPerson to, string purpose, BuildMessage build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(build);
        var project = await projects.GetAsync(step.ProjectId, cancellationToken)
            ?? throw new InvalidOperationException($"Project {step.ProjectId} of step {step.Id} does not exist.");
        var token = LinkTokens.NewToken();
        var expires = clock.GetUtcNow() + policy.LinkLifetime;
        var stored = await steps.UpdateAsync(
            step.Id, s => s with { Tokens = [.. s.Tokens, new LinkToken(LinkTokens.Hash(token), to.Id, expires)] }, cancellationToken)
            ?? throw new InvalidOperationException($"Step {step.Id} does not exist.");
        var message = build(project, stored, to, ApprovalLinks.DecisionPage(environment.PublicBaseUrl, step.Id, token), expires);
        await outbox.SendOnceAsync(step.ProjectId, $"{step.Id}:{purpose}:{to.Email}", message, cancellationToken);
    }
}
