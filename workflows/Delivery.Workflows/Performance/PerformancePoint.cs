namespace Delivery.Workflows.Performance;

/// <summary>
/// A measure's figure for one calendar month (<c>yyyy-MM</c>). For cost per transaction the month's total cost and
/// transactions are kept and <see cref="Value"/> is computed from them; for every other measure the value is as given.
/// </summary>
public sealed record PerformancePoint(string MeasureId, string Month, decimal Value, decimal? Cost, long? Transactions, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>Counts corrections of the month's figure, so each is audited once however often it is sent.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>Whether another sending gives the same figure (a retry), whoever sent it and when.</summary>
    public bool SameFigureAs(PerformancePoint other) =>
        other is not null && MeasureId == other.MeasureId && Month == other.Month && Value == other.Value && Cost == other.Cost && Transactions == other.Transactions;
}
