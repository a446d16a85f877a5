using System.Diagnostics;
using Delivery.Durable.Backends;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>The work queue (visibility, leases, abandon, large bodies) and the poison store.</summary>
public abstract class BackendQueueContractTests : BackendTestBase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected IWorkQueue Queue => Backend.WorkQueue;

    [Fact]
    public async Task EnqueueThenDequeue_ReturnsTheBodyOnce()
    {
        await Queue.EnqueueAsync("{\"kind\":\"hello\"}");

        var first = await DequeueOneAsync(TimeSpan.FromSeconds(5));
        var second = await Queue.DequeueAsync(32, Lease);

        Assert.Equal("{\"kind\":\"hello\"}", first.Body);
        Assert.Equal(1, first.DequeueCount);
        Assert.Empty(second);
    }

    [Fact]
    public async Task DeletedMessage_NeverComesBack()
    {
        await Queue.EnqueueAsync("{\"n\":1}");
        var message = await DequeueOneAsync(TimeSpan.FromSeconds(5));

        await Queue.DeleteAsync(message);
        await Task.Delay(1200);
        var again = await Queue.DequeueAsync(32, TimeSpan.FromSeconds(1));

        Assert.Empty(again);
    }

    [Fact]
    public async Task VisibilityDelay_HidesTheMessageUntilDue()
    {
        var stopwatch = Stopwatch.StartNew();
        await Queue.EnqueueAsync("{\"timer\":true}", TimeSpan.FromSeconds(2));

        var early = await Queue.DequeueAsync(32, Lease);
        var due = await DequeueOneAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(early);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.5), $"visible after {stopwatch.Elapsed}");
        Assert.Equal("{\"timer\":true}", due.Body);
    }

    [Fact]
    public async Task AbandonedMessage_ComesBackWithAHigherDequeueCount()
    {
        await Queue.EnqueueAsync("{\"retry\":1}");
        var first = await DequeueOneAsync(TimeSpan.FromSeconds(5));

        await Queue.AbandonAsync(first, TimeSpan.Zero);
        var second = await DequeueOneAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task ExpiredLease_MakesTheMessageVisibleAgain()
    {
        await Queue.EnqueueAsync("{\"lease\":1}");
        var first = await DequeueOneAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

        var second = await DequeueOneAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(first.Body, second.Body);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task LargeAndUnusualBodies_RoundTripUnchanged()
    {
        var large = InstanceRecords.Json(100 * 1024, 'q');
        var bodies = new[] { large, "@not-an-envelope", "{\"unicode\":\"é€😀\"}" };
        foreach (var body in bodies)
        {
            await Queue.EnqueueAsync(body);
        }

        var received = new List<string>();
        var deadline = Stopwatch.StartNew();
        while (received.Count < bodies.Length && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            foreach (var message in await Queue.DequeueAsync(32, Lease))
            {
                received.Add(message.Body);
                await Queue.DeleteAsync(message);
            }
        }

        Assert.Equal(bodies.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PoisonStore_ListsWhatWasAdded()
    {
        var failedAt = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        await Backend.Poison.AddAsync(new PoisonMessage("m-1", "{\"bad\":1}", 5, "InvalidOperationException: boom", failedAt));
        var largeBody = InstanceRecords.Json(60 * 1024, 'z');
        await Backend.Poison.AddAsync(new PoisonMessage("m-2", largeBody, 6, "TimeoutException", failedAt.AddMinutes(1)));

        var listed = await Backend.Poison.ListAsync();

        Assert.Equal(["m-1", "m-2"], listed.Select(m => m.Id));
        Assert.Equal("InvalidOperationException: boom", listed[0].Error);
        Assert.Equal(5, listed[0].DequeueCount);
        Assert.Equal(largeBody, listed[1].Body);
    }

    protected async Task<QueuedMessage> DequeueOneAsync(TimeSpan timeout, TimeSpan? lease = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            var messages = await Queue.DequeueAsync(1, lease ?? Lease);
            if (messages.Count > 0)
            {
                return messages[0];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message within {timeout}.");
    }
}
