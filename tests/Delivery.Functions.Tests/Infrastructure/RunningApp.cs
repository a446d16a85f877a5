using Delivery.Functions.App.Standalone.Durable;
using Delivery.Functions.App;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>The real app on Kestrel at a free loopback port, talking to the real local services.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    private RunningApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<RunningApp> StartAsync(
        IDictionary<string, string?> settings, string environment = "Development", Action<WebApplicationBuilder>? configure = null)
    {
        var app = DeliveryApp.Build(new DeliveryAppOptions
        {
            EnvironmentName = environment,
            UseLocalSettingsFile = false,
            Configure = builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                configure?.Invoke(builder);
            },
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApp(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public HttpClient ClientAs(string devPersonId)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Dev-User", devPersonId);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();

        // The engine has stopped with the app, so its task hub (queues, tables, blobs on Azurite) can go.
        await App.Services.GetRequiredService<StandaloneDurableEngine>().DeleteTaskHubAsync();
        await App.DisposeAsync();
    }
}
