namespace Delivery.Workflows.Storage;

/// <summary>
/// The Cosmos DB containers holding business data, with their partition keys. Infrastructure templates and the
/// start-up code that creates missing containers both read this list, so the two cannot drift apart.
/// </summary>
public static class DataContainers
{
    /// <summary>One logical partition per project: the project and everything that belongs to it.</summary>
    public const string Projects = "projects";

    /// <summary>Materialized cross-project views (portfolio, "waiting for me"), one partition per view.</summary>
    public const string Views = "views";

    public const string ProjectsPartitionKeyPath = "/projectId";

    public const string ViewsPartitionKeyPath = "/viewId";

    /// <summary>Every business container and its partition key path.</summary>
    public static IReadOnlyList<(string Name, string PartitionKeyPath)> All { get; } =
    [
        (Projects, ProjectsPartitionKeyPath),
        (Views, ViewsPartitionKeyPath),
    ];
}
