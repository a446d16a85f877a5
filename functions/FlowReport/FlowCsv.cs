using System.Globalization;
using CsvHelper;
using Delivery.Workflows.Flow;

namespace Delivery.Functions.FlowReport;

/// <summary>
/// The flow report as CSV, one row per figure, with the same numbers as the JSON: lead time of each approved
/// project and its summary, throughput per month, time in each stage, approval turnaround per approver, work in
/// progress by stage and the age of each item in progress. Formula-like cells are escaped as in the portfolio's CSV.
/// </summary>
public sealed class FlowCsv(FlowReportData report) : IResult
{
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    public static readonly string[] Headers = ["Metric", "Subject", "Month", "Count", "Days", "Mean days", "50th percentile days", "85th percentile days"];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"flow.csv\"";
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

    private static string[] Summary(string metric, string subject, DurationSummary s) =>
        [metric, subject, "", N(s.Count), "", N(s.MeanDays), N(s.Percentile50Days), N(s.Percentile85Days)];

    private static string N(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
