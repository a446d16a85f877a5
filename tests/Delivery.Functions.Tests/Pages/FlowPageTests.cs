using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Controls;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The flow report page over seeded audit trails: reached from the portfolio, its three charts each have a title and
/// are followed by a table of the same figures; it passes axe and reflows at 320 px, with figures and with an error;
/// a requester is refused it.
/// </summary>
public sealed class FlowPageTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_flow_page_shows_its_charts_and_tables_passes_axe_and_reflows_and_refuses_requesters()
    {
        await FlowSeed.SeedAsync(app, "page-");
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/portfolio").ToString());
        await page.ClickAsync("a:text('See the flow report')");
        await page.WaitForURLAsync("**/api/reports/flow/page");

        Assert.Equal(["Lead time of each approved project by date approved", "Projects approved each month", "Age of each project in progress by stage"],
            await page.Locator("svg title").AllTextContentsAsync());
        Assert.Contains("3 projects approved. 50th percentile: 10 days. 85th percentile: 11 days.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var leadTable = page.Locator("table:has(caption:text('Lead time of each approved project'))");
        Assert.Equal(3, await leadTable.Locator("tbody tr").CountAsync());
        Assert.Contains("3.5 days", await leadTable.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("line-lee", await page.Locator("table:has(caption:text('Approval turnaround'))").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("/api/reports/flow.csv", await page.Locator("a:text('Download these figures as CSV')").GetAttributeAsync("href"));
        await BrowserFixture.CheckAsync(page, "flow-report");

        var bad = await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/reports/flow/page?months=99").ToString());
        Assert.Equal(400, bad!.Status);
        Assert.Contains("Enter the number of months as a whole number from 1 to 36", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "flow-report-errors");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        var refused = await rita.GotoAsync(new Uri(app.App.BaseAddress, "/api/reports/flow/page").ToString());
        Assert.Equal(403, refused!.Status);
    }
}
