using Delivery.Functions.App.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Delivery.Functions.App.Hosting;

/// <summary>
/// Registers the custom-handler plumbing and, when standalone, the local timer and queue trigger runners. Call after
/// <see cref="SettingsRegistration.AddDeliverySettings"/>, which validates the <c>Triggers__*</c> settings.
/// </summary>
public static class HostingRegistration
{
    public static WebApplicationBuilder AddCustomHandlerHosting(this WebApplicationBuilder builder)
    {
        // The Functions host tells the handler where to listen; standalone we take the Functions default.
        var port = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"];
        if (!string.IsNullOrEmpty(port))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:7071");
        }

        // Validated and registered with the other settings (AddDeliverySettings), which runs first.
        var triggers = SettingsBinder.Bind<LocalTriggerSettings>(builder.Configuration, LocalTriggerSettings.Section, new List<string>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new FunctionCatalog(FunctionCatalog.DefaultDirectory));
        builder.Services.AddSingleton<FunctionInvoker>();
        if (triggers.ShouldRunLocally(builder.Configuration))
        {
            builder.Services.AddHostedService<TimerTriggerRunner>();
            builder.Services.AddHostedService<QueueTriggerRunner>();
        }

        return builder;
    }
}
