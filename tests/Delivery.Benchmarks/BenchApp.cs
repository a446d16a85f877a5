using Delivery.Functions.App.Standalone.Durable;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;

namespace Delivery.Benchmarks;

/// <summary>
/// The real app standalone (the tests' <see cref="RunningApp"/>, so a task hub and a database of its own) with a
/// two-step approval band, approvers at this run's addresses, and the engine's storage requests counted.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    private const string Provider = "AzureFunctionsJobHost:extensions:durableTask:storageProvider:";

    private BenchApp(RunningApp app, RequestCounter requests)
    {
        App = app;
        Requests = requests;
    }

    public RunningApp App { get; }

    public RequestCounter Requests { get; }

    public static async Task<BenchApp> StartAsync(string tag, int partitions, TimeSpan maxPolling)
    {
        var settings = TestSettings.Local($"bench{tag}{Guid.NewGuid().ToString("N")[..6]}");
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Approvals:Bands:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        // A mid-size cost (Lifecycle.Cost) falls in a band of two single-approver steps.
        settings["Approvals:Bands:0:Name"] = "Up to £100,000";
        settings["Approvals:Bands:0:UpTo"] = "100000";
        settings["Approvals:Bands:0:Route"] = "role:LineManager; role:Finance";
        settings["Approvals:Bands:1:Name"] = "Over £100,000";
        settings["Approvals:Bands:1:Route"] = "role:LineManager; role:HeadOfService + role:Finance; role:ProjectBoard";
        for (var i = 0; settings.TryGetValue($"Approvals:People:{i}:Id", out var id); i++)
        {
            settings[$"Approvals:People:{i}:Email"] = EmailOf(tag, id!);
        }

        settings[Provider + "partitionCount"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[Provider + "maxQueuePollingInterval"] = maxPolling.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

        var requests = new RequestCounter();
        var app = await RunningApp.StartAsync(settings, configure: builder =>
        {
            // Registered before the app's own hosted services, so it runs before the engine starts and makes its clients.
            builder.Services.AddHostedService(sp => new CountingHook(sp.GetRequiredService<StandaloneDurableOptions>(), requests));
            builder.Logging.AddFilter("DurableTask", LogLevel.Error);
        });
        return new BenchApp(app, requests);
    }

    public static string EmailOf(string tag, string person) => $"{person}.{tag}@example.gov.uk";

    public async ValueTask DisposeAsync()
    {
        await App.App.StopAsync();
        await App.Services.GetRequiredService<Database>().DeleteAsync();
        await App.DisposeAsync();
    }

    private sealed class CountingHook(StandaloneDurableOptions options, RequestCounter requests) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            options.ConfigureStorageClientOptions = requests.Configure;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
