namespace Delivery.Workflows.Notifications;

/// <summary>Sends one email now. Callers that may retry go through <see cref="EmailOutbox"/> instead.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>Checks the mail service can be reached, for the health endpoint.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
