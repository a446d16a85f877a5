using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Delivery.Functions.App.Telemetry;

/// <summary>Registers the app's OpenTelemetry traces, metrics and logs.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>App setting that turns on export to Application Insights.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Service name reported with all telemetry (Application Insights' cloud role name).</summary>
    public const string ServiceName = "Delivery.Functions";

    /// <summary>
    /// Adds OpenTelemetry: traces (the <c>Delivery</c> source, ASP.NET Core, HttpClient, Cosmos DB), metrics and logs,
    /// with workflow ids on every span and log record in a workflow scope and personal data removed, exported to
    /// Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (and nowhere otherwise).
    /// </summary>
    public static IHostApplicationBuilder AddDeliveryTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // ASP.NET Core's "Request starting" lines and its "redirecting to" lines print raw URLs, a decision link's
        // token included (also inside a sign-in return URL), to every log provider (the console too, which no
        // processor scrubs). The request spans below record the same requests with the query removed, so those
        // lines are kept to warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);

        var connectionString = builder.Configuration[ConnectionStringSetting];
        var toAzureMonitor = !string.IsNullOrWhiteSpace(connectionString);

        // Processors are added before exporters everywhere below: they run in the order added, and the scrubbers
        // must see each span and record before any exporter does.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(DeliveryTelemetry.SourceName)
                    .AddSource("Azure.Cosmos.Operation")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddProcessor(new WorkflowSpanEnricher())
                    .AddProcessor(new PersonalDataSpanScrubber());
                if (toAzureMonitor)
                {
                    tracing.AddAzureMonitorTraceExporter(options => ConfigureExporter(options, connectionString!));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(DeliveryTelemetry.SourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (toAzureMonitor)
                {
                    metrics.AddAzureMonitorMetricExporter(options => ConfigureExporter(options, connectionString!));
                }
            })
            .WithLogging(
                logging =>
                {
                    logging
                        .AddProcessor(new WorkflowLogEnricher())
                        .AddProcessor(new PersonalDataLogScrubber());
                    if (toAzureMonitor)
                    {
                        logging.AddAzureMonitorLogExporter(options => ConfigureExporter(options, connectionString!));
                    }
                },
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    // ILogger scopes are not exported: the scrubber cannot reach them. Workflow ids come from
                    // DeliveryTelemetry.BeginWorkflowScope instead.
                    options.IncludeScopes = false;
                });

        return builder;
    }

    private static void ConfigureExporter(AzureMonitorExporterOptions options, string connectionString)
    {
        options.ConnectionString = connectionString;

        // Every trace, not the exporter's default of a few per second: at a council's volume the cost is small, and
        // a workflow step's trace with a gap in it is what someone would be investigating.
        options.TracesPerSecond = null;
        options.SamplingRatio = 1.0F;
    }
}
