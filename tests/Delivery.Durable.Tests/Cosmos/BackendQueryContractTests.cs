using Delivery.Durable.Backends;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>Instance queries: every filter, combined filters, and paging that neither loses nor repeats.</summary>
public abstract class BackendQueryContractTests : BackendTestBase
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task QueryAsync_SmallPages_ReturnEveryInstanceOnce()
    {
        for (var i = 0; i < 23; i++)
        {
            await Store.TryCreateAsync(InstanceRecords.New($"page-{i:D2}"));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryAsync(new InstanceFilter { PageSize = 5, ContinuationToken = token });
            Assert.True(page.Instances.Count <= 5, $"page of {page.Instances.Count}");
            seen.AddRange(page.Instances.Select(r => r.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 100);

        Assert.Equal(23, seen.Count);
        Assert.Equal(23, seen.Distinct().Count());
    }

    [Fact]
    public async Task QueryAsync_EachFilter_ReturnsOnlyMatches()
    {
        await Store.TryCreateAsync(InstanceRecords.New("order-1", "ApproveProject", OrchestrationRuntimeStatus.Running, createdAt: Monday, customStatus: "\"awaiting-board\""));
        await Store.TryCreateAsync(InstanceRecords.New("order-2", "approveproject", OrchestrationRuntimeStatus.Completed, createdAt: Monday.AddDays(1)));
        await Store.TryCreateAsync(InstanceRecords.New("review-1", "BenefitsReview", OrchestrationRuntimeStatus.Running, createdAt: Monday.AddDays(2), customStatus: "\"awaiting-board\""));
        await Store.TryCreateAsync(InstanceRecords.New("review-2", "BenefitsReview", OrchestrationRuntimeStatus.Failed, createdAt: Monday.AddDays(3)));

        Assert.Equal(["order-1", "review-1"], await IdsAsync(new InstanceFilter { Statuses = [OrchestrationRuntimeStatus.Running] }));
        Assert.Equal(["order-1", "order-2"], await IdsAsync(new InstanceFilter { Name = "APPROVEPROJECT" }));
        Assert.Equal(["review-1", "review-2"], await IdsAsync(new InstanceFilter { InstanceIdPrefix = "review-" }));
        Assert.Equal(["order-1", "review-1"], await IdsAsync(new InstanceFilter { CustomStatus = "\"awaiting-board\"" }));
        Assert.Equal(["order-2", "review-1"], await IdsAsync(new InstanceFilter { CreatedFrom = Monday.AddDays(1), CreatedTo = Monday.AddDays(2) }));
        Assert.Equal(["review-2"], await IdsAsync(new InstanceFilter
        {
            Name = "benefitsreview",
            Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Completed],
        }));
    }

    [Fact]
    public async Task QueryAsync_AfterStatusAndCustomStatusChange_FindsTheNewValuesOnly()
    {
        await Store.TryCreateAsync(InstanceRecords.New("moving", customStatus: "\"step-1\""));
        var record = (await Store.GetAsync("moving"))!;
        record.RuntimeStatus = OrchestrationRuntimeStatus.Completed;
        record.SerializedCustomStatus = "\"step-2\"";
        await Store.TryCommitAsync(record);

        var pending = await IdsAsync(new InstanceFilter { Statuses = [OrchestrationRuntimeStatus.Pending] });
        var completed = await IdsAsync(new InstanceFilter { Statuses = [OrchestrationRuntimeStatus.Completed] });
        var oldStatus = await IdsAsync(new InstanceFilter { CustomStatus = "\"step-1\"" });
        var newStatus = await IdsAsync(new InstanceFilter { CustomStatus = "\"step-2\"" });

        Assert.Empty(pending);
        Assert.Equal(["moving"], completed);
        Assert.Empty(oldStatus);
        Assert.Equal(["moving"], newStatus);
    }

    [Fact]
    public async Task QueryAsync_PagesWithAFilter_ReturnEveryMatchOnce()
    {
        for (var i = 0; i < 30; i++)
        {
            var status = i % 3 == 0 ? OrchestrationRuntimeStatus.Completed : OrchestrationRuntimeStatus.Running;
            await Store.TryCreateAsync(InstanceRecords.New($"mixed-{i:D2}", status: status));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(new InstanceFilter
            {
                Statuses = [OrchestrationRuntimeStatus.Completed],
                PageSize = 4,
                ContinuationToken = token,
            });
            Assert.All(page.Instances, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
            seen.AddRange(page.Instances.Select(r => r.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"mixed-{i * 3:D2}"), seen.Order());
    }

    protected async Task<List<string>> IdsAsync(InstanceFilter filter)
    {
        var ids = new List<string>();
        var token = filter.ContinuationToken;
        do
        {
            var page = await Store.QueryAsync(filter with { ContinuationToken = token });
            ids.AddRange(page.Instances.Select(r => r.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}
