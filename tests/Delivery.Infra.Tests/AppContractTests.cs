using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Delivery.Functions.App.Settings;

namespace Delivery.Infra.Tests;

/// <summary>
/// The template and the app agree: the app declares no queue triggers, so the template creates no queues (the Durable
/// task hub makes its own); always-ready instances go to scale groups or to real functions that scale on their own;
/// app settings match what local.settings.sample.json documents and what the settings classes require.
/// </summary>
[Collection(ArmTemplateCollection.Name)]
public sealed class AppContractTests(ArmTemplate template)
{
    private static readonly string[] _environments = ["dev", "prod"];

    private sealed record FunctionTrigger(string Function, string Type);

    /// <summary>
    /// Each function's trigger as the Worker SDK wrote it into functions.metadata (beside the app, which this project
    /// references). The Durable orchestrator, activity and entity functions are not in it: the Durable extension adds
    /// them at run time, and they scale in the 'durable' group.
    /// </summary>
    private static List<FunctionTrigger> Triggers() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray()
            .Select(f => new FunctionTrigger(
                (string)f!["name"]!,
                f["bindings"]!.AsArray()
                    .Select(b => (string)b!["type"]!)
                    .Single(type => type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))))
            .ToList();

    private HashSet<string> AppSettingNames() => template.AppSettings().Select(p => p.Key).ToHashSet();

    private static HashSet<string> DocumentedSettings() =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")))!["Values"]!.AsObject()
            .Select(p => p.Key).ToHashSet();

    [Fact]
    public void Functions_metadata_declares_no_queue_triggers_so_the_app_needs_no_queue_of_its_own()
    {
        var triggers = Triggers();

        // Sanity: the file was found and read (HTTP functions and the attachment sweep are in it).
        Assert.Contains(triggers, t => t.Type == "httpTrigger");
        Assert.Contains(new FunctionTrigger("AttachmentSweep", "timerTrigger"), triggers);
        var queueTriggered = triggers.Where(t => string.Equals(t.Type, "queueTrigger", StringComparison.OrdinalIgnoreCase)).Select(t => t.Function).ToList();
        Assert.True(queueTriggered.Count == 0,
            $"Queue-triggered functions: {string.Join(", ", queueTriggered)}. infra/ creates no queues; add the queue (and its -poison twin) to the template with its trigger.");
    }

    [Fact]
    public void Always_ready_entries_in_each_environment_are_scale_groups_or_functions_that_exist_and_scale_on_their_own()
    {
        // HTTP functions scale in the 'http' group, so function:<an HTTP function> is not an always-ready target.
        var ownScaling = Triggers().Where(t => t.Type != "httpTrigger").Select(t => t.Function).ToHashSet();

        foreach (var environment in _environments)
        {
            var names = template.EnvironmentParameter(environment, "alwaysReady")?.AsArray().Select(e => (string)e!["name"]!) ?? [];
            foreach (var name in names)
            {
                var isGroup = ExpectedNames.ScaleGroups.Contains(name);
                var isFunction = name.StartsWith("function:", StringComparison.Ordinal) && ownScaling.Contains(name["function:".Length..]);
                Assert.True(isGroup || isFunction,
                    $"main.{environment}.bicepparam keeps '{name}' always ready, which is neither a scale group ({string.Join(", ", ExpectedNames.ScaleGroups)}) nor function:<a non-HTTP function in functions.metadata> ({string.Join(", ", ownScaling)}).");
            }
        }
    }

    [Fact]
    public void Every_app_setting_the_template_sets_is_documented_in_local_settings_sample()
    {
        var documented = DocumentedSettings();

        // AzureWebJobsStorage__accountName and friends are the identity-based form of the documented connection.
        var undocumented = AppSettingNames()
            .Where(name => !documented.Contains(name) && !documented.Contains(name.Split("__")[0]))
            .ToList();

        Assert.True(undocumented.Count == 0, $"Not in local.settings.sample.json: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void Local_only_settings_are_documented_but_not_set_in_azure()
    {
        var documented = DocumentedSettings();

        Assert.Subset(documented, ExpectedNames.LocalOnlySettings.ToHashSet());
        Assert.Empty(AppSettingNames().Intersect(ExpectedNames.LocalOnlySettings));
    }

    [Fact]
    public void Every_setting_the_app_cannot_start_without_is_set_by_the_template()
    {
        var settings = AppSettingNames();

        var missing = RequiredWithoutDefault().Where(name => !settings.Contains(name)).ToList();

        Assert.NotEmpty(RequiredWithoutDefault());
        Assert.True(missing.Count == 0, $"Required by the app but not set by infra/: {string.Join(", ", missing)}");
    }

    /// <summary>
    /// [Required] properties of the settings classes (those with a Section constant) whose default is empty:
    /// the settings the app refuses to start without.
    /// </summary>
    private static IEnumerable<string> RequiredWithoutDefault()
    {
        var settingsTypes = typeof(CosmosSettings).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(CosmosSettings).Namespace && t.GetField("Section") is { IsLiteral: true });

        foreach (var type in settingsTypes)
        {
            var section = (string)type.GetField("Section")!.GetRawConstantValue()!;
            var defaults = Activator.CreateInstance(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var value = property.GetValue(defaults);
                if (property.GetCustomAttribute<RequiredAttribute>() is not null && (value is null || value as string == ""))
                {
                    yield return $"{section}__{property.Name}";
                }
            }
        }
    }
}
