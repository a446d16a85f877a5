using Delivery.Functions.App.Http;
using Delivery.Workflows.Flow;

namespace Delivery.Functions.FlowReport;

/// <summary>
/// The flow report as CSV, one row per figure, with the same numbers as the JSON: lead time of each approved
/// project and its summary, throughput per month, time in each stage, approval turnaround per approver, work in
/// progress by stage and the age of each item in progress. Formula-like cells are escaped by <see cref="CsvDownload"/>.
/// </summary>
public static class FlowCsv
{
    /// <summary>The columns of both flow downloads: the project flow report and a team's flow.</summary>
    public static readonly string[] Headers = ["Metric", "Subject", "Month", "Count", "Days", "Mean days", "50th percentile days", "85th percentile days"];

    public static CsvDownload Download(FlowReportData report) => new("flow.csv", Headers, Rows(report));

    /// <summary>The report's rows as text cells, in the order of <see cref="Headers"/>.</summary>
    public static IEnumerable<string[]> Rows(FlowReportData report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var f in report.Finished)
        {
            yield return ["Lead time", f.ProjectId, Delivery.Workflows.Flow.FlowCalculator.MonthOf(f.FinishedAt), "1", N(f.LeadTimeDays), "", "", ""];
        }

        yield return Summary("Lead time summary", "All approved projects", report.LeadTime);
        foreach (var t in report.Throughput)
        {
            yield return ["Throughput", "Projects approved", t.Month, N(t.Finished), "", "", "", ""];
        }

        foreach (var s in report.TimeInStage)
        {
            yield return Summary("Time in stage", s.Stage.ToString(), s.Time);
        }

        foreach (var a in report.ApprovalTurnaround)
        {
            yield return Summary("Approval turnaround", a.Approver, a.Turnaround);
        }

        foreach (var w in report.WorkInProgress)
        {
            yield return ["Work in progress", w.Stage.ToString(), "", N(w.Count), N(w.OldestAgeDays), "", "", ""];
        }

        foreach (var a in report.Ages)
        {
            yield return ["Work item age", a.ProjectId, a.Stage.ToString(), "1", N(a.AgeDays), "", "", ""];
        }
    }

    /// <summary>A summary's row: count, mean and the 50th and 85th percentiles.</summary>
    public static string[] Summary(string metric, string subject, DurationSummary s) =>
        [metric, subject, "", N(s.Count), "", N(s.MeanDays), N(s.Percentile50Days), N(s.Percentile85Days)];

    private static string N(double? value) => CsvDownload.N(value);
}
