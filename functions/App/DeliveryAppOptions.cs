using Delivery.Functions.App.Standalone;

namespace Delivery.Functions.App;

/// <summary>How to build the app: from the command line (Program) or from a test that supplies its own settings.</summary>
public sealed record DeliveryAppOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Overrides the environment (else ASPNETCORE_ENVIRONMENT, AZURE_FUNCTIONS_ENVIRONMENT, local.settings.json, Production).</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Read local.settings.json from the working directory or a parent; tests turn this off to be hermetic.</summary>
    public bool UseLocalSettingsFile { get; init; } = true;

    /// <summary>Runs before settings are bound: add configuration or replace services here.</summary>
    public Action<WebApplicationBuilder>? Configure { get; init; }

    /// <summary>The functions the standalone host serves; null for every <c>[Function]</c> of the app.</summary>
    public FunctionIndex? Functions { get; init; }
}
