namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>Settings pointing the app at the local services, with a database of its own.</summary>
public static class TestSettings
{
    public const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public const string TaskHubSetting = "AzureFunctionsJobHost:extensions:durableTask:hubName";

    /// <summary>A new task hub name: letters and digits, as the Azure Storage provider requires.</summary>
    public static string NewTaskHub() => "test" + Guid.NewGuid().ToString("N")[..16];

    public static Dictionary<string, string?> Local(string database) => new()
    {
        ["urls"] = "http://127.0.0.1:0",
        ["App:PublicBaseUrl"] = "http://localhost:7071/",
        ["Cosmos:Endpoint"] = "https://127.0.0.1:8081/",
        ["Cosmos:Key"] = CosmosKey,
        ["Cosmos:Database"] = database,
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Storage:QueuePrefix"] = database[5..] + "-",
        ["Email:FromAddress"] = "delivery@example.gov.uk",
        ["Email:FromName"] = "Digital and Customer Services",
        ["Email:SmtpHost"] = "127.0.0.1",
        ["Email:SmtpPort"] = "1025",
        ["Auth:DevSignIn"] = "true",
        ["Triggers:RunLocally"] = "false",

        // The scheme of delegation over the seeded dev people.
        ["Approvals:Bands:0:Name"] = "Up to £25,000",
        ["Approvals:Bands:0:UpTo"] = "25000",
        ["Approvals:Bands:0:Route"] = "role:LineManager",
        ["Approvals:Bands:1:Name"] = "Up to £100,000",
        ["Approvals:Bands:1:UpTo"] = "100000",
        ["Approvals:Bands:1:Route"] = "role:LineManager; role:HeadOfService + role:Finance",
        ["Approvals:Bands:2:Name"] = "Over £100,000",
        ["Approvals:Bands:2:Route"] = "role:LineManager; role:HeadOfService + role:Finance; role:ProjectBoard",
        ["Approvals:People:0:Id"] = "line-lee",
        ["Approvals:People:0:Name"] = "Lee Morgan",
        ["Approvals:People:0:Email"] = "lee.morgan@example.gov.uk",
        ["Approvals:People:0:Roles"] = "LineManager",
        ["Approvals:People:0:EscalationContact"] = "head-hana",
        ["Approvals:People:1:Id"] = "head-hana",
        ["Approvals:People:1:Name"] = "Hana Kowalski",
        ["Approvals:People:1:Email"] = "hana.kowalski@example.gov.uk",
        ["Approvals:People:1:Roles"] = "HeadOfService",
        ["Approvals:People:1:EscalationContact"] = "board-ben",
        ["Approvals:People:2:Id"] = "fin-farah",
        ["Approvals:People:2:Name"] = "Farah Ahmed",
        ["Approvals:People:2:Email"] = "farah.ahmed@example.gov.uk",
        ["Approvals:People:2:Roles"] = "Finance",
        ["Approvals:People:3:Id"] = "board-ben",
        ["Approvals:People:3:Name"] = "Ben Clarke",
        ["Approvals:People:3:Email"] = "ben.clarke@example.gov.uk",
        ["Approvals:People:3:Roles"] = "ProjectBoard",
        ["Approvals:People:4:Id"] = "pm-sam",
        ["Approvals:People:4:Name"] = "Sam Okafor",
        ["Approvals:People:4:Email"] = "sam.okafor@example.gov.uk",
        ["Approvals:People:4:Roles"] = "ProjectManager",

        // The sponsor every ProjectRequestBuilder names, known to the directory whatever addresses a test gives the
        // approvers above (the gap in the indexes leaves it out of loops over them).
        ["Approvals:People:9:Id"] = "sponsor-hana",
        ["Approvals:People:9:Name"] = "Hana Kowalski",
        ["Approvals:People:9:Email"] = ProjectRequestBuilder.SponsorAddress,
        ["Approvals:People:9:Roles"] = "",

        // Orchestrations run on the standalone engine on Azurite; RunningApp gives each app a task hub of its own.
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "2",
        ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.500",
    };
}
