using Azure.Storage.Queues;
using Delivery.Functions.App.Settings;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Storage;

/// <summary>
/// The app's Storage queues by their [QueueTrigger] names. A name prefix (local runs only) keeps several app
/// instances sharing one Azurite, such as parallel test runs, from taking each other's messages.
/// </summary>
public sealed class AppQueues(QueueServiceClient service, IOptions<StorageSettings> settings)
{
    private readonly string _prefix = settings.Value.QueuePrefix ?? string.Empty;

    public QueueClient Get(string name) => service.GetQueueClient(_prefix + name);

    public QueueClient PoisonOf(string name) => Get(name + "-poison");
}
