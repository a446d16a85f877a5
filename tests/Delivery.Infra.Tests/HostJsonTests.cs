using System.Globalization;
using System.Text.Json.Nodes;

namespace Delivery.Infra.Tests;

/// <summary>
/// host.json's Durable Functions settings (extensions.durableTask) suit Flex Consumption and the code: Microsoft
/// advises a maxQueuePollingInterval of 10 seconds or less (an idle app otherwise backs off to 30 s between polls)
/// and a partitionCount between 1 and 16; defaultVersion is the version the lifecycle orchestrator starts new
/// instances on.
/// </summary>
public sealed class HostJsonTests
{
    private static readonly JsonObject _durableTask =
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")))!["extensions"]?["durableTask"]?.AsObject()
        ?? throw new InvalidOperationException("host.json has no extensions.durableTask.");

    private static JsonObject StorageProvider =>
        _durableTask["storageProvider"]?.AsObject() ?? throw new InvalidOperationException("host.json has no extensions.durableTask.storageProvider.");

    [Fact]
    public void Durable_task_hub_uses_the_azure_storage_provider_the_only_one_flex_consumption_supports()
    {
        Assert.Equal("AzureStorage", (string?)StorageProvider["type"]);
    }

    [Fact]
    public void Max_queue_polling_interval_is_set_and_at_most_ten_seconds()
    {
        var text = (string?)StorageProvider["maxQueuePollingInterval"];

        // Unset means the 30 s default, which Microsoft advises against on Flex Consumption.
        Assert.False(string.IsNullOrEmpty(text), "host.json sets no extensions.durableTask.storageProvider.maxQueuePollingInterval (default 30 s).");
        var interval = TimeSpan.ParseExact(text, "c", CultureInfo.InvariantCulture);
        Assert.InRange(interval, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Partition_count_is_set_between_1_and_16()
    {
        // Fixed once the task hub exists (changing it means a new hubName), so it is stated rather than defaulted.
        var partitions = StorageProvider["partitionCount"];

        Assert.NotNull(partitions);
        Assert.InRange((int)partitions, 1, 16);
    }

    [Fact]
    public void Default_version_is_the_lifecycle_version_new_instances_start_on()
    {
        Assert.Equal(ExpectedNames.LifecycleVersion, (string?)_durableTask["defaultVersion"]);
    }

    [Fact]
    public void Hub_name_is_a_valid_azure_storage_task_hub_name()
    {
        var hubName = (string?)_durableTask["hubName"];

        // Azure Storage task hub names: a letter first, letters and digits only, 3 to 45 characters.
        Assert.NotNull(hubName);
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", hubName);
    }
}
