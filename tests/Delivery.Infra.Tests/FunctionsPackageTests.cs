namespace Delivery.Infra.Tests;

/// <summary>The package's function folders, executable and host.json agree with each other and with the repository.</summary>
public sealed class FunctionsPackageTests(FunctionsPackage package) : IClassFixture<FunctionsPackage>
{
    private string ExecutablePath =>
        ((string?)package.HostJson["customHandler"]?["description"]?["defaultExecutablePath"]
         ?? throw new InvalidOperationException("host.json has no customHandler.description.defaultExecutablePath."))
        .Replace('\\', '/').TrimStart('.', '/');

    private static IEnumerable<string> RepositoryFunctionFolders() =>
        Directory.GetDirectories(RepositoryPaths.Combine("functions"))
            .Where(dir => File.Exists(Path.Combine(dir, "function.json")))
            .Select(dir => Path.GetFileName(dir)!);

    [Fact]
    public void Host_json_at_the_root_is_the_repository_one()
    {
        var packaged = package.ReadText("host.json");

        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("host.json")), packaged);
    }

    [Fact]
    public void Executable_that_host_json_names_is_in_the_package_with_its_run_bit()
    {
        var entry = package.Entry(ExecutablePath);

        Assert.NotNull(entry);
        var unixMode = (entry.ExternalAttributes >> 16) & 0x1FF;
        Assert.True((unixMode & 0x49) == 0x49, $"{ExecutablePath} has mode {Convert.ToString(unixMode, 8)}; it needs u+x, g+x and o+x.");
    }

    [Fact]
    public void Executable_is_a_self_contained_linux_x64_build()
    {
        var entry = package.Entry(ExecutablePath)!;
        var folder = Path.GetDirectoryName(ExecutablePath)!.Replace('\\', '/');
        var prefix = folder.Length == 0 ? "" : folder + "/";

        using var stream = entry.Open();
        var magic = new byte[4];
        stream.ReadExactly(magic);

        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);
        Assert.NotNull(package.Entry(prefix + "libcoreclr.so"));
        Assert.NotNull(package.Entry(prefix + "Delivery.Functions.dll"));
    }

    [Fact]
    public void Every_function_folder_in_the_repository_is_in_the_package_unchanged()
    {
        foreach (var name in RepositoryFunctionFolders())
        {
            var packaged = package.ReadText($"{name}/function.json");

            Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("functions", name, "function.json")), packaged);
        }
    }

    [Fact]
    public void Package_has_no_function_folder_that_the_repository_lacks()
    {
        var packaged = package.Zip.Entries
            .Where(e => e.FullName.EndsWith("/function.json", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
            .Select(e => e.FullName.Split('/')[0])
            .ToHashSet();

        Assert.True(packaged.SetEquals(RepositoryFunctionFolders()), $"package: {string.Join(", ", packaged.Order())}");
    }
}
