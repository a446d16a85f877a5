using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Tests.Views;

/// <summary>
/// The flow view in Cosmos: applying a project's entries puts its finish in the month it was approved and takes it
/// out of work in progress; replaying the same entries writes nothing; a lost month document comes back on a replay.
/// </summary>
public sealed class FlowViewTests(ViewsDatabase db) : IClassFixture<ViewsDatabase>
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Replaying_entries_changes_nothing_and_restores_what_was_lost()
    {
        var flow = new FlowView(db.Database);
        var projectId = "flow-" + Guid.NewGuid().ToString("N")[..8];
        await flow.ApplyAsync(projectId, [Entry(projectId, "sub", 0, AuditAction.Submitted, ProjectStage.Request)], CancellationToken.None);
        var inProgress = await flow.ReadAsync(["2026-01", "2026-02"], CancellationToken.None);
        Assert.Equal([(projectId, ProjectStage.Request)], inProgress.Wip.Items.Select(i => (i.ProjectId, i.Stage)).ToArray());

        AuditEntry[] approved = [Entry(projectId, "sub", 0, AuditAction.Submitted, ProjectStage.Request), Entry(projectId, "init", 6, AuditAction.StageChanged, ProjectStage.Initiation)];
        await flow.ApplyAsync(projectId, approved, CancellationToken.None);
        var first = await flow.ReadAsync(["2026-01", "2026-02"], CancellationToken.None);
        Assert.Empty(first.Wip.Items);
        Assert.Empty(first.Months[0].Items);
        var item = Assert.Single(first.Months[1].Items);
        Assert.Equal((projectId, 6d), (item.ProjectId, item.Finished!.LeadTimeDays));

        await flow.ApplyAsync(projectId, approved, CancellationToken.None);
        var again = await flow.ReadAsync(["2026-01", "2026-02"], CancellationToken.None);
        Assert.Equal(first.Months[1].ETag, again.Months[1].ETag);
        Assert.Equal(first.Wip.ETag, again.Wip.ETag);

        await db.Views.DeleteItemAsync<object>(FlowMonth.IdFor("2026-02"), new PartitionKey(ViewIds.Flow));
        await flow.ApplyAsync(projectId, approved, CancellationToken.None);
        var restored = await flow.ReadAsync(["2026-02"], CancellationToken.None);
        Assert.Equal(6d, Assert.Single(restored.Months[0].Items).Finished!.LeadTimeDays);
    }

    private static AuditEntry Entry(string projectId, string id, int day, AuditAction action, ProjectStage stage) => new()
    {
        Id = id,
        ProjectId = projectId,
        At = Day0.AddDays(day),
        Actor = AuditEntry.System,
        Action = action,
        Summary = action.ToString(),
        Subject = stage.ToString(),
    };
}
