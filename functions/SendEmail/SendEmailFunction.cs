using System.Text.Json;
using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Telemetry;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.SendEmail;

/// <summary>
/// Queue trigger on <c>email-outbox</c>: sends the templated email a message asks for, once per
/// (project, template, recipient) however often the message is delivered.
/// </summary>
public sealed class SendEmailFunction(
    ProjectRepository projects, EmailOutbox outbox, IOptions<AppSettings> app, TimeProvider clock, ILogger<SendEmailFunction> logger)
{
    /// <summary>How long a receipt may wait for its project to appear before it is dropped as belonging to a failed request.</summary>
    public static readonly TimeSpan ProjectGracePeriod = TimeSpan.FromMinutes(10);

    public const string Name = nameof(SendEmail);

    /// <summary>Sends the email; throwing fails the invocation, so the message comes back (and goes to poison after host.json's tries).</summary>
    /// <returns>What became of it: <c>sent</c>, <c>already sent</c> or <c>dropped</c>.</returns>
    [Function(Name)]
    public async Task<string> RunAsync(
        [QueueTrigger(QueueNames.EmailOutbox, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken)
    {
        var email = JsonSerializer.Deserialize<EmailRequest>(message, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The queue message is not an email request.");
        using var ids = DeliveryTelemetry.BeginWorkflowScope(null, email.ProjectId);
        var project = await projects.GetAsync(email.ProjectId, cancellationToken);
        if (project is null)
        {
            if (clock.GetUtcNow() - email.RequestedAt < ProjectGracePeriod)
            {
                // The request that queued this may still be storing the project: fail so the message comes back.
                throw new InvalidOperationException($"Project {email.ProjectId} is not stored yet.");
            }

            logger.LogInformation("Dropped {Template} email for {ProjectId}: the project was never stored", email.Template, email.ProjectId);
            return "dropped";
        }

        var outgoing = email.Template switch
        {
            ReceiptEmail.Category => ReceiptEmail.Build(project, app.Value.PublicBaseUrl!),
            _ => throw new InvalidDataException($"Unknown email template {email.Template}."),
        };
        var sent = await outbox.SendOnceAsync(project.ProjectId, $"{project.ProjectId}:{email.Template}:{outgoing.To.Address}", outgoing, cancellationToken);
        logger.LogInformation("{Template} email for {ProjectId}: {Outcome}", email.Template, project.ProjectId, sent ? "sent" : "already sent");
        return sent ? "sent" : "already sent";
    }
}
