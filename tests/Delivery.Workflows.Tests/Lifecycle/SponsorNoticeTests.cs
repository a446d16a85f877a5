using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Tests.Support;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Tests.Lifecycle;

/// <summary>
/// The lifecycle's first activity receipts the requester and tells the named sponsor, each once however often it
/// runs; a requester who sponsors their own project gets only the receipt.
/// </summary>
public sealed class SponsorNoticeTests
{
    [Fact]
    public async Task The_sponsor_is_told_once_alongside_the_receipt_even_when_the_activity_runs_twice()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await StoreAsync(harness, p => p);
        var activity = NewActivity(harness);

        // Act: a retried activity runs again after its emails went.
        await activity.RunAsync(new ActivityContext(projectId), projectId);
        await activity.RunAsync(new ActivityContext(projectId), projectId);

        // Assert
        var notice = Assert.Single(harness.Email.To("victor.sponsor@example.gov.uk", SponsorNamedEmail.Category));
        Assert.Contains(projectId, notice.Text, StringComparison.Ordinal);
        Assert.Contains("Rita Patel has named you as the sponsor", notice.Text, StringComparison.Ordinal);
        Assert.Single(harness.Email.To("rita.patel@example.gov.uk", ReceiptEmail.Category));
    }

    [Fact]
    public async Task A_requester_who_sponsors_their_own_project_gets_only_the_receipt()
    {
        // Arrange
        await using var harness = await LifecycleHarness.StartAsync();
        var projectId = await StoreAsync(harness, p => p with { Request = p.Request with { Sponsor = p.Request.Requester } });
        var activity = NewActivity(harness);

        // Act
        await activity.RunAsync(new ActivityContext(projectId), projectId);

        // Assert
        Assert.Single(harness.Email.To("rita.patel@example.gov.uk", ReceiptEmail.Category));
        Assert.Empty(harness.Email.To("rita.patel@example.gov.uk", SponsorNamedEmail.Category));
    }

    private static async Task<string> StoreAsync(LifecycleHarness harness, Func<ProjectDocument, ProjectDocument> change)
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..24];
        await harness.Get<ProjectRepository>().TryCreateAsync(change(TestData.Project(projectId, 10_000m)), CancellationToken.None);
        return projectId;
    }

    private static SendReceiptActivity NewActivity(LifecycleHarness harness) =>
        new(harness.Get<ProjectRepository>(), harness.Get<EmailOutbox>(), harness.Get<WorkflowEnvironment>());

    private sealed class ActivityContext(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => nameof(SendReceiptActivity);

        public override string InstanceId => instanceId;
    }
}
