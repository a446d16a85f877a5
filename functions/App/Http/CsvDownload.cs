using System.Globalization;
using CsvHelper;

namespace Delivery.Functions.App.Http;

/// <summary>
/// A CSV download written with CsvHelper as its rows are produced, so a large report is never held whole. Cells that
/// a spreadsheet would take for a formula (starting =, +, - or @) are escaped, so a title cannot run code in Excel.
/// </summary>
public sealed class CsvDownload(string fileName, IReadOnlyList<string> headers, IAsyncEnumerable<IEnumerable<string>> rows) : IResult
{
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };

    public CsvDownload(string fileName, IReadOnlyList<string> headers, IEnumerable<IEnumerable<string>> rows)
        : this(fileName, headers, Async(rows))
    {
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // 16 KB at a time: StreamWriter's default 1 KB buffer made a 300 KB report some 300 writes to the response.
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false), bufferSize: 16 * 1024);
        await using var csv = CsvWriter.Create(writer, Options, leaveOpen: false);
        csv.WriteRecord([.. headers]);
        await foreach (var row in rows.WithCancellation(httpContext.RequestAborted))
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell);
            }

            await csv.EndRecordAsync(httpContext.RequestAborted);
        }

        await csv.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>A number as the invariant culture writes it, or an empty cell.</summary>
    public static string N(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static async IAsyncEnumerable<IEnumerable<string>> Async(IEnumerable<IEnumerable<string>> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
