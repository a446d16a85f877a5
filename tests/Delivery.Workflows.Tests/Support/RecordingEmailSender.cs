using System.Collections.Concurrent;
using Delivery.Workflows.Notifications;

namespace Delivery.Workflows.Tests.Support;

/// <summary>Keeps every email sent, for orchestration tests (the SMTP and SendGrid paths are tested in Delivery.Functions.Tests).</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public IReadOnlyList<EmailMessage> To(string address, string? category = null) =>
        Sent.Where(m => m.To.Address == address && (category is null || m.Category == category)).ToList();
}
