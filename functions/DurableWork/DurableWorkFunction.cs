using Delivery.Durable;
using Delivery.Durable.Backends;
using Delivery.Durable.Backends.Cosmos;
using Delivery.Functions.App.Hosting;
using Delivery.Functions.App.Telemetry;

namespace Delivery.Functions.DurableWork;

/// <summary>
/// Queue trigger on <c>durable-work</c>: hands each work item (an orchestration turn or an activity) to the durable
/// runtime. The Functions host (or the local trigger runner) owns the message: it deletes it when this returns and
/// retries it when this throws, so the runtime's at-least-once and poison rules hold as they do when it polls.
/// </summary>
public sealed class DurableWorkFunction(DurableTaskWorker worker, IServiceProvider services) : IFunctionHandler
{
    /// <summary>The queue named in function.json; the Cosmos backend's work queue.</summary>
    public const string QueueName = "durable-work";

    public string Name => "DurableWork";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var backend = services.GetService<CosmosBackend>()
            ?? throw new InvalidOperationException("DurableWork needs the Cosmos backend (Durable__Backend=Cosmos).");
        var text = request.DataAsText("message") ?? throw new InvalidDataException("The queue message is empty.");
        var body = await backend.StorageQueue.ReadBodyAsync(text, cancellationToken);
        var message = new QueuedMessage(
            Metadata(request, "Id") ?? Guid.NewGuid().ToString(),
            body,
            request.MetadataAsInt("DequeueCount", 1),
            DateTimeOffset.TryParse(Metadata(request, "InsertionTime"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var inserted) ? inserted : DateTimeOffset.UtcNow,
            Receipt: text);
        using var scope = DeliveryTelemetry.BeginWorkflowScope(WorkItemIds.InstanceId(body), WorkItemIds.ProjectId(body));
        await worker.ProcessMessageAsync(message, cancellationToken);
        return new InvocationResponse();
    }

    private static string? Metadata(InvocationRequest request, string name) =>
        request.Metadata.TryGetValue(name, out var value) ? value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : value.GetRawText() : null;
}
