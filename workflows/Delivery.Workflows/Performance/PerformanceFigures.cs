using System.Globalization;

namespace Delivery.Workflows.Performance;

/// <summary>
/// A measure's figure for a month: the value (null when none was recorded), whether it meets the target, and the
/// change from the calendar month before (null unless both months have a figure); with all its points for the charts.
/// </summary>
public sealed record MeasureFigure(PerformanceMeasure Measure, string? Month, decimal? Value, bool? OnTarget, decimal? Change, IReadOnlyList<PerformancePoint> Points)
{
    public PerformancePoint? Point => Month is null ? null : Points.FirstOrDefault(p => p.Month == Month);
}

/// <summary>The figures a performance page, the API and the monthly report show, computed the same way for all three.</summary>
public static class PerformanceFigures
{
    /// <summary>
    /// Each measure's figure for <paramref name="month"/>, or for its latest month with a figure when
    /// <paramref name="month"/> is null; the KPIs first in the GOV.UK order, then the service's own by id.
    /// </summary>
    public static IReadOnlyList<MeasureFigure> For(PerformanceRecord performance, string? month)
    {
        ArgumentNullException.ThrowIfNull(performance);
        return Ordered(performance.Measures).Select(m =>
        {
            var points = performance.Points.Where(p => p.MeasureId == m.MeasureId).OrderBy(p => p.Month, StringComparer.Ordinal).ToList();
            var at = month ?? points.LastOrDefault()?.Month;
            var point = points.FirstOrDefault(p => p.Month == at);
            var before = at is null ? null : points.FirstOrDefault(p => p.Month == Months.Previous(at));
            return new MeasureFigure(m, at, point?.Value, point is null ? null : m.Meets(point.Value), point is not null && before is not null ? point.Value - before.Value : null, points);
        }).ToList();
    }

    public static IEnumerable<PerformanceMeasure> Ordered(IEnumerable<PerformanceMeasure> measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var kpiOrder = Kpis.All.Select(k => k.MeasureId).ToList();
        return measures.OrderBy(m => kpiOrder.IndexOf(m.MeasureId) is var i && i >= 0 ? i : kpiOrder.Count).ThenBy(m => m.MeasureId, StringComparer.Ordinal);
    }

    /// <summary>A value in its unit, as pages and emails write it: £3.25, 82.5%, 1,200.</summary>
    public static string Format(decimal value, MeasureUnit unit) => unit switch
    {
        MeasureUnit.Pounds => (value < 0 ? "-£" : "£") + Math.Abs(value).ToString("#,0.00", CultureInfo.InvariantCulture),
        MeasureUnit.Percent => value.ToString("0.##", CultureInfo.InvariantCulture) + "%",
        _ => value.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>A change in the measure's unit with its sign: +£0.40, -2.5 percentage points.</summary>
    public static string FormatChange(decimal change, MeasureUnit unit)
    {
        var sign = change > 0 ? "+" : change < 0 ? "-" : string.Empty;
        var size = Math.Abs(change);
        return unit switch
        {
            MeasureUnit.Pounds => sign + "£" + size.ToString("#,0.00", CultureInfo.InvariantCulture),
            MeasureUnit.Percent => sign + size.ToString("0.##", CultureInfo.InvariantCulture) + (size == 1 ? " percentage point" : " percentage points"),
            _ => sign + size.ToString("#,0.##", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Calendar months as the performance records name them (<c>yyyy-MM</c>).</summary>
public static class Months
{
    public static string Of(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly? Parse(string? month) =>
        month is { Length: 7 } && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string Previous(string month) => Of(Parse(month)!.Value.AddMonths(-1));

    /// <summary>"January 2027".</summary>
    public static string Name(string month) => Parse(month)!.Value.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
