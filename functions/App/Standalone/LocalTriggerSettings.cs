namespace Delivery.Functions.App.Standalone;

/// <summary>How the standalone host fires timer and queue triggers; under the Functions host these settings are unused.</summary>
public sealed class LocalTriggerSettings
{
    public const string Section = "Triggers";

    /// <summary>
    /// Fire timer and queue triggers in-process. Only the standalone host reads it, and there it defaults to true;
    /// under the Functions host the host fires them itself.
    /// </summary>
    public bool? RunLocally { get; set; }

    /// <summary>Tries before a queue message goes to the poison queue; when unset, host.json's <c>maxDequeueCount</c>.</summary>
    public int? MaxDequeueCount { get; set; }

    /// <summary>Longest pause between polls of an empty queue.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public bool ShouldRunLocally => RunLocally ?? true;
}
