namespace Delivery.Functions.App.Hosting;

/// <summary>
/// Every function this app serves, read from the <c>*/function.json</c> files that ship beside the executable:
/// the same files the Functions host reads, so schedules and queues have one source of truth.
/// </summary>
public sealed class FunctionCatalog
{
    public FunctionCatalog(string directory)
    {
        Directory = directory;
        Functions = System.IO.Directory.EnumerateDirectories(directory)
            .Select(d => Path.Combine(d, "function.json"))
            .Where(File.Exists)
            .Select(FunctionDefinition.Load)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    public string Directory { get; }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public FunctionDefinition? Find(string name) =>
        Functions.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The folder holding the function folders: beside the executable when published or built.</summary>
    public static string DefaultDirectory => AppContext.BaseDirectory;
}
