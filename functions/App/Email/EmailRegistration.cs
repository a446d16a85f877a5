using Delivery.Functions.App.Settings;
using Delivery.Workflows.Notifications;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Email;

/// <summary>Chooses the email sender: SendGrid when an API key is set, SMTP otherwise.</summary>
public static class EmailRegistration
{
    public static IServiceCollection AddDeliveryEmail(this IServiceCollection services)
    {
        services.AddSingleton<IEmailSender>(sp =>
            sp.GetRequiredService<IOptions<EmailSettings>>().Value.UsesSendGrid
                ? ActivatorUtilities.CreateInstance<SendGridEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));
        services.AddSingleton<EmailOutbox>();
        return services;
    }
}
