using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Tests.Monitoring;

/// <summary>Figures for monitor tests: £10,000 approved, ±10 % cost, ±5 working days, accepted risk score 12.</summary>
internal static class MonitorFigures
{
    public static readonly Tolerances Tolerances = new(TimeWorkingDays: 5, CostPercent: 10m, "No change", "As agreed", RiskScore: 12, BenefitsPercent: 10m);

    /// <summary>A Monday with no bank holiday near it.</summary>
    public static readonly DateOnly Today = new(2027, 3, 8);

    public static ControlFigures Within(string id = "prj-within") => new()
    {
        Id = id,
        Stage = ProjectStage.Delivery,
        Tolerances = Tolerances,
        Approved = 10_000m,
        ForecastAtCompletion = 10_000m,
        ActualToDate = 2_000m,
        Milestones = [new MilestoneFigure("m1", Today.AddDays(14), Today.AddDays(14), null)],
        RefreshedAt = DateTimeOffset.UnixEpoch,
    };
}
