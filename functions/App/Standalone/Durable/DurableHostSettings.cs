using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Worker;

namespace Delivery.Functions.App.Standalone.Durable;

/// <summary>
/// Builds the standalone engine's options from the same places the Durable Functions extension reads: host.json's
/// <c>extensions.durableTask</c> section, overridden by the <c>AzureFunctionsJobHost__extensions__durableTask__…</c>
/// settings the Functions host honours, and the task hub's storage from <c>AzureWebJobsStorage</c>. So `func start`
/// and standalone runs share one set of settings.
/// </summary>
public static class DurableHostSettings
{
    public const string StorageSetting = "AzureWebJobsStorage";
    private const string OverridePrefix = "AzureFunctionsJobHost:extensions:durableTask:";

    public static StandaloneDurableOptions Load(string hostJsonDirectory, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = HostJson.Extensions(hostJsonDirectory)?["durableTask"];
        string? Value(string key)
        {
            var overridden = configuration[OverridePrefix + key.Replace('.', ':')];
            if (!string.IsNullOrEmpty(overridden))
            {
                return overridden;
            }

            JsonNode? node = section;
            foreach (var part in key.Split('.'))
            {
                node = node?[part];
            }

            return node?.ToString();
        }

        var options = new StandaloneDurableOptions
        {
            StorageConnectionString = configuration[StorageSetting] ?? string.Empty,
        };
        if (Value("hubName") is { Length: > 0 } hub)
        {
            options.TaskHubName = hub;
        }

        if (Value("storageProvider.partitionCount") is { Length: > 0 } partitions)
        {
            options.PartitionCount = int.Parse(partitions, CultureInfo.InvariantCulture);
        }

        if (Value("storageProvider.maxQueuePollingInterval") is { Length: > 0 } polling)
        {
            options.MaxQueuePollingInterval = TimeSpan.Parse(polling, CultureInfo.InvariantCulture);
        }

        if (Value("storageProvider.controlQueueVisibilityTimeout") is { Length: > 0 } controlVisibility)
        {
            options.ControlQueueVisibilityTimeout = TimeSpan.Parse(controlVisibility, CultureInfo.InvariantCulture);
        }

        if (Value("storageProvider.workItemQueueVisibilityTimeout") is { Length: > 0 } workItemVisibility)
        {
            options.WorkItemQueueVisibilityTimeout = TimeSpan.Parse(workItemVisibility, CultureInfo.InvariantCulture);
        }

        options.DefaultVersion = Value("defaultVersion");
        if (Value("versionMatchStrategy") is { Length: > 0 } match)
        {
            options.VersionMatchStrategy = Enum.Parse<DurableTaskWorkerOptions.VersionMatchStrategy>(match, ignoreCase: true);
        }

        if (Value("versionFailureStrategy") is { Length: > 0 } failure)
        {
            options.VersionFailureStrategy = Enum.Parse<DurableTaskWorkerOptions.VersionFailureStrategy>(failure, ignoreCase: true);
        }

        return options;
    }
}
