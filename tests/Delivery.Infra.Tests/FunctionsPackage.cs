using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Delivery.Infra.Tests;

/// <summary>
/// The deployable package built by scripts/package.sh. The fixture runs the script itself (a framework-dependent
/// publish of the worker, about half a minute), so a fresh CI machine needs nothing beforehand; DELIVERY_PACKAGE_ZIP
/// may name a zip already built by the same script, which is then checked instead.
/// </summary>
public sealed class FunctionsPackage : IDisposable
{
    public FunctionsPackage()
    {
        var path = Environment.GetEnvironmentVariable("DELIVERY_PACKAGE_ZIP");
        if (string.IsNullOrEmpty(path))
        {
            path = RepositoryPaths.Combine("artifacts", "test", "delivery-functions.zip");
            ScriptRunner.Run("package.sh", path);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The package {path} does not exist.", path);
        }

        Zip = ZipFile.OpenRead(path);
        HostJson = JsonNode.Parse(ReadText("host.json"))!.AsObject();
    }

    public ZipArchive Zip { get; }

    public JsonObject HostJson { get; }

    public ZipArchiveEntry? Entry(string path) => Zip.GetEntry(path.Replace('\\', '/'));

    public string ReadText(string path)
    {
        var entry = Entry(path) ?? throw new InvalidOperationException($"The package has no {path}.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    public void Dispose() => Zip.Dispose();
}
