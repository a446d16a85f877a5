using System.Globalization;
using CsvHelper;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Views;

namespace Delivery.Functions.Portfolio;

/// <summary>
/// The portfolio as a CSV download, written with CsvHelper as the rows are read. Cells that a spreadsheet would take
/// for a formula (starting =, +, - or @) are escaped, so a project title cannot run code in Excel.
/// </summary>
public sealed class PortfolioCsv(IAsyncEnumerable<PortfolioRow> rows, DateTimeOffset now) : IResult
{
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"portfolio.csv\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false));
        await using var csv = CsvWriter.Create(writer, Options, leaveOpen: false);
        csv.WriteRecord([.. Headers]);
        await foreach (var row in rows)
        {
            csv.WriteField(row.Id);
            csv.WriteField(row.Title);
            csv.WriteField(ProjectText.Stage(row.Stage));
            csv.WriteField(ProjectText.Category(row.Category));
            csv.WriteField(row.CostBand);
            csv.WriteField(row.EstimatedCost.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(row.SponsorName);
            csv.WriteField(row.ProjectManagerName ?? string.Empty);
            csv.WriteField(row.WaitingFor);
            csv.WriteField(row.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(ProjectText.AgeInDays(row.SubmittedAt, now).ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(httpContext.RequestAborted);
        }

        await csv.FlushAsync(httpContext.RequestAborted);
    }

    public static IReadOnlyList<string> Headers { get; } =
        ["Reference", "Title", "Stage", "Category", "Cost band", "Estimated cost (GBP)", "Sponsor", "Project manager", "Waiting for", "Submitted", "Age (days)"];
}
