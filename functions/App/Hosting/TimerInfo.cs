using System.Text.Json;

namespace Delivery.Functions.App.Hosting;

/// <summary>The timer trigger's payload. It may arrive as an object or as a JSON-encoded string; both are read.</summary>
public sealed record TimerInfo
{
    public TimerScheduleStatus? ScheduleStatus { get; init; }

    public bool IsPastDue { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static TimerInfo From(InvocationRequest request, string bindingName)
    {
        if (!request.Data.TryGetValue(bindingName, out var value))
        {
            throw new InvalidDataException($"The invocation has no '{bindingName}' data.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => value.Deserialize<TimerInfo>(JsonOptions)!,
            JsonValueKind.String => JsonSerializer.Deserialize<TimerInfo>(value.GetString()!, JsonOptions)
                ?? throw new InvalidDataException("The timer payload string is empty."),
            _ => throw new InvalidDataException($"The timer payload is a {value.ValueKind}, not an object or string."),
        };
    }
}

/// <summary>When the timer last fired and fires next.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);
