using Azure.Storage.Queues.Models;
using Delivery.Durable;
using Delivery.Durable.Backends;
using Delivery.Durable.Backends.Cosmos;
using Delivery.Functions.App.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.DurableWork;

/// <summary>
/// Queue trigger on <c>durable-work</c>: hands each work item (an orchestration turn or an activity) to the durable
/// runtime. The Functions host (or, standalone, the app's own queue poller) owns the message: it deletes it when this
/// returns and retries it when this throws, so the runtime's at-least-once and poison rules hold as they do when it polls.
/// </summary>
/// <remarks>
/// It binds the whole <see cref="QueueMessage"/> (the Storage extension's SDK type) because the runtime needs the
/// message id, insertion time and dequeue count as well as the text.
/// </remarks>
public sealed class DurableWorkFunction(DurableTaskWorker worker, IServiceProvider services)
{
    public const string Name = nameof(DurableWork);

    /// <summary>The Cosmos backend's work queue.</summary>
    public const string QueueName = "durable-work";

    [Function(Name)]
    public async Task RunAsync([QueueTrigger(QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var backend = services.GetService<CosmosBackend>()
            ?? throw new InvalidOperationException("DurableWork needs the Cosmos backend (Durable__Backend=Cosmos).");
        var text = message.MessageText ?? throw new InvalidDataException("The queue message is empty.");
        var body = await backend.StorageQueue.ReadBodyAsync(text, cancellationToken);
        var queued = new QueuedMessage(
            message.MessageId ?? Guid.NewGuid().ToString(),
            body,
            (int)message.DequeueCount,
            message.InsertedOn ?? DateTimeOffset.UtcNow,
            Receipt: text);
        using var scope = DeliveryTelemetry.BeginWorkflowScope(WorkItemIds.InstanceId(body), WorkItemIds.ProjectId(body));
        await worker.ProcessMessageAsync(queued, cancellationToken);
    }
}
