using System.Globalization;
using CsvHelper;
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
        var columns = PortfolioColumns.For(now);
        await foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                csv.WriteField(PortfolioColumns.Text(column.Value(row)));
            }

            await csv.EndRecordAsync(httpContext.RequestAborted);
        }

        await csv.FlushAsync(httpContext.RequestAborted);
    }

    public static IReadOnlyList<string> Headers => PortfolioColumns.Headers;
}
