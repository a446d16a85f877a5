using ClosedXML.Excel;
using Delivery.Workflows.Views;

namespace Delivery.Functions.Portfolio;

/// <summary>
/// The portfolio as an Excel workbook made with ClosedXML: the CSV's columns, numbers and dates kept as such, the
/// heading row frozen and filtered. Text that Excel would take for a formula is escaped as the CSV escapes it, and
/// every text cell is stored as text, so nothing a project's people typed is ever evaluated.
/// </summary>
public sealed class PortfolioXlsx(IAsyncEnumerable<PortfolioRow> rows, DateTimeOffset now) : IResult
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var columns = PortfolioColumns.For(now);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Portfolio");
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(columns[c].Header);
        }

        var r = 1;
        await foreach (var row in rows.WithCancellation(httpContext.RequestAborted))
        {
            r++;
            for (var c = 0; c < columns.Count; c++)
            {
                Write(sheet.Cell(r, c + 1), columns[c].Value(row));
            }
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, r, columns.Count).SetAutoFilter();
        // Widths from the headings, not AdjustToContents: ClosedXML measures text with System.Drawing, which Linux lacks.
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Column(c + 1).Width = Math.Max(12, columns[c].Header.Length + 2);
        }

        // ClosedXML writes synchronously, which the response stream refuses: build the file in memory first.
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.Headers.ContentDisposition = "attachment; filename=\"portfolio.xlsx\"";
        buffer.Position = 0;
        await buffer.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
    }

    private static void Write(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case decimal pounds:
                cell.SetValue(pounds);
                cell.Style.NumberFormat.Format = "#,##0.00";
                break;
            case int number:
                cell.SetValue(number);
                break;
            case DateOnly date:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = "yyyy-mm-dd";
                break;
            default:
                cell.SetValue(PortfolioColumns.Escaped(value.ToString() ?? string.Empty));
                cell.DataType = XLDataType.Text;
                break;
        }
    }
}
