using System.Diagnostics;
using OpenTelemetry;

namespace Delivery.Functions.App.Telemetry;

/// <summary>
/// Removes personal data from every span before it is exported: drops <c>enduser.*</c> and client-address
/// attributes and query strings, and replaces email addresses and secrets (link tokens, keys) in attribute values and the status description.
/// </summary>
/// <remarks>Must be added before the exporters: processors run in the order they were added.</remarks>
public sealed class PersonalDataSpanScrubber : BaseProcessor<Activity>
{
    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);

        // Copied first: changing tags while enumerating them is not allowed.
        foreach (var (key, value) in data.TagObjects.ToList())
        {
            if (PersonalDataRedactor.IsDropped(key))
            {
                data.SetTag(key, null);
                continue;
            }

            var cleaned = PersonalDataRedactor.Clean(key, value);
            if (!Equals(cleaned, value))
            {
                data.SetTag(key, cleaned);
            }
        }

        if (data.StatusDescription is { } description)
        {
            data.SetStatus(data.Status, PersonalDataRedactor.Scrub(description));
        }

        var name = PersonalDataRedactor.Scrub(PersonalDataRedactor.StripQuery(data.DisplayName));
        if (name != data.DisplayName)
        {
            data.DisplayName = name;
        }
    }
}
