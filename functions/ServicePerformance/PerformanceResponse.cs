using Delivery.Workflows.Performance;

namespace Delivery.Functions.ServicePerformance;

/// <summary>A service's performance as the API shows it: each measure with its latest figure against target, and the stakeholders named.</summary>
public sealed record PerformanceResponse(string ProjectId, IReadOnlyList<MeasureResponse> Measures, IReadOnlyList<string> StakeholderIds)
{
    public static PerformanceResponse From(PerformanceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.ProjectId, PerformanceFigures.For(record, null).Select(MeasureResponse.From).ToList(), record.StakeholderIds);
    }
}

/// <summary>
/// A measure: what it is, its target, and its latest month's figure (<c>latest</c>), whether that meets the target
/// (<c>onTarget</c>) and the change from the month before (<c>change</c>, null without a figure for that month).
/// </summary>
public sealed record MeasureResponse(
    string MeasureId, string Name, string Definition, MeasureUnit Unit, BetterWhen BetterWhen, decimal Target, bool Kpi,
    string? LatestMonth, decimal? Latest, bool? OnTarget, decimal? Change, IReadOnlyList<FigureResponse> Months)
{
    public static MeasureResponse From(MeasureFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var m = figure.Measure;
        return new(m.MeasureId, m.Name, m.Definition, m.Unit, m.BetterWhen, m.Target, m.IsKpi, figure.Month, figure.Value, figure.OnTarget, figure.Change,
            figure.Points.Select(p => new FigureResponse(p.Month, p.Value, p.Cost, p.Transactions, m.Meets(p.Value))).ToList());
    }
}

/// <summary>One month's figure: the value (for cost per transaction computed from the cost and transactions) and whether it met the target.</summary>
public sealed record FigureResponse(string Month, decimal Value, decimal? Cost, long? Transactions, bool OnTarget);
