using System.Text.Json.Nodes;

namespace Delivery.Infra.Tests;

/// <summary>The package is the isolated worker's publish output: host.json, the SDK's metadata and extensions, the app.</summary>
public sealed class FunctionsPackageTests(FunctionsPackage package) : IClassFixture<FunctionsPackage>
{
    [Fact]
    public void Host_json_at_the_root_is_the_repository_one()
    {
        var packaged = package.ReadText("host.json");

        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("host.json")), packaged);
    }

    [Fact]
    public void Functions_metadata_declares_the_functions_with_their_triggers()
    {
        var functions = JsonNode.Parse(package.ReadText("functions.metadata"))!.AsArray();
        var triggers = functions.ToDictionary(
            f => (string)f!["name"]!,
            f => (string)f!["bindings"]!.AsArray().First(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))!["type"]!);

        Assert.Equal("httpTrigger", triggers["SubmitProject"]);
        Assert.Equal("httpTrigger", triggers["Health"]);
        Assert.Equal("timerTrigger", triggers["AttachmentSweep"]);
        // The receipt email is sent by the lifecycle's first activity and the durable work runs in the Durable
        // extension (its orchestrator and activity functions are added at run time, not listed here).
        Assert.DoesNotContain("SendEmail", triggers.Keys);
        Assert.DoesNotContain("DurableWork", triggers.Keys);
        Assert.DoesNotContain("queueTrigger", triggers.Values);
    }

    [Fact]
    public void Extensions_json_and_the_hidden_azurefunctions_folder_with_the_extension_bits_are_in_the_package()
    {
        var extensions = JsonNode.Parse(package.ReadText("extensions.json"))!["extensions"]!.AsArray();

        Assert.NotEmpty(extensions);
        Assert.Contains(package.Zip.Entries, e => e.FullName.StartsWith(".azurefunctions/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void The_apps_assembly_is_at_the_root_and_local_settings_are_not_shipped()
    {
        Assert.NotNull(package.Entry("Delivery.Functions.dll"));
        Assert.NotNull(package.Entry("worker.config.json"));
        Assert.Null(package.Entry("local.settings.json"));
    }

    [Fact]
    public void No_custom_handler_leftovers_are_in_the_package()
    {
        Assert.DoesNotContain(package.Zip.Entries, e => e.FullName.EndsWith("/function.json", StringComparison.Ordinal));
        Assert.Null(package.HostJson["customHandler"]);
    }
}
