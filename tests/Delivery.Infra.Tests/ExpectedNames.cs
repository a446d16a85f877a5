using Delivery.Functions.App.Settings;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Storage;

namespace Delivery.Infra.Tests;

/// <summary>
/// What the code expects of Azure: the one place the infrastructure tests take names from, each read from the code's
/// own constants and defaults (Delivery.Workflows.Storage for business data, the app's settings classes).
/// </summary>
internal static class ExpectedNames
{
    public static string CosmosDatabase { get; } = new CosmosSettings().Database;

    /// <summary>Cosmos containers and their partition key paths: business data only.</summary>
    public static IReadOnlyDictionary<string, string> CosmosContainers { get; } =
        DataContainers.All.ToDictionary(c => c.Name, c => c.PartitionKeyPath);

    public static IReadOnlySet<string> BlobContainers { get; } = Delivery.Workflows.Storage.BlobContainers.All.ToHashSet();

    /// <summary>
    /// Names the retired custom durable runtime gave its Cosmos containers, blob container and work queue. Durable
    /// Functions keeps its task hub in Storage under names of its own making, so none of these may be provisioned.
    /// </summary>
    public static IReadOnlySet<string> RetiredDurableRuntimeResources { get; } = new HashSet<string>
    {
        "durable-instances",
        "durable-index",
        "durable-payloads",
        "durable-work",
        "durable-work-poison",
    };

    /// <summary>
    /// Storage data roles Microsoft documents for identity-based host storage and Durable Functions on Azure Storage
    /// (built-in role definition ids).
    /// </summary>
    public static IReadOnlyDictionary<string, string> StorageDataRoles { get; } = new Dictionary<string, string>
    {
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
    };

    /// <summary>
    /// Queues the app used before the receipt email moved to the lifecycle's first activity (Cosmos-backed email
    /// outbox). The app has no queues of its own now, so none of these may be provisioned.
    /// </summary>
    public static IReadOnlySet<string> RetiredAppQueues { get; } = new HashSet<string>
    {
        "email-outbox",
        "email-outbox-poison",
    };

    /// <summary>The orchestration version new lifecycles start on; host.json's durableTask.defaultVersion must match.</summary>
    public const string LifecycleVersion = LifecycleVersions.Current;

    /// <summary>Flex Consumption's per-function scale groups; any other always-ready entry names one function.</summary>
    public static IReadOnlySet<string> ScaleGroups { get; } = new HashSet<string> { "http", "blob", "durable" };

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
