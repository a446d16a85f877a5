using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// How long the durable engine keeps a finished orchestration's history (<c>Durable__HistoryRetention</c>). The task
/// hub holds ids and status only; the business record stays in Cosmos DB, so history is purged, not archived.
/// </summary>
public sealed class DurableSettings : IValidatableObject
{
    public const string Section = "Durable";

    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(90);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HistoryRetention < TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("must be at least one day (1.00:00:00).", [nameof(HistoryRetention)]);
        }
    }
}
