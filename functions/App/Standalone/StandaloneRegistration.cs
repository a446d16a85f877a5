using Azure.Storage.Queues;
using Delivery.Functions.App.Storage;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Standalone;

/// <summary>Wires the standalone host into a <see cref="WebApplication"/>: the function index, host.json, the trigger runners and the HTTP endpoints.</summary>
public static class StandaloneRegistration
{
    /// <summary>Call after the app's services are added (it reads the validated <c>Triggers__*</c> settings).</summary>
    public static WebApplicationBuilder AddStandaloneFunctionHost(this WebApplicationBuilder builder, FunctionIndex? functions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Standalone we listen where `func start` would.
        if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:7071");
        }

        var host = HostJson.Load(AppContext.BaseDirectory);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(functions ?? FunctionIndex.ForApp());
        var triggers = new LocalTriggerSettings();
        builder.Configuration.GetSection(LocalTriggerSettings.Section).Bind(triggers);
        if (triggers.ShouldRunLocally)
        {
            builder.Services.AddHostedService<TimerTriggerRunner>();
            builder.Services.AddHostedService(sp => new QueueTriggerRunner(
                sp.GetRequiredService<FunctionIndex>(),
                TriggerQueues(sp, host),
                host,
                sp.GetRequiredService<IOptions<LocalTriggerSettings>>(),
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<ILogger<QueueTriggerRunner>>()));
        }

        return builder;
    }

    public static WebApplication MapStandaloneFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        HttpFunctionEndpoints.Map(app, app.Services.GetRequiredService<FunctionIndex>(), app.Services.GetRequiredService<HostJson>());
        return app;
    }

    /// <summary>The trigger's queues, decoded as host.json's messageEncoding tells the Functions host to.</summary>
    private static AppQueues TriggerQueues(IServiceProvider services, HostJson host) => new(
        StorageRegistration.QueueService(services, host.Base64Messages ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None),
        services.GetRequiredService<IOptions<Settings.StorageSettings>>());
}
