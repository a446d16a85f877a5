using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>
/// The work queue on an Azure Storage queue (<c>durable-work</c>). Message text is the engine's JSON body, sent
/// base64-encoded (the Functions queue trigger's default <c>messageEncoding</c>), with no expiry. The queue
/// encodes itself: give it a <see cref="QueueClient"/> with the default <c>MessageEncoding.None</c>.
/// </summary>
/// <remarks>
/// Two envelopes, recognised by a leading '@' (engine bodies are JSON and never start with one):
/// <c>@blob:&lt;name&gt;</c> points to a body over <see cref="CosmosTaskHubOptions.MaxMessageBytes"/> stored in
/// <c>durable-payloads</c>; <c>@due:&lt;unix ms&gt;:&lt;body&gt;</c> marks a message delayed longer than
/// <see cref="CosmosTaskHubOptions.MaxTimerHop"/> (Storage queues allow 7 days): it comes back early and is
/// re-enqueued for the rest of the delay, so the engine only ever sees due messages. <c>@raw:</c> protects a body
/// that itself starts with '@'. <see cref="ReadBodyAsync"/> decodes a message text the same way for the Functions
/// queue trigger.
/// </remarks>
public sealed class StorageWorkQueue : IWorkQueue
{
    private const string BlobPrefix = "@blob:";
    private const string DuePrefix = "@due:";
    private const string RawPrefix = "@raw:";
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);
    private readonly QueueClient _queue;
    private readonly BlobContainerClient _payloads;
    private readonly CosmosTaskHubOptions _options;
    private readonly TimeProvider _time;

    internal StorageWorkQueue(QueueClient queue, BlobContainerClient payloads, CosmosTaskHubOptions options, TimeProvider time)
    {
        _queue = queue;
        _payloads = payloads;
        _options = options;
        _time = time;
    }

    public QueueClient Queue => _queue;

    /// <summary>The engine caps timer delays here and re-enqueues the rest (longer delays would also be hopped here).</summary>
    public TimeSpan MaxVisibilityDelay => _options.MaxTimerHop;

    public async Task EnqueueAsync(string body, TimeSpan visibleAfter = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = body.StartsWith('@') ? RawPrefix + body : body;
        if (visibleAfter > _options.MaxTimerHop)
        {
            var due = _time.GetUtcNow() + visibleAfter;
            text = $"{DuePrefix}{due.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{text}";
            visibleAfter = _options.MaxTimerHop;
        }

        if (Encoding.UTF8.GetByteCount(text) > _options.MaxMessageBytes)
        {
            var name = $"queue/{Guid.NewGuid():N}";
            await _payloads.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
            text = BlobPrefix + name;
        }

        await _queue.SendMessageAsync(Encode(text), Cap(visibleAfter), NeverExpires, cancellationToken);
    }

    public async Task<IReadOnlyList<QueuedMessage>> DequeueAsync(int maxMessages, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var response = await _queue.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, 32), Cap(lease), cancellationToken);
        var messages = response.Value;
        if (messages.Length == 0)
        {
            return [];
        }

        var results = await Task.WhenAll(messages.Select(async m =>
        {
            var (blob, text) = await ResolveBlobAsync(Decode(m.MessageText), cancellationToken);
            var receipt = new QueueReceipt(m.MessageId, m.PopReceipt, blob);
            var body = Unwrap(text);
            if (TryParseDue(text, out var due, out var rest))
            {
                if (due > _time.GetUtcNow())
                {
                    // Not due yet: take the next hop and drop this copy (a duplicate after a crash here is a timer
                    // message the engine already de-duplicates).
                    await EnqueueAsync(rest, due - _time.GetUtcNow(), cancellationToken);
                    await DeleteAsync(receipt, cancellationToken);
                    return null;
                }

                body = rest;
            }

            return new QueuedMessage(m.MessageId, body, (int)m.DequeueCount, m.InsertedOn ?? _time.GetUtcNow(), receipt);
        }));
        return results.OfType<QueuedMessage>().ToList();
    }

    public Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DeleteAsync((QueueReceipt)message.Receipt, cancellationToken);
    }

    public async Task AbandonAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var receipt = (QueueReceipt)message.Receipt;
        try
        {
            await _queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: Cap(delay), cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The lease ran out and another worker holds the message: it comes back through them.
        }
    }

    /// <summary>
    /// Decodes a message text as the Functions queue trigger delivers it (already base64-decoded by the host; blob
    /// pointer and envelopes resolved here) into the engine's body.
    /// </summary>
    public async Task<string> ReadBodyAsync(string messageText, CancellationToken cancellationToken = default)
    {
        var (_, text) = await ResolveBlobAsync(messageText, cancellationToken);
        return Unwrap(TryParseDue(text, out _, out var rest) ? rest : text);
    }

    private async Task DeleteAsync(QueueReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another worker took the message after our lease ran out; it still needs its payload blob.
            return;
        }

        if (receipt.BlobName is not null)
        {
            await _payloads.DeleteBlobIfExistsAsync(receipt.BlobName, cancellationToken: cancellationToken);
        }
    }

    private async Task<(string? Blob, string Text)> ResolveBlobAsync(string text, CancellationToken cancellationToken)
    {
        if (!text.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return (null, text);
        }

        var name = text[BlobPrefix.Length..];
        var content = await _payloads.GetBlobClient(name).DownloadContentAsync(cancellationToken);
        return (name, content.Value.Content.ToString());
    }

    private static bool TryParseDue(string text, out DateTimeOffset due, out string rest)
    {
        due = default;
        rest = text;
        if (!text.StartsWith(DuePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var colon = text.IndexOf(':', DuePrefix.Length);
        due = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text.AsSpan(DuePrefix.Length, colon - DuePrefix.Length), CultureInfo.InvariantCulture));
        rest = Unwrap(text[(colon + 1)..]);
        return true;
    }

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Decode(string messageText) => Encoding.UTF8.GetString(Convert.FromBase64String(messageText));

    private static string Unwrap(string text) =>
        text.StartsWith(RawPrefix, StringComparison.Ordinal) ? text[RawPrefix.Length..] : text;

    /// <summary>
    /// Storage queues take whole seconds and the SDK truncates: rounding up makes a timer fire up to a second late,
    /// never early (an early one would come back and be re-enqueued for the rest, again and again).
    /// </summary>
    private static TimeSpan Cap(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero : delay >= MaxVisibility ? MaxVisibility : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));

    private sealed record QueueReceipt(string MessageId, string PopReceipt, string? BlobName);
}
