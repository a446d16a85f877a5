using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Delivery.Functions.App.Settings;
using Delivery.Workflows.Storage;

namespace Delivery.Infra.Tests;

/// <summary>
/// The template and the app agree: the queues the functions bind to exist, always-ready instances go to scale groups
/// or to real queue-triggered functions, and app settings match what local.settings.sample.json documents and what
/// the settings classes require.
/// </summary>
[Collection(ArmTemplateCollection.Name)]
public sealed class AppContractTests(ArmTemplate template)
{
    private static readonly string[] _environments = ["dev", "prod"];

    private sealed record QueueTrigger(string Function, string Queue, string? Connection);

    /// <summary>Queue-triggered functions as the Worker SDK wrote them into functions.metadata (beside the app, which this project references).</summary>
    private static List<QueueTrigger> QueueTriggers() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray()
            .SelectMany(f => f!["bindings"]!.AsArray().Select(b => (Function: (string)f["name"]!, Binding: b!.AsObject())))
            .Where(pair => string.Equals((string?)pair.Binding["type"], "queueTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(pair => new QueueTrigger(pair.Function, (string)pair.Binding["queueName"]!, (string?)pair.Binding["connection"]))
            .ToList();

    private HashSet<string> AppSettingNames() => template.AppSettings().Select(p => p.Key).ToHashSet();

    private static HashSet<string> DocumentedSettings() =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")))!["Values"]!.AsObject()
            .Select(p => p.Key).ToHashSet();

    [Fact]
    public void Every_queue_trigger_reads_a_queue_the_template_creates_with_its_poison_twin()
    {
        var queues = template.ModuleParameter("storage", "queueNames").AsArray().Select(q => (string)q!).ToHashSet();
        var triggers = QueueTriggers();

        Assert.NotEmpty(triggers);
        foreach (var trigger in triggers)
        {
            Assert.True(queues.Contains(trigger.Queue), $"{trigger.Function} reads queue '{trigger.Queue}', which infra/main.bicep does not create.");
            Assert.Contains(trigger.Queue + "-poison", queues);
            // The host's identity-based connection is configured under this name only.
            Assert.Equal("AzureWebJobsStorage", trigger.Connection ?? "AzureWebJobsStorage");
        }
    }

    [Fact]
    public void Every_queue_the_app_declares_is_read_by_a_queue_trigger()
    {
        var read = QueueTriggers().Select(t => t.Queue).ToHashSet();

        Assert.All(QueueNames.All, queue => Assert.Contains(queue, read));
    }

    [Fact]
    public void Always_ready_entries_in_each_environment_are_scale_groups_or_queue_triggered_functions_that_exist()
    {
        var queueFunctions = QueueTriggers().Select(t => t.Function).ToHashSet();

        foreach (var environment in _environments)
        {
            var names = template.EnvironmentParameter(environment, "alwaysReady")?.AsArray().Select(e => (string)e!["name"]!) ?? [];
            foreach (var name in names)
            {
                var isGroup = ExpectedNames.ScaleGroups.Contains(name);
                var isQueueFunction = name.StartsWith("function:", StringComparison.Ordinal) && queueFunctions.Contains(name["function:".Length..]);
                Assert.True(isGroup || isQueueFunction,
                    $"main.{environment}.bicepparam keeps '{name}' always ready, which is neither a scale group ({string.Join(", ", ExpectedNames.ScaleGroups)}) nor function:<a queue-triggered function>.");
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
