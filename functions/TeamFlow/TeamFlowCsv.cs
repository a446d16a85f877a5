using System.Globalization;
using CsvHelper;
using Delivery.Workflows.Flow;

namespace Delivery.Functions.TeamFlow;

/// <summary>
/// A team's flow metrics as CSV, one row per figure, the same numbers as the JSON: the cycle time of each finished
/// story and its summary, throughput per month, work in progress and each item's age with their summary.
/// Formula-like cells are escaped as in the other CSV downloads.
/// </summary>
public sealed class TeamFlowCsv(TeamFlowReport report) : IResult
{
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    public static readonly string[] Headers = ["Metric", "Subject", "Month", "Count", "Days", "Mean days", "50th percentile days", "85th percentile days"];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"team-flow-{report.ProjectId}.csv\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false));
        await using var csv = CsvWriter.Create(writer, Options, leaveOpen: false);
        csv.WriteRecord([.. Headers]);
        foreach (var row in Rows(report))
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell);
            }

            await csv.EndRecordAsync(httpContext.RequestAborted);
        }

        await csv.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The report's rows as text cells, in the order of <see cref="Headers"/>.</summary>
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

    private static string[] Summary(string metric, string subject, DurationSummary s) =>
        [metric, subject, "", N(s.Count), "", N(s.MeanDays), N(s.Percentile50Days), N(s.Percentile85Days)];

    private static string N(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
