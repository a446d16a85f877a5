using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// A digital service in a browser: the service page (phases with goals, team, budget and dates, and the assessments)
/// and the published assessment report (each point with the team's self-assessment and the panel's reasons, and the
/// conditions) pass axe and reflow at 320 px; a requester who may not see the project is told so.
/// </summary>
public sealed class ServicePagesTests(ServiceApp app, BrowserFixture browser) : IClassFixture<ServiceApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_service_page_and_the_assessment_report_pass_axe()
    {
        var projectId = await app.DigitalServiceAsync();
        await app.AssessAsync(projectId, "discovery-1", notMet: [3], conditions:
        [
            new { conditionId = "c1", description = "Map the phone journey", ownerId = "fin-farah", due = ServiceApp.Today },
        ]);

        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url($"/api/projects/{projectId}/service/page"));
        Assert.Equal("Service phases", await page.Locator("h1").InnerTextAsync());
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Find out what residents need to report a missed bin", main, StringComparison.Ordinal);
        Assert.Contains("not met (points 3)", main, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-phases");

        await page.ClickAsync("a:text('Discovery assessment discovery-1')");
        await page.WaitForSelectorAsync("h1:text('Service assessment report')");
        var report = await page.Locator("main").InnerTextAsync();
        Assert.Contains("3. Provide a joined-up experience across all channels: not met", report, StringComparison.Ordinal);
        Assert.Contains("What we did for point 3", report, StringComparison.Ordinal);
        Assert.Contains("Map the phone journey", report, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-assessment-report");

        var ravi = await browser.NewPageAsync(app.App.BaseAddress, "ravi");
        Assert.Equal(404, (await ravi.GotoAsync(Url($"/api/projects/{projectId}/service/page")))!.Status);
    }

    [Fact]
    public async Task The_delivery_manager_starts_Discovery_and_stops_the_service_on_the_forms_passing_axe()
    {
        var projectId = await app.ApprovedProjectAsync(shape: r => r.With("category", "digital-service"));
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);

        // With no phases yet, the service page sends the delivery manager to the form that starts Discovery.
        await page.GotoAsync(Url($"/api/projects/{projectId}/service/page"));
        Assert.Equal("Start Discovery", await page.Locator("h1").InnerTextAsync());
        await BrowserFixture.CheckAsync(page, "service-phase-form");
        await page.ClickAsync("button:text('Start Discovery')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(5, await page.Locator(".govuk-error-summary__list a").CountAsync());
        await BrowserFixture.CheckAsync(page, "service-phase-form-errors");

        var today = DateTime.UtcNow;
        var end = today.AddDays(42);
        await page.FillAsync("#goals", "Learn how residents report missed bins");
        await page.GetByLabel("Sam Okafor").CheckAsync();
        await page.GetByLabel("Dina Novak").CheckAsync();
        await page.FillAsync("#budget", "£35,000");
        await FillDateAsync(page, "start", today);
        await FillDateAsync(page, "plannedEnd", end);
        await page.ClickAsync("button:text('Start Discovery')");
        await page.WaitForSelectorAsync("h1:text('Service phases')");
        Assert.Contains("£35,000", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("a:text('Stop the service')");
        await page.WaitForSelectorAsync("h1:text('Stop the service')");
        await page.ClickAsync("button:text('Stop the service')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await BrowserFixture.CheckAsync(page, "service-stop-errors");
        await page.FillAsync("#reasons", "Residents are content with the phone line: we learned not to build it.");
        await page.ClickAsync("button:text('Stop the service')");
        await page.WaitForSelectorAsync("h1:text('Service phases')");
        Assert.Contains("we learned not to build it", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Stopped", (await app.ServiceAsync(projectId)).GetProperty("status").GetString());

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        Assert.Equal(403, (await rita.GotoAsync(Url($"/api/projects/{projectId}/service/next-phase")))!.Status);
    }

    private static async Task FillDateAsync(Microsoft.Playwright.IPage page, string name, DateTime date)
    {
        await page.FillAsync($"#{name}-day", date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"#{name}-month", date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"#{name}-year", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
