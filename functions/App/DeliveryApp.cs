using Delivery.Functions.App.Http;
using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Standalone;
using Delivery.Functions.App.Workflows;

namespace Delivery.Functions.App;

/// <summary>The standalone app: the shared services (<see cref="DeliveryServices"/>) served by the standalone function host.</summary>
public static class DeliveryApp
{
    public static WebApplication Build(string[] args) => Build(new DeliveryAppOptions { Args = args });

    public static WebApplication Build(DeliveryAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var localSettings = options.UseLocalSettingsFile ? LocalSettingsFile.Find(Directory.GetCurrentDirectory()) : null;
        var localValues = localSettings is null ? new Dictionary<string, string?>() : LocalSettingsFile.ReadValues(localSettings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.Args,

            // The environment decides what start-up allows (dev sign-in), so it must be known before the host is built.
            EnvironmentName = options.EnvironmentName
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT")
                ?? localValues.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")
                ?? Environments.Production,
        });
        if (localValues.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(localValues);
            builder.Configuration.AddEnvironmentVariables();
        }

        options.Configure?.Invoke(builder);
        builder.AddDeliveryServices();
        builder.Services.AddStandaloneOrchestrations(builder.Configuration);
        builder.AddStandaloneFunctionHost(options.Functions);
        builder.Services.AddTransient<IStartupFilter, SecurityHeadersStartupFilter>();

        var app = builder.Build();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapStandaloneFunctions();
        return app;
    }
}
