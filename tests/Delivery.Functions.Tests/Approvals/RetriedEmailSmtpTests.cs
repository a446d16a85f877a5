using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>The idempotent email activity over the real SMTP path: maildev must hold exactly one message.</summary>
public sealed class RetriedEmailSmtpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Activity_retried_after_its_email_went_sends_one_email()
    {
        // Arrange
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        var policy = app.App.Services.GetRequiredService<ApprovalPolicy>();
        var plan = ApprovalRouter.Route(policy, 9_000m, new ProjectRequester("rita", "rita.patel@example.gov.uk")).Rounds[0].Steps[0];
        var input = new OpenApprovalStep("retry-test", new ApprovalStepInput(projectId, "retry-v1", "Test case, version 1", plan, policy.Timing, true));
        var activity = ActivatorUtilities.CreateInstance<OpenApprovalStepActivity>(app.App.Services);

        // Act: the first attempt sends; the "retry" runs the whole activity again.
        await activity.RunAsync(null!, input);
        await activity.RunAsync(null!, input);
        await app.LinkAsync("line-lee", projectId);

        // Assert: SMTP sends finish before RunAsync returns, so a second message would already be in maildev.
        var emails = (await app.Inbox.ToAsync(app.EmailOf("line-lee"))).Where(e => e.Text?.Contains(projectId, StringComparison.Ordinal) == true).ToList();
        Assert.Single(emails);
    }
}
