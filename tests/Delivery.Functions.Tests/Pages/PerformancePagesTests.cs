using Delivery.Functions.Tests.Performance;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// Service performance in a browser: the delivery manager defines a measure, records a month's figure (with the
/// errors named first) and pastes a CSV file (a bad row named, nothing stored); the performance page shows a run
/// chart per measure against its target; every page passes axe. A requester may read the page but not record.
/// </summary>
public sealed class PerformancePagesTests(PerformanceApp app, BrowserFixture browser) : IClassFixture<PerformanceApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_delivery_manager_defines_records_and_imports_figures_and_sees_the_run_charts_passing_axe()
    {
        var (projectId, _) = await app.ServiceInDiscoveryAsync();
        await app.SeedFiguresAsync(projectId);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);

        await page.GotoAsync(Url($"/api/projects/{projectId}/performance/page"));
        Assert.Equal("Service performance", await page.Locator("h1").InnerTextAsync());
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("£3.13 in " + PerformanceApp.Name(PerformanceApp.LastMonth), main, StringComparison.Ordinal);
        Assert.Contains("+£0.13", main, StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator("figure.app-chart").CountAsync());
        Assert.Contains("target £3.00", await page.Locator("#measure-cost-per-transaction-chart-desc").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-performance");

        await page.ClickAsync("a:text('Define a measure')");
        await page.WaitForSelectorAsync("h1:text('Define a measure')");
        await page.SelectOptionAsync("#measure", "own");
        await page.ClickAsync("button:text('Save the measure')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(6, await page.Locator(".govuk-error-summary__list a").CountAsync());
        await BrowserFixture.CheckAsync(page, "performance-measure-errors");
        await page.FillAsync("#ownId", "calls-avoided");
        await page.FillAsync("#name", "Calls avoided");
        await page.FillAsync("#definition", "Phone calls about missed bins we no longer receive");
        await page.FillAsync("#target", "500");
        await page.SelectOptionAsync("#unit", "count");
        await page.SelectOptionAsync("#betterWhen", "higher");
        await page.ClickAsync("button:text('Save the measure')");
        await page.WaitForSelectorAsync("h1:text('Service performance')");
        Assert.Contains("Calls avoided", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("a:text(\"Record a month's figure\")");
        await page.WaitForSelectorAsync("h1:text(\"Record a month's figure\")");
        await BrowserFixture.CheckAsync(page, "performance-record");
        await page.SelectOptionAsync("#measureId", "calls-avoided");
        await page.FillAsync("#month", "last month");
        await page.FillAsync("#value", "many");
        await page.ClickAsync("button:text('Record the figure')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(1, await page.Locator(".govuk-error-summary__list a").CountAsync());
        await page.FillAsync("#value", "420");
        await page.ClickAsync("button:text('Record the figure')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Contains("month", await page.Locator(".govuk-error-summary__list").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "performance-record-errors");
        await page.FillAsync("#month", PerformanceApp.LastMonth);
        await page.ClickAsync("button:text('Record the figure')");
        await page.WaitForSelectorAsync("h1:text('Service performance')");
        Assert.Equal(420m, PerformanceApp.Measure(await app.PerformanceAsync(projectId), "calls-avoided").GetProperty("latest").GetDecimal());

        await page.ClickAsync("a:text('Import figures from a CSV file')");
        await page.WaitForSelectorAsync("h1:text('Import figures from a CSV file')");
        await page.FillAsync("#csv", $"measure,month,value\ncalls-avoided,{PerformanceApp.MonthBefore},380\ncalls-avoided,2020-99,1\n");
        await page.ClickAsync("button:text('Import the figures')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Contains("Row 3", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "performance-import-errors");
        Assert.Equal(1, PerformanceApp.Measure(await app.PerformanceAsync(projectId), "calls-avoided").GetProperty("months").GetArrayLength());
        await page.FillAsync("#csv", $"measure,month,value\ncalls-avoided,{PerformanceApp.MonthBefore},380\n");
        await page.ClickAsync("button:text('Import the figures')");
        await page.WaitForSelectorAsync("h1:text('Service performance')");
        Assert.Equal(5, await page.Locator("figure.app-chart").CountAsync());
        Assert.Contains("+40", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-performance-after");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        Assert.Equal(200, (await rita.GotoAsync(Url($"/api/projects/{projectId}/performance/page")))!.Status);
        Assert.Equal(0, await rita.Locator("a:text(\"Record a month's figure\")").CountAsync());
        Assert.Equal(403, (await rita.GotoAsync(Url($"/api/projects/{projectId}/performance/record")))!.Status);
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
