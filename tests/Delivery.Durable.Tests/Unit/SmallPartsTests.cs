using Delivery.Durable.Backends.InMemory;
using Delivery.Durable.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Durable.Tests.Unit;

public sealed class SmallPartsTests
{
    [Fact]
    public void RetryPolicy_DelayBefore_GrowsByTheCoefficientUpToTheMaximum()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(10), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(50));

        var delays = Enumerable.Range(2, 4).Select(policy.DelayBefore).ToList();

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(50)], delays);
    }

    [Fact]
    public async Task InMemoryWorkQueue_DelayedMessage_BecomesVisibleOnlyWhenTheFakeClockReachesIt()
    {
        var clock = new FakeTimeProvider();
        var queue = new InMemoryWorkQueue(clock);
        await queue.EnqueueAsync("later", TimeSpan.FromHours(72));

        var before = await queue.DequeueAsync(10, TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromHours(72));
        var after = await queue.DequeueAsync(10, TimeSpan.FromMinutes(1));

        Assert.Empty(before);
        Assert.Equal("later", Assert.Single(after).Body);
    }

    [Fact]
    public async Task InMemoryWorkQueue_ExpiredLease_RedeliversWithAHigherDequeueCountAndOldReceiptCannotDelete()
    {
        var clock = new FakeTimeProvider();
        var queue = new InMemoryWorkQueue(clock);
        await queue.EnqueueAsync("work");
        var first = Assert.Single(await queue.DequeueAsync(1, TimeSpan.FromMinutes(1)));

        clock.Advance(TimeSpan.FromMinutes(2));
        var second = Assert.Single(await queue.DequeueAsync(1, TimeSpan.FromMinutes(1)));
        await queue.DeleteAsync(first);

        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(1, queue.Count);
        await queue.DeleteAsync(second);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task InMemoryInstanceStore_CommitWithAStaleETag_IsRefused()
    {
        var store = new InMemoryInstanceStore();
        await store.TryCreateAsync(new() { InstanceId = "a", ExecutionId = "e", Name = "n", RuntimeStatus = OrchestrationRuntimeStatus.Running });
        var reader1 = (await store.GetAsync("a"))!;
        var reader2 = (await store.GetAsync("a"))!;

        reader1.RuntimeStatus = OrchestrationRuntimeStatus.Completed;
        var won = await store.TryCommitAsync(reader1);
        reader2.RuntimeStatus = OrchestrationRuntimeStatus.Running;
        var lost = await store.TryCommitAsync(reader2);

        Assert.NotNull(won);
        Assert.Null(lost);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await store.GetAsync("a"))!.RuntimeStatus);
    }

    [Theory]
    [InlineData(new[] { "1", "2", "10" }, "10")]
    [InlineData(new[] { "1.0", "1.10", "1.9" }, "1.10")]
    [InlineData(new[] { "", "5" }, null)]
    public void Registry_DefaultVersion_IsTheUnversionedOneElseTheHighest(string[] versions, string? expected)
    {
        var registry = new DurableTaskRegistry();
        foreach (var version in versions)
        {
            registry.AddOrchestratorFunc<int, int>("Flow", version, (_, i) => Task.FromResult(i));
        }

        Assert.Equal(expected, registry.DefaultVersion("flow"));
    }

    [Fact]
    public void Registry_SameNameTwice_Throws()
    {
        var registry = new DurableTaskRegistry().AddActivityFunc<int, int>("Twice", (_, i) => i);

        Assert.Throws<ArgumentException>(() => registry.AddActivityFunc<int, int>("twice", (_, i) => i));
    }

    [Fact]
    public void DeterministicGuid_SameNameSameGuid_DifferentNameDifferentGuid()
    {
        Assert.Equal(DeterministicGuid.Create("a"), DeterministicGuid.Create("a"));
        Assert.NotEqual(DeterministicGuid.Create("a"), DeterministicGuid.Create("b"));
    }

    [Fact]
    public void JsonDataConverter_UsesWebDefaults()
    {
        var json = JsonDataConverter.Default.Serialize(new { FirstName = "Ada" });

        Assert.Equal("{\"firstName\":\"Ada\"}", json);
        Assert.Equal("Ada", JsonDataConverter.Default.Deserialize<Dictionary<string, string>>("{\"firstName\":\"Ada\"}")!["firstName"]);
    }

    [Fact]
    public async Task KeyedLock_SecondHolderOfTheSameKeyWaitsForTheFirst()
    {
        var locks = new KeyedLock();
        var first = await locks.AcquireAsync("x", CancellationToken.None);

        var second = locks.AcquireAsync("x", CancellationToken.None);
        var other = await locks.AcquireAsync("y", CancellationToken.None);
        var waited = second.IsCompleted;
        first.Dispose();
        (await second).Dispose();
        other.Dispose();

        Assert.False(waited);
    }
}
