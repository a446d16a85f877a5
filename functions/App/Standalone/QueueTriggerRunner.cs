using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Delivery.Functions.App.Hosting;
using Delivery.Functions.App.Storage;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Standalone;

/// <summary>
/// Polls the queues named by <c>[QueueTrigger]</c> functions (with the <c>Storage__QueuePrefix</c> prefix) and invokes
/// them as the Functions host would: success deletes the message, failure leaves it to be retried, and after
/// host.json's <c>maxDequeueCount</c> tries (or <c>Triggers__MaxDequeueCount</c>) it moves to <c>{queue}-poison</c>.
/// </summary>
/// <remarks>
/// <paramref name="queues"/> must decode messages as host.json's <c>messageEncoding</c> says
/// (<see cref="StandaloneRegistration"/> builds it so). The trigger parameter gets the text for <c>string</c>, the
/// message for <see cref="QueueMessage"/> and the body for <see cref="BinaryData"/>.
/// </remarks>
public sealed class QueueTriggerRunner(
    FunctionIndex index,
    AppQueues queues,
    HostJson host,
    IOptions<LocalTriggerSettings> settings,
    IServiceScopeFactory scopes,
    ILogger<QueueTriggerRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private int MaxDequeueCount => settings.Value.MaxDequeueCount ?? host.MaxDequeueCount;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(index.Queues.Select(f => PollAsync(f, stoppingToken)));

    /// <summary>What the function's trigger parameter receives for a message.</summary>
    public static object? TriggerValue(StandaloneFunction function, QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(message);
        var type = function.TriggerParameter.ParameterType;
        return type == typeof(QueueMessage) ? message
            : type == typeof(BinaryData) ? message.Body
            : type == typeof(string) ? message.MessageText
            : throw new InvalidOperationException($"Function {function.Name}: the standalone host binds queue messages to string, BinaryData or QueueMessage, not {type.Name}.");
    }

    private async Task PollAsync(StandaloneFunction function, CancellationToken stoppingToken)
    {
        var queue = queues.Get(function.Queue!.QueueName);
        var poison = queues.PoisonOf(function.Queue!.QueueName);
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

    private async Task HandleAsync(StandaloneFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await InvocationTelemetry.RunAsync(function.Name, logger, async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                await StandaloneInvoker.InvokeAsync(function, scope.ServiceProvider, TriggerValue(function, message), BindingData(message), stoppingToken);
            });
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Queue function {FunctionName} failed on message {MessageId} (try {DequeueCount})", function.Name, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= MaxDequeueCount)
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

    /// <summary>The queue trigger's binding data, as the host names it, for parameters bound by name.</summary>
    private static Dictionary<string, object?> BindingData(QueueMessage message) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Id"] = message.MessageId,
        ["DequeueCount"] = message.DequeueCount,
        ["PopReceipt"] = message.PopReceipt,
        ["InsertionTime"] = message.InsertedOn,
        ["ExpirationTime"] = message.ExpiresOn,
        ["NextVisibleTime"] = message.NextVisibleOn,
    };
}
