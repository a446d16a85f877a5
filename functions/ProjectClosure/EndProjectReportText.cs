using Delivery.Workflows.Closure;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Functions.ProjectClosure;

/// <summary>One measure of the end project report: what was approved and what came out.</summary>
public sealed record OutturnRow(string Measure, string Baseline, string Outturn);

/// <summary>
/// The end project report's words, shared by its HTML (page and stored document) and its Word document, so the two
/// always say the same thing.
/// </summary>
public static class EndProjectReportText
{
    public const string NoChanges = "No change requests or exceptions.";
    public const string NoLessons = "No lessons were recorded in the project's reports.";
    public const string NothingHandedOn = "None were open.";

    /// <summary>Baseline against outturn on time, cost, scope and risk.</summary>
    public static IReadOnlyList<OutturnRow> Outturn(EndProjectReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (time, cost, scope, risk) = (report.Time, report.Cost, report.Scope, report.Risk);
        return
        [
            new("Time",
                (time.FirstBaselineEnd is { } f ? $"End {UkFormat.Date(f)} first approved" : "No end approved")
                    + (time.BaselineEnd is { } b && b != time.FirstBaselineEnd ? $"; {UkFormat.Date(b)} as last approved" : null),
                (time.ActualEnd is { } a ? $"{(time.Reached ? "Ended" : "Forecast to end")} {UkFormat.Date(a)}" : "No milestones")
                    + (time.WorkingDaysLate is { } late ? $" ({late} working days against the first approved end)" : null)),
            new("Cost",
                $"{UkFormat.Money(cost.FirstApproved)} first approved" + (cost.Approved != cost.FirstApproved ? $"; {UkFormat.Money(cost.Approved)} as last approved" : null),
                $"{UkFormat.Money(cost.Outturn)} spent ({UkFormat.Money(cost.Capital)} capital, {UkFormat.Money(cost.Revenue)} revenue): "
                    + (cost.Variance <= 0 ? $"{UkFormat.Money(-cost.Variance)} under" : $"{UkFormat.Money(cost.Variance)} over") + " the approved budget"),
            new("Scope", $"{UkFormat.Money(scope.ChangeBudget)} change budget", $"{scope.ChangesApproved} change(s) approved, using {UkFormat.Money(scope.ChangeBudgetUsed)}"),
            new("Risk", "Risks and issues managed through the RAID log",
                $"{risk.OpenRisks} open risk(s)" + (risk.HighestOpenScore is { } s ? $", highest score {s}" : null) + $"; {risk.OpenIssues} open issue(s)"),
        ];
    }

    /// <summary>The changes then the exceptions, or a line saying there were none.</summary>
    public static IReadOnlyList<string> ChangesAndExceptions(EndProjectReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = report.Changes.Concat(report.Exceptions).ToList();
        return lines.Count == 0 ? [NoChanges] : lines;
    }

    /// <summary>The lessons, or a line saying there were none.</summary>
    public static IReadOnlyList<string> Lessons(EndProjectReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Lessons.Count == 0 ? [NoLessons] : report.Lessons;
    }
}
