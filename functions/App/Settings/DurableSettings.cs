namespace Delivery.Functions.App.Settings;

/// <summary>Where the durable runtime keeps its task hub: Cosmos DB and Storage (default), or in memory (tests, demos).</summary>
public sealed class DurableSettings
{
    public const string Section = "Durable";

    public DurableBackend Backend { get; set; } = DurableBackend.Cosmos;
}

/// <summary>The durable runtime's backends.</summary>
public enum DurableBackend
{
    Cosmos,
    InMemory,
}
