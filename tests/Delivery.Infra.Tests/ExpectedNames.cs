using Delivery.Durable.Backends.Cosmos;
using Delivery.Workflows.Storage;

namespace Delivery.Infra.Tests;

/// <summary>
/// What the code expects of Azure: the one place the infrastructure tests take names from, each read from the code's
/// own constants and defaults (Delivery.Workflows.Storage, the durable runtime's <see cref="CosmosTaskHubOptions"/>).
/// </summary>
internal static class ExpectedNames
{
    private static readonly CosmosTaskHubOptions _durable = new();

    public static string CosmosDatabase => _durable.DatabaseName;

    private static readonly (string Name, string PartitionKeyPath)[] _durableContainers =
    [
        (_durable.InstancesContainerName, CosmosTaskHubOptions.InstancesPartitionKeyPath),
        (_durable.IndexContainerName, CosmosTaskHubOptions.IndexPartitionKeyPath),
    ];

    private static string DurableWorkQueue => _durable.WorkQueueName;

    private static string DurablePayloadContainer => _durable.PayloadContainerName;

    /// <summary>Cosmos containers and their partition key paths.</summary>
    public static IReadOnlyDictionary<string, string> CosmosContainers { get; } =
        DataContainers.All.Concat(_durableContainers).ToDictionary(c => c.Name, c => c.PartitionKeyPath);

    /// <summary>
    /// Containers read only by id or by unfiltered single-partition queries, so nothing in them needs indexing.
    /// </summary>
    public static IReadOnlySet<string> UnindexedContainers { get; } = new HashSet<string> { _durable.InstancesContainerName };

    /// <summary>Every queue the app or the durable runtime reads, each with its poison twin.</summary>
    public static IReadOnlySet<string> Queues { get; } =
        QueueNames.All.Append(DurableWorkQueue).SelectMany(q => new[] { q, QueueNames.PoisonOf(q) }).ToHashSet();

    public static IReadOnlySet<string> BlobContainers { get; } =
        Delivery.Workflows.Storage.BlobContainers.All.Append(DurablePayloadContainer).ToHashSet();

    /// <summary>Every app setting the Bicep sets on the Function App.</summary>
    public static IReadOnlySet<string> AzureAppSettings { get; } = new HashSet<string>
    {
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "ASPNETCORE_ENVIRONMENT",
        "Cosmos__Endpoint",
        "Cosmos__Database",
        "Storage__BlobServiceUri",
        "Storage__QueueServiceUri",
        "Email__SendGridApiKey",
        "Email__FromAddress",
        "Email__FromName",
        "Auth__TenantId",
        "Auth__Audience",
        "Auth__TrustAppServiceAuthentication",
        "App__PublicBaseUrl",
    };

    /// <summary>Settings for the local services only; in Azure every connection uses the managed identity.</summary>
    public static IReadOnlySet<string> LocalOnlySettings { get; } = new HashSet<string>
    {
        "Cosmos__Key",
        "Storage__ConnectionString",
        "Email__SmtpHost",
        "Email__SmtpPort",
        "Auth__DevSignIn",
    };

    /// <summary>
    /// Flex Consumption refuses this app setting and takes the worker runtime from functionAppConfig.runtime instead.
    /// </summary>
    public const string WorkerRuntimeSetting = "FUNCTIONS_WORKER_RUNTIME";
}
