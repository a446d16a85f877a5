using Delivery.Durable.Backends;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>
/// What every <see cref="IInstanceStore"/> must do, run against each backend by a subclass that supplies it.
/// Queries are in <see cref="BackendQueryContractTests"/>, queue and poison store in <see cref="BackendQueueContractTests"/>.
/// </summary>
public abstract class BackendContractTests : BackendTestBase
{

    [Fact]
    public async Task GetAsync_UnknownInstance_ReturnsNull()
    {
        var record = await Store.GetAsync("missing-" + Guid.NewGuid());

        Assert.Null(record);
    }

    [Fact]
    public async Task TryCreateAsync_NewInstance_StoresEveryField()
    {
        var record = InstanceRecords.Full("create-1");

        var created = await Store.TryCreateAsync(record);
        var read = await Store.GetAsync("create-1");

        Assert.True(created);
        Assert.NotNull(read);
        Assert.NotNull(read.ETag);
        InstanceRecords.AssertSameContent(record, read);
    }

    [Fact]
    public async Task TryCreateAsync_ExistingInstance_ReturnsFalseAndKeepsTheFirst()
    {
        await Store.TryCreateAsync(InstanceRecords.New("dup", input: "\"first\""));

        var created = await Store.TryCreateAsync(InstanceRecords.New("dup", input: "\"second\""));
        var read = await Store.GetAsync("dup");

        Assert.False(created);
        Assert.Equal("\"first\"", read!.SerializedInput);
    }

    [Fact]
    public async Task TryCommitAsync_CurrentETag_StoresChangesAndReturnsNewETag()
    {
        await Store.TryCreateAsync(InstanceRecords.New("commit-1"));
        var read = (await Store.GetAsync("commit-1"))!;
        var oldETag = read.ETag;
        read.RuntimeStatus = OrchestrationRuntimeStatus.Running;
        read.History.Add("{\"kind\":\"TaskScheduled\",\"id\":0}");
        read.PendingEvents.Add("{\"name\":\"Approved\"}");

        var newETag = await Store.TryCommitAsync(read);
        var after = (await Store.GetAsync("commit-1"))!;

        Assert.NotNull(newETag);
        Assert.NotEqual(oldETag, newETag);
        Assert.Equal(newETag, after.ETag);
        Assert.Equal(OrchestrationRuntimeStatus.Running, after.RuntimeStatus);
        Assert.Equal(read.History, after.History);
        Assert.Equal(read.PendingEvents, after.PendingEvents);
    }

    [Fact]
    public async Task TryCommitAsync_StaleETag_ReturnsNullAndKeepsTheWinner()
    {
        await Store.TryCreateAsync(InstanceRecords.New("race"));
        var first = (await Store.GetAsync("race"))!;
        var second = (await Store.GetAsync("race"))!;
        first.RuntimeStatus = OrchestrationRuntimeStatus.Completed;
        first.SerializedOutput = "\"done\"";
        second.History.Add("{\"stale\":true}");

        var winner = await Store.TryCommitAsync(first);
        var loser = await Store.TryCommitAsync(second);
        var after = (await Store.GetAsync("race"))!;

        Assert.NotNull(winner);
        Assert.Null(loser);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Empty(after.History);
    }

    [Fact]
    public async Task TryCommitAsync_DeletedInstance_ReturnsNull()
    {
        await Store.TryCreateAsync(InstanceRecords.New("gone"));
        var read = (await Store.GetAsync("gone"))!;
        await Store.DeleteAsync("gone");

        var result = await Store.TryCommitAsync(read);

        Assert.Null(result);
        Assert.Null(await Store.GetAsync("gone"));
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        await Store.TryCreateAsync(InstanceRecords.New("purge-me"));

        var first = await Store.DeleteAsync("purge-me");
        var second = await Store.DeleteAsync("purge-me");

        Assert.True(first);
        Assert.False(second);
        Assert.Null(await Store.GetAsync("purge-me"));
        Assert.Empty((await Store.QueryAsync(new InstanceFilter { InstanceIdPrefix = "purge-me" })).Instances);
    }

    [Fact]
    public async Task LargePayloads_RoundTripUnchanged()
    {
        var big = InstanceRecords.Json(100 * 1024, 'x');
        var record = InstanceRecords.New("large", input: big);
        record.SerializedCustomStatus = InstanceRecords.Json(60 * 1024, 'c');
        record.History.Add(InstanceRecords.Json(70 * 1024, 'h'));
        record.PendingEvents.Add(InstanceRecords.Json(50 * 1024, 'p'));
        await Store.TryCreateAsync(record);
        var read = (await Store.GetAsync("large"))!;
        read.SerializedOutput = InstanceRecords.Json(2 * 1024 * 1024, 'o');

        var committed = await Store.TryCommitAsync(read);
        var after = (await Store.GetAsync("large"))!;

        Assert.NotNull(committed);
        Assert.Equal(big, after.SerializedInput);
        Assert.Equal(read.SerializedOutput, after.SerializedOutput);
        Assert.Equal(record.SerializedCustomStatus, after.SerializedCustomStatus);
        Assert.Equal(record.History, after.History);
        Assert.Equal(record.PendingEvents, after.PendingEvents);
    }

    [Fact]
    public async Task LongHistoryOfMediumEvents_BeyondTheDocumentLimit_RoundTrips()
    {
        var record = InstanceRecords.New("long-history");
        for (var i = 0; i < 60; i++)
        {
            record.History.Add(InstanceRecords.Json(40 * 1024, (char)('a' + (i % 26)), i));
        }

        var created = await Store.TryCreateAsync(record);
        var read = (await Store.GetAsync("long-history"))!;

        Assert.True(created);
        Assert.Equal(record.History, read.History);
    }
}
