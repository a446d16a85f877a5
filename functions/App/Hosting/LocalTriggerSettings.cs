namespace Delivery.Functions.App.Hosting;

/// <summary>Whether the app fires its own timer and queue triggers (standalone) or leaves that to the Functions host.</summary>
public sealed class LocalTriggerSettings
{
    public const string Section = "Triggers";

    /// <summary>
    /// Fire triggers in-process. Defaults to true when the Functions host did not start the app
    /// (no <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>), false under the host, which fires them itself.
    /// </summary>
    public bool? RunLocally { get; set; }

    /// <summary>How many times a queue message is tried before it goes to the poison queue (host.json's maxDequeueCount).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Longest pause between polls of an empty queue.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public bool ShouldRunLocally(IConfiguration configuration) =>
        RunLocally ?? string.IsNullOrEmpty(configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
}
