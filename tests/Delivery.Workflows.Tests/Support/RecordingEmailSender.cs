using System.Collections.Concurrent;
using Delivery.Workflows.Notifications;

namespace Delivery.Workflows.Tests.Support;

/// <summary>Keeps every email sent and when (real time), for orchestration tests (the SMTP and SendGrid paths are tested in Delivery.Functions.Tests).</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<(EmailMessage Message, DateTimeOffset At)> _sent = new();

    public IReadOnlyList<EmailMessage> Sent => _sent.Select(s => s.Message).ToList();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        _sent.Enqueue((message, DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }

    public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public IReadOnlyList<EmailMessage> To(string address, string? category = null) =>
        _sent.Where(s => Matches(s.Message, address, category)).Select(s => s.Message).ToList();

    /// <summary>When each email to the address (of the category) was handed over, in order.</summary>
    public IReadOnlyList<DateTimeOffset> TimesTo(string address, string category) =>
        _sent.Where(s => Matches(s.Message, address, category)).Select(s => s.At).ToList();

    private static bool Matches(EmailMessage message, string address, string? category) =>
        message.To.Address == address && (category is null || message.Category == category);
}
