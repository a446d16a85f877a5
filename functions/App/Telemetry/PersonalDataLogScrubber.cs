using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Delivery.Functions.App.Telemetry;

/// <summary>
/// Removes personal data from every log record before it is exported: drops <c>enduser.*</c> and client-address
/// attributes, and replaces email addresses and secrets (link tokens, keys) in attribute values, the formatted message and the body.
/// </summary>
/// <remarks>
/// Must be added before the exporters. Exception messages are exported as thrown: code must not put personal
/// data in exception messages (log the id instead).
/// </remarks>
public sealed class PersonalDataLogScrubber : BaseProcessor<LogRecord>
{
    /// <inheritdoc />
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);

        if (data.Attributes is { Count: > 0 } attributes)
        {
            data.Attributes = attributes
                .Where(pair => !PersonalDataRedactor.IsDropped(pair.Key))
                .Select(pair => new KeyValuePair<string, object?>(pair.Key, PersonalDataRedactor.Clean(pair.Key, pair.Value)))
                .ToList();
        }

        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = PersonalDataRedactor.Scrub(message);
        }

        if (data.Body is { } body)
        {
            data.Body = PersonalDataRedactor.Scrub(body);
        }
    }
}
