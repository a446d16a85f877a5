using Delivery.Functions.App.Settings;
using Delivery.Workflows.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Delivery.Functions.App.Email;

/// <summary>Sends through an SMTP server: maildev locally, or a council relay.</summary>
public sealed class SmtpEmailSender(IOptions<EmailSettings> options) : IEmailSender
{
    private readonly EmailSettings _settings = options.Value;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(_settings.FromName, _settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.To.Name, message.To.Address));
        mime.Subject = message.Subject;
        mime.Headers.Add("X-Delivery-Category", message.Category);
        mime.Body = new BodyBuilder { HtmlBody = message.Html, TextBody = message.Text }.ToMessageBody();

        using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(cancellationToken);
        await client.NoOpAsync(cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = 10_000 };
        try
        {
            await client.ConnectAsync(_settings.SmtpHost ?? "localhost", _settings.SmtpPort, SecureSocketOptions.Auto, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
