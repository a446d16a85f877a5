using Delivery.Durable.Tests.Cosmos;
using System.Diagnostics;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Delivery.Durable.Backends.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Delivery.Durable.Benchmarks;

/// <summary>One in-process worker and client on a task hub of its own, with every request counted.</summary>
internal sealed class WorkflowRunner : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly CosmosTaskHubOptions _options;

    private WorkflowRunner(IHost host, CountingBackend backend, RequestCounter requests, CosmosTaskHubOptions options)
    {
        _host = host;
        Backend = backend;
        Requests = requests;
        _options = options;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public CountingBackend Backend { get; }

    public RequestCounter Requests { get; }

    public DurableTaskClient Client { get; }

    public static async Task<WorkflowRunner> StartAsync(string prefix)
    {
        var requests = new RequestCounter();
        var options = new CosmosTaskHubOptions
        {
            DatabaseName = $"{prefix}-hub",
            WorkQueueName = $"{prefix}-work",
            PayloadContainerName = $"{prefix}-payloads",
        };
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(requests.StoragePolicy("queue"), HttpPipelinePosition.PerRetry);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(requests.StoragePolicy("blob"), HttpPipelinePosition.PerRetry);
        var cosmos = new CosmosBackend(
            LocalServices.CreateCosmosClient(requests.CosmosHandler),
            LocalServices.Queues(queueOptions),
            LocalServices.Blobs(blobOptions),
            options);
        var backend = new CountingBackend(cosmos);
        await backend.EnsureCreatedAsync();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(BenchWorkflows.Register)
            .UseBackend(_ => backend)
            .Configure(o => o.PollingInterval = TimeSpan.FromMilliseconds(50)));
        builder.Services.AddDurableTaskClient(b => b.UseBackend(_ => backend));
        var host = builder.Build();
        await host.StartAsync();
        return new WorkflowRunner(host, backend, requests, options);
    }

    /// <summary>Runs <paramref name="count"/> reference orchestrations, at most <paramref name="concurrency"/> at a time.</summary>
    public async Task<TimeSpan> RunReferenceAsync(int count, int concurrency, int timerMilliseconds, string tag)
    {
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, ct) =>
            {
                var id = $"{tag}-{i}";
                var done = Backend.Completion(id);
                await Client.ScheduleNewOrchestrationInstanceAsync(
                    BenchWorkflows.Reference, new ReferenceInput("s", timerMilliseconds), new StartOrchestrationOptions(id), ct);
                await Client.RaiseEventAsync(id, BenchWorkflows.ApprovalEvent, "yes", ct);
                await done.WaitAsync(TimeSpan.FromMinutes(5), ct);
            });
        return stopwatch.Elapsed;
    }

    /// <summary>Runs <paramref name="count"/> chains of <paramref name="length"/> activities at once.</summary>
    public async Task<TimeSpan> RunChainsAsync(int count, int length, string tag)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var id = $"{tag}-{i}";
            var done = Backend.Completion(id);
            await Client.ScheduleNewOrchestrationInstanceAsync(BenchWorkflows.Chain, length, new StartOrchestrationOptions(id));
            await done.WaitAsync(TimeSpan.FromMinutes(5));
        }));
        return stopwatch.Elapsed;
    }

    public void ResetCounts()
    {
        Backend.Reset();
        Requests.Reset();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await LocalServices.CreateCosmosClient().GetDatabase(_options.DatabaseName).DeleteAsync();
        await LocalServices.Queues().GetQueueClient(_options.WorkQueueName).DeleteIfExistsAsync();
        await LocalServices.Blobs().GetBlobContainerClient(_options.PayloadContainerName).DeleteIfExistsAsync();
    }
}
