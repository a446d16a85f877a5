namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>Paths in the repository and in the functions project's build output, found from the test's own folder.</summary>
public static class Repository
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Delivery.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }

    /// <summary>
    /// The functions.metadata the Worker SDK generated: beside the tests if the build copied it, else in the
    /// functions project's output for the same configuration as the tests.
    /// </summary>
    public static string FunctionsMetadata()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        if (File.Exists(beside))
        {
            return beside;
        }

        // bin/<Configuration>/net10.0/ of the test project names the configuration.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var built = Path.Combine(Root(), "functions", "bin", output.Parent!.Name, output.Name, "functions.metadata");
        return File.Exists(built) ? built : throw new FileNotFoundException("Build functions/ first: the Worker SDK writes functions.metadata there.", built);
    }
}
