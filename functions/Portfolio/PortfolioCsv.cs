using Delivery.Functions.App.Http;
using Delivery.Workflows.Views;

namespace Delivery.Functions.Portfolio;

/// <summary>The portfolio as a CSV download, written as the rows are read (formula-like cells escaped).</summary>
public static class PortfolioCsv
{
    public static IReadOnlyList<string> Headers => PortfolioColumns.Headers;

    public static CsvDownload Download(IAsyncEnumerable<PortfolioRow> rows, DateTimeOffset now) =>
        new("portfolio.csv", Headers, Cells(rows, PortfolioColumns.For(now)));

    private static async IAsyncEnumerable<IEnumerable<string>> Cells(IAsyncEnumerable<PortfolioRow> rows, IReadOnlyList<PortfolioColumn> columns)
    {
        await foreach (var row in rows)
        {
            yield return columns.Select(c => PortfolioColumns.Text(c.Value(row)));
        }
    }
}
