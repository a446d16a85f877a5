namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>Settings pointing the app at the local services, with a database of its own.</summary>
public static class TestSettings
{
    public const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

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
    };
}
