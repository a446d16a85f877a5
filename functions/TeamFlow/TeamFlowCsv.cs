using Delivery.Functions.App.Http;
using Delivery.Functions.FlowReport;
using Delivery.Workflows.Flow;

namespace Delivery.Functions.TeamFlow;

/// <summary>
/// A team's flow metrics as CSV, one row per figure, the same numbers and columns as the project flow report's: the cycle time of each finished
/// story and its summary, throughput per month, work in progress and each item's age with their summary.
/// Formula-like cells are escaped as in the other CSV downloads.
/// </summary>
public static class TeamFlowCsv
{
    public static CsvDownload Download(TeamFlowReport report) => new($"team-flow-{report.ProjectId}.csv", FlowCsv.Headers, Rows(report));

    /// <summary>The report's rows as text cells, in the order of <see cref="FlowCsv.Headers"/>.</summary>
    public static IEnumerable<string[]> Rows(TeamFlowReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var f in report.Finished)
        {
            yield return ["Cycle time", f.StoryId, FlowCalculator.MonthOf(f.FinishedAt), "1", N(f.CycleTimeDays), "", "", ""];
        }

        yield return Summary("Cycle time summary", "Stories finished with a start", report.CycleTime);
        foreach (var t in report.Throughput)
        {
            yield return ["Throughput", "Stories finished", t.Month, N(t.Finished), "", "", "", ""];
        }

        yield return ["Work in progress", "Stories started, not finished", "", N(report.WorkInProgress), "", "", "", ""];
        foreach (var a in report.Ages)
        {
            yield return ["Work item age", a.StoryId, "", "1", N(a.AgeDays), "", "", ""];
        }

        yield return Summary("Work item age summary", "Stories in progress", report.Age);
    }

    private static string[] Summary(string metric, string subject, DurationSummary s) => FlowCsv.Summary(metric, subject, s);

    private static string N(double? value) => CsvDownload.N(value);
}
