using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The portfolio's delivery figures through HTTP: recorded spend and forecast show on the page (with the cost variance
/// chart and its table), in the CSV and in the Excel download, with a formula-like title escaped in both.
/// </summary>
public sealed class PortfolioReportsTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Spend_and_forecast_reach_the_page_the_csv_and_the_spreadsheet_with_formula_titles_escaped()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var title = $"=HYPERLINK(\"http://x\",\"{tag}\")";
        var projectId = await app.ApprovedProjectAsync(title);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", new { entryId = "inv-1", date = today, amount = 1_250m, kind = "capital", supplier = "Laptop Co", description = "Laptops", reference = "INV-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f-1", atCompletion = 10_500m, asAt = today, reason = "Prices rose" })).StatusCode);
        using var hana = app.As("head-hana");

        // CSV: approved 9,000, actual 1,250, forecast 10,500, variance +1,500; the title starts with a quote.
        var csv = await hana.GetStringAsync("/api/portfolio/export?stage=Initiation");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("Approved budget (GBP),Actual to date (GBP),Forecast at completion (GBP),Variance (GBP),Next milestone,Next milestone forecast,Top risk,Top risk score,Open exceptions,Benefits,Delivery confidence,Service phase", lines[0], StringComparison.Ordinal);
        var line = Assert.Single(lines, l => l.StartsWith(projectId + ",", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(", line, StringComparison.Ordinal);
        Assert.Contains(",9000.00,1250.00,10500.00,1500.00,", line, StringComparison.Ordinal);
        Assert.Contains(",0,No forecasts yet,", line, StringComparison.Ordinal);

        // Excel, by its own route and by ?format=xlsx: the same figures as numbers, the title as text, not a formula.
        foreach (var path in new[] { "/api/portfolio/export.xlsx?stage=Initiation", "/api/portfolio/export?stage=Initiation&format=xlsx" })
        {
            using var response = await hana.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
            using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
            var sheet = workbook.Worksheet("Portfolio");
            var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            int Column(string header) => headers.IndexOf(header) + 1;
            var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == projectId);
            var titleCell = row.Cell(Column("Title"));
            Assert.False(titleCell.HasFormula);
            Assert.Equal("'" + title, titleCell.GetString());
            Assert.Equal(9_000m, row.Cell(Column("Approved budget (GBP)")).GetValue<decimal>());
            Assert.Equal(1_250m, row.Cell(Column("Actual to date (GBP)")).GetValue<decimal>());
            Assert.Equal(10_500m, row.Cell(Column("Forecast at completion (GBP)")).GetValue<decimal>());
            Assert.Equal(1_500m, row.Cell(Column("Variance (GBP)")).GetValue<decimal>());
            Assert.Equal("Initiation", row.Cell(Column("Stage")).GetString());
        }

        using var rita = app.As("rita");
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.GetAsync("/api/portfolio/export.xlsx")).StatusCode);

        // The page: the delivery figures table and the cost variance chart with its table, checked with axe and at 320 px.
        var page = await browser.NewPageAsync(app.App.BaseAddress, "head-hana", bypassContentSecurityPolicy: true);
        await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/portfolio?stage=Initiation").ToString());
        var figures = page.Locator("table:has(caption:text('Delivery figures')) tr", new() { HasText = tag });
        Assert.Contains("£1,500 over", await figures.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("£10,500", await figures.InnerTextAsync(), StringComparison.Ordinal);
        var variance = page.Locator("table:has(caption:text-is('Cost variance by project')) tr", new() { HasText = tag });
        Assert.Contains("£1,500 over", await variance.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("£1,500 over", await page.Locator("svg desc#variance-desc").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        var noReport = await page.Locator("table:has(caption:text('by delivery confidence')) tr", new() { HasText = "No highlight report yet" }).Locator("td").InnerTextAsync();
        Assert.True(int.Parse(noReport, CultureInfo.InvariantCulture) >= 1);
        await BrowserFixture.CheckAsync(page, "portfolio-reports");
    }
}
