using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Delivery.Durable.Backends;
using Delivery.Durable.Backends.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>What only the Cosmos backend does: blob offload, document size, index repair, timer hops.</summary>
[Trait("Category", "Cosmos")]
public sealed class CosmosBackendTests : IAsyncLifetime
{
    private readonly CosmosTestHub _hub = new("cosmos", o =>
    {
        o.IndexBucketCount = 2;
        o.MaxTimerHop = TimeSpan.FromSeconds(1);
    });

    private CosmosBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = _hub.Create();
        await _backend.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => _hub.DeleteAsync();

    [Fact]
    public async Task LargeInput_IsStoredInBlobUnderAContentName_AndRetriedWritesReuseIt()
    {
        var input = InstanceRecords.Json(50 * 1024, 'i');
        await _backend.Instances.TryCreateAsync(InstanceRecords.New("offload", input: input));
        var record = (await _backend.Instances.GetAsync("offload"))!;
        record.RuntimeStatus = OrchestrationRuntimeStatus.Running;

        await _backend.Instances.TryCommitAsync(record);
        var document = await RawDocumentAsync("offload");
        var blobs = await BlobNamesAsync("offload/");

        Assert.False(document.GetProperty("input").TryGetProperty("v", out _));
        var blobName = document.GetProperty("input").GetProperty("b").GetString();
        Assert.Equal([blobName!], blobs);
        Assert.StartsWith("offload/input/", blobName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyMediumHistoryEvents_KeepTheDocumentUnderTheLimit()
    {
        var record = InstanceRecords.New("big-history");
        for (var i = 0; i < 80; i++)
        {
            record.History.Add(InstanceRecords.Json(30 * 1024, 'e', i));
        }

        await _backend.Instances.TryCreateAsync(record);
        var document = await RawDocumentAsync("big-history");

        Assert.InRange(document.GetRawText().Length, 1, _hub.Options.MaxDocumentBytes);
        Assert.Contains(document.GetProperty("history").EnumerateArray(), e => e.TryGetProperty("b", out _));
        Assert.Equal(record.History, (await _backend.Instances.GetAsync("big-history"))!.History);
    }

    [Fact]
    public async Task IndexEntryLeftBehindByACrash_IsRepairedByTheNextQuery()
    {
        await _backend.Instances.TryCreateAsync(InstanceRecords.New("crashed", status: OrchestrationRuntimeStatus.Running));
        var record = (await _backend.Instances.GetAsync("crashed"))!;
        record.RuntimeStatus = OrchestrationRuntimeStatus.Completed;
        await _backend.Instances.TryCommitAsync(record);
        var index = new InstanceIndex(IndexContainer, _hub.Options.IndexBucketCount);
        var running = IndexState.From(InstanceRecords.New("crashed", status: OrchestrationRuntimeStatus.Running));
        var completed = IndexState.From(record);
        await index.UpsertAsync("crashed", [running, completed], null, default);

        var asRunning = await _backend.Instances.QueryAsync(new InstanceFilter { Statuses = [OrchestrationRuntimeStatus.Running] });
        var asCompleted = await _backend.Instances.QueryAsync(new InstanceFilter { Statuses = [OrchestrationRuntimeStatus.Completed] });
        var entry = await index.ReadAsync("crashed", default);

        Assert.Empty(asRunning.Instances);
        Assert.Equal(["crashed"], asCompleted.Instances.Select(r => r.InstanceId));
        Assert.Equal([completed], entry!.States);
    }

    [Fact]
    public async Task IndexEntryOfAPurgedInstance_IsDroppedByTheNextQuery()
    {
        var index = new InstanceIndex(IndexContainer, _hub.Options.IndexBucketCount);
        await index.UpsertAsync("ghost", [IndexState.From(InstanceRecords.New("ghost"))], null, default);

        var page = await _backend.Instances.QueryAsync(new InstanceFilter());

        Assert.Empty(page.Instances);
        Assert.Null(await index.ReadAsync("ghost", default));
    }

    [Fact]
    public async Task DelayLongerThanOneHop_IsCarriedOverSeveralHops()
    {
        var stopwatch = Stopwatch.StartNew();
        await _backend.WorkQueue.EnqueueAsync("{\"timer\":\"far\"}", TimeSpan.FromSeconds(2.5));

        QueuedMessage? due = null;
        while (due is null && stopwatch.Elapsed < TimeSpan.FromSeconds(15))
        {
            due = (await _backend.WorkQueue.DequeueAsync(32, TimeSpan.FromSeconds(30))).SingleOrDefault();
            await Task.Delay(100);
        }

        Assert.NotNull(due);
        Assert.Equal("{\"timer\":\"far\"}", due.Body);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(2.4), $"came back after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task MessageTextAsTheFunctionsHostDeliversIt_DecodesToTheBody()
    {
        var body = InstanceRecords.Json(60 * 1024, 'm');
        await _backend.WorkQueue.EnqueueAsync(body);
        var raw = (await _backend.StorageQueue.Queue.ReceiveMessagesAsync(1)).Value.Single();
        var hostText = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(raw.MessageText));

        var decoded = await _backend.StorageQueue.ReadBodyAsync(hostText);

        Assert.StartsWith("@blob:", hostText, StringComparison.Ordinal);
        Assert.Equal(body, decoded);
    }

    private Container IndexContainer => _hub.Cosmos.GetDatabase(_hub.Options.DatabaseName).GetContainer(_hub.Options.IndexContainerName);

    private async Task<JsonElement> RawDocumentAsync(string instanceId)
    {
        using var response = await _hub.Cosmos.GetDatabase(_hub.Options.DatabaseName)
            .GetContainer(_hub.Options.InstancesContainerName)
            .ReadItemStreamAsync(instanceId, new PartitionKey(instanceId));
        using var json = await JsonDocument.ParseAsync(response.Content);
        return json.RootElement.Clone();
    }

    private async Task<List<string>> BlobNamesAsync(string prefix)
    {
        var names = new List<string>();
        var container = LocalServices.Blobs().GetBlobContainerClient(_hub.Options.PayloadContainerName);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, default))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
