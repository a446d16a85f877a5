namespace Delivery.Infra.Tests;

/// <summary>
/// What the code expects of Azure: the one place the infrastructure tests take names from.
/// </summary>
internal static class ExpectedNames
{
    public const string CosmosDatabase = "delivery";

    /// <summary>Cosmos containers and their partition key paths.</summary>
    public static IReadOnlyDictionary<string, string> CosmosContainers { get; } = new Dictionary<string, string>
    {
        ["projects"] = "/projectId",
        ["views"] = "/viewId",
        ["durable-instances"] = "/instanceId",
        ["durable-index"] = "/bucket",
    };

    /// <summary>
    /// Containers read only by id or by unfiltered single-partition queries, so nothing in them needs indexing.
    /// </summary>
    public static IReadOnlySet<string> UnindexedContainers { get; } = new HashSet<string> { "durable-instances" };

    public static IReadOnlySet<string> Queues { get; } = new HashSet<string> { "durable-work", "durable-work-poison" };

    public static IReadOnlySet<string> BlobContainers { get; } = new HashSet<string> { "durable-payloads", "attachments", "documents" };

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
