namespace Delivery.Workflows.Storage;

/// <summary>Storage queues the app's own queue-triggered functions read; each has a <c>-poison</c> twin.</summary>
public static class QueueNames
{
    /// <summary>Emails to send, one message per (subject, step, recipient) key; see SendEmail.</summary>
    public const string EmailOutbox = "email-outbox";

    public static IReadOnlyList<string> All { get; } = [EmailOutbox];

    public static string PoisonOf(string queueName) => queueName + "-poison";
}
