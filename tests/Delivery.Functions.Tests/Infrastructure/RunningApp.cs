using Microsoft.AspNetCore.DataProtection;
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

    /// <remarks>
    /// Each app gets a task hub of its own unless the settings name one (a test restarting "the same" app on its
    /// hub), so apps sharing a database never run or delete each other's orchestrations.
    /// </remarks>
    public static async Task<RunningApp> StartAsync(
        IDictionary<string, string?> settings, string environment = "Development", Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.ContainsKey(TestSettings.TaskHubSetting))
        {
            settings = new Dictionary<string, string?>(settings) { [TestSettings.TaskHubSetting] = TestSettings.NewTaskHub() };
        }

        var app = DeliveryApp.Build(new DeliveryAppOptions
        {
            EnvironmentName = environment,
            UseLocalSettingsFile = false,
            Configure = builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);

                // Anti-forgery tokens are protected with data-protection keys, which by default live in one folder
                // shared by every app on the machine; many test apps starting at once made and swapped keys there,
                // and a form token now and then failed to validate (400). Each test app keeps its keys in memory.
                builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                FileLoggerProvider.AddTo(builder.Logging, settings[TestSettings.TaskHubSetting]!);
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

    public ValueTask DisposeAsync() => DisposeAsync(deleteTaskHub: true);

    /// <summary>
    /// Stops and disposes the app; with <paramref name="deleteTaskHub"/> false its task hub stays on Azurite, so a
    /// test can start a new app on the same hub (a restart) and find the orchestrations where they were.
    /// </summary>
    public async ValueTask DisposeAsync(bool deleteTaskHub)
    {
        Client.Dispose();
        await App.StopAsync();

        // The engine has stopped with the app, so its task hub (queues, tables, blobs on Azurite) can go.
        if (deleteTaskHub)
        {
            await App.Services.GetRequiredService<StandaloneDurableEngine>().DeleteTaskHubAsync();
        }

        await App.DisposeAsync();
    }
}
