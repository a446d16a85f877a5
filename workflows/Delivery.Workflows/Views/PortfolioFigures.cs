using Delivery.Workflows.Benefits;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Raid;

namespace Delivery.Workflows.Views;

/// <summary>
/// An approved project's delivery figures as the portfolio shows them, carried on its <see cref="PortfolioRow"/> and
/// written by <see cref="ControlsView"/> from the same records whenever it refreshes the project's control figures,
/// so the portfolio page and its downloads never read a project's own records.
/// </summary>
public sealed record PortfolioFigures
{
    public required decimal Approved { get; init; }

    public required decimal Actual { get; init; }

    public required decimal Forecast { get; init; }

    /// <summary>Forecast at completion less the approved budget: above zero is an overspend.</summary>
    public decimal Variance => Forecast - Approved;

    /// <summary>The first milestone not yet achieved, by its forecast date; none when every one is done.</summary>
    public string? NextMilestoneName { get; init; }

    public DateOnly? NextMilestoneForecast { get; init; }

    /// <summary>The open risk with the highest score (the lowest id among equals).</summary>
    public string? TopRiskId { get; init; }

    public string? TopRiskTitle { get; init; }

    public int? TopRiskScore { get; init; }

    /// <summary>Exceptions not yet closed by an approved plan or an early closure.</summary>
    public int OpenExceptions { get; init; }

    public required string BenefitsStatus { get; init; }

    /// <summary>The latest highlight report's delivery confidence; none before the first report.</summary>
    public string? DeliveryConfidence { get; init; }

    /// <summary>A digital service's phase now; none for a technology project or a service not yet started.</summary>
    public Services.ServicePhase? ServicePhase { get; init; }

    /// <summary>Builds the figures from the records <see cref="ControlsView"/> has just read.</summary>
    public static PortfolioFigures From(
        ControlFigures controls, IEnumerable<MilestoneRecord> milestones, RaidItem? topRisk, IEnumerable<ProjectException> exceptions, string? deliveryConfidence)
    {
        ArgumentNullException.ThrowIfNull(controls);
        var next = milestones.Where(m => m.Actual is null).OrderBy(m => m.Forecast).ThenBy(m => m.MilestoneId, StringComparer.Ordinal).FirstOrDefault();
        return new PortfolioFigures
        {
            Approved = controls.Approved,
            Actual = controls.ActualToDate,
            Forecast = controls.ForecastAtCompletion,
            NextMilestoneName = next?.Name,
            NextMilestoneForecast = next?.Forecast,
            TopRiskId = topRisk?.ItemId,
            TopRiskTitle = topRisk?.Title,
            TopRiskScore = topRisk?.Score,
            OpenExceptions = exceptions.Count(e => e.Status is not (ExceptionStatus.PlanApproved or ExceptionStatus.ClosedEarly)),
            BenefitsStatus = BenefitsStatusOf(controls.Benefits),
            DeliveryConfidence = deliveryConfidence,
        };
    }

    /// <summary>In words, so the page, the CSV and the spreadsheet say the same: whether forecasts reach their targets.</summary>
    public static string BenefitsStatusOf(IReadOnlyList<BenefitFigure> benefits)
    {
        ArgumentNullException.ThrowIfNull(benefits);
        if (benefits.Count == 0)
        {
            return "No forecasts yet";
        }

        var shortOfTarget = benefits.Count(b => b.ShortfallPercent > 0);
        return shortOfTarget == 0 ? "On track" : $"{shortOfTarget} of {benefits.Count} forecast short of target";
    }
}
