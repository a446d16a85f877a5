using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Delivery.Functions.App.Storage;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Hosting;

/// <summary>
/// Polls the queues named by queue-triggered functions and invokes them as the Functions host would: success deletes
/// the message, failure leaves it to be retried, and after <c>MaxDequeueCount</c> tries it moves to
/// <c>{queue}-poison</c>. Used when the app runs without the host.
/// </summary>
public sealed class QueueTriggerRunner(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    AppQueues queues,
    IOptions<LocalTriggerSettings> settings,
    ILogger<QueueTriggerRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Functions
            .Where(f => f.Trigger.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(f => PollAsync(f, stoppingToken)));

    public static InvocationRequest BuildRequest(FunctionDefinition function, QueueMessage message, DateTimeOffset now) => new()
    {
        Data = new() { [function.Trigger.Name] = JsonSerializer.SerializeToElement(message.MessageText) },
        Metadata = new()
        {
            ["DequeueCount"] = JsonSerializer.SerializeToElement(message.DequeueCount),
            ["Id"] = JsonSerializer.SerializeToElement(message.MessageId),
            ["PopReceipt"] = JsonSerializer.SerializeToElement(message.PopReceipt),
            ["InsertionTime"] = JsonSerializer.SerializeToElement(message.InsertedOn),
            ["ExpirationTime"] = JsonSerializer.SerializeToElement(message.ExpiresOn),
            ["NextVisibleTime"] = JsonSerializer.SerializeToElement(message.NextVisibleOn),
            ["sys"] = JsonSerializer.SerializeToElement(new { MethodName = function.Name, UtcNow = now, RandGuid = Guid.NewGuid() }),
        },
    };

    private async Task PollAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var queue = queues.Get(function.Trigger.QueueName!);
        var poison = queues.PoisonOf(function.Trigger.QueueName!);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var idle = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(16, Lease, stoppingToken)).Value;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Polling queue {Queue} failed", queue.Name);
                batch = [];
            }

            if (batch.Length == 0)
            {
                await Task.Delay(idle, stoppingToken);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.Value.MaxPollInterval.Ticks));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(50);
            await Task.WhenAll(batch.Select(m => HandleAsync(function, queue, poison, m, stoppingToken)));
        }
    }

    private async Task HandleAsync(FunctionDefinition function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await invoker.InvokeAsync(function.Name, BuildRequest(function, message, DateTimeOffset.UtcNow), stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Queue function {FunctionName} failed on message {MessageId} (try {DequeueCount})", function.Name, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= settings.Value.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.SendMessageAsync(message.MessageText, stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(message.DequeueCount), cancellationToken: stoppingToken);
            }
        }
    }
}
