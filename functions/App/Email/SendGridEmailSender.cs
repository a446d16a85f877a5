using Delivery.Functions.App.Settings;
using Delivery.Workflows.Notifications;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Delivery.Functions.App.Email;

/// <summary>Sends through SendGrid's v3 mail API.</summary>
/// <remarks>Only the template name goes in categories; no custom args, since SendGrid keeps both in its logs.</remarks>
public sealed class SendGridEmailSender(IOptions<EmailSettings> options) : IEmailSender
{
    private readonly EmailSettings _settings = options.Value;
    private readonly SendGridClient _client = CreateClient(options.Value);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mail = MailHelper.CreateSingleEmail(
            new SendGrid.Helpers.Mail.EmailAddress(_settings.FromAddress, _settings.FromName),
            new SendGrid.Helpers.Mail.EmailAddress(message.To.Address, message.To.Name),
            message.Subject,
            message.Text,
            message.Html);
        mail.AddCategory(message.Category);
        var response = await _client.SendEmailAsync(mail, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"SendGrid refused the email: HTTP {(int)response.StatusCode}.");
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var response = await _client.RequestAsync(BaseClient.Method.GET, urlPath: "scopes", cancellationToken: cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"SendGrid answered HTTP {(int)response.StatusCode}.");
        }
    }

    private static SendGridClient CreateClient(EmailSettings settings) =>
        settings.SendGridBaseUrl is null
            ? new SendGridClient(settings.SendGridApiKey)
            : new SendGridClient(new SendGridClientOptions
            {
                ApiKey = settings.SendGridApiKey,
                Host = settings.SendGridBaseUrl.ToString().TrimEnd('/'),
            });
}
