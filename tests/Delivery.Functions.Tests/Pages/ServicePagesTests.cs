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

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
