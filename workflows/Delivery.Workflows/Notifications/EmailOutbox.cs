using System.Net;
using System.Security.Cryptography;
using System.Text;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Notifications;

/// <summary>
/// Sends each email at most once per key (subject, step, recipient), however often the caller is retried.
/// </summary>
/// <remarks>
/// The key is claimed by creating an <see cref="EmailRecord"/> in the project's partition before sending; a second
/// attempt gets 409 and sends nothing. If sending fails with an error the claim is released, so a retry sends it;
/// if the process dies between claim and send, the email is not re-sent: the council would rather miss one
/// notification (the audit trail and "waiting for me" still show the work) than spam an approver.
/// </remarks>
public sealed class EmailOutbox(Database database, IEmailSender sender, TimeProvider clock)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);

    /// <returns>True when this call sent the email; false when it had been sent (or claimed) before.</returns>
    public async Task<bool> SendOnceAsync(string projectId, string key, EmailMessage message, CancellationToken cancellationToken)
    {
        var record = new EmailRecord
        {
            Id = RecordId(key),
            ProjectId = projectId,
            Key = key,
            Category = message.Category,
            State = EmailState.Sending,
            RecordedAt = clock.GetUtcNow(),
        };
        var partition = new PartitionKey(projectId);
        try
        {
            await _container.CreateItemAsync(record, partition, cancellationToken: cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch
        {
            await _container.DeleteItemAsync<EmailRecord>(record.Id, partition, cancellationToken: CancellationToken.None);
            throw;
        }

        await _container.ReplaceItemAsync(record with { State = EmailState.Sent, SentAt = clock.GetUtcNow() }, record.Id, partition, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Keys hold email addresses, so ids are hashes of them: nothing personal shows in ids or logs.</summary>
    public static string RecordId(string key) =>
        "email-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
}
