using System.Net.Http.Json;
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

    [Fact]
    public async Task An_assessment_is_asked_for_paneled_self_assessed_and_decided_on_the_forms_passing_axe()
    {
        var projectId = await app.DigitalServiceAsync();
        var today = DateTime.UtcNow;

        var sam = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await sam.GotoAsync(Url($"/api/projects/{projectId}/service/page"));
        await sam.ClickAsync("a:text('Ask for an assessment of Discovery')");
        await sam.WaitForSelectorAsync("h1:text('Ask for a service assessment')");
        await BrowserFixture.CheckAsync(sam, "assessment-request");
        await sam.ClickAsync("button:text('Ask for the assessment')");
        await sam.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(2, await sam.Locator(".govuk-error-summary__list a").CountAsync());
        await BrowserFixture.CheckAsync(sam, "assessment-request-errors");
        await sam.CheckAsync("#kind");
        await FillDateAsync(sam, "preferredDate", today.AddDays(7));
        await sam.FillAsync("#documentTitle", "Discovery findings");
        await sam.FillAsync("#documentUrl", "https://example.gov.uk/discovery");
        await sam.ClickAsync("button:text('Ask for the assessment')");
        await sam.WaitForSelectorAsync("h1:text('Service phases')");
        Assert.Contains("Discovery assessment assessment-1", await sam.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var assessment = Url($"/api/projects/{projectId}/assessments/assessment-1");

        var lola = await browser.NewPageAsync(app.App.BaseAddress, "lead-lola", bypassContentSecurityPolicy: true);
        await lola.GotoAsync($"{assessment}/panel/page");
        await BrowserFixture.CheckAsync(lola, "assessment-panel");
        await lola.SelectOptionAsync("#leadAssessorId", "dev-dina");
        await lola.ClickAsync("button:text('Assign the panel')");
        await lola.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Contains("in the service's team", await lola.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(lola, "assessment-panel-errors");
        await lola.SelectOptionAsync("#leadAssessorId", "assessor-ash");
        await lola.GetByLabel("Kim Lee").CheckAsync();
        await lola.ClickAsync("button:text('Assign the panel')");
        await lola.WaitForSelectorAsync("h1:text('Service phases')");

        var dina = await browser.NewPageAsync(app.App.BaseAddress, "dev-dina", bypassContentSecurityPolicy: true);
        await dina.GotoAsync($"{assessment}/self-assessment/page");
        await BrowserFixture.CheckAsync(dina, "self-assessment");
        for (var i = 0; i < 14; i++)
        {
            await dina.FillAsync($"#points-{i}-summary", $"We did point {i + 1}");
        }

        await dina.ClickAsync("button:text('Save the self-assessment')");
        await dina.WaitForSelectorAsync("h1:text('Service phases')");

        var ash = await browser.NewPageAsync(app.App.BaseAddress, "assessor-ash", bypassContentSecurityPolicy: true);
        await ash.GotoAsync($"{assessment}/outcome/page");
        Assert.Contains("We did point 14", await ash.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(ash, "assessment-outcome");
        await ash.ClickAsync("button:text('Record the outcome')");
        await ash.WaitForSelectorAsync(".govuk-error-summary");
        await BrowserFixture.CheckAsync(ash, "assessment-outcome-errors");
        for (var i = 0; i < 14; i++)
        {
            await ash.CheckAsync(i == 1 ? "#results-1-met-2" : $"#results-{i}-met");
            await ash.FillAsync($"#results-{i}-reasons", $"Reasons for point {i + 1}");
        }

        await ash.CheckAsync("#outcome-2");
        await ash.FillAsync("#conditions-0-description", "Map the whole journey, phone included");
        await ash.SelectOptionAsync("#conditions-0-ownerId", "fin-farah");
        await FillDateAsync(ash, "conditions-0-due", today.AddDays(30));
        await ash.ClickAsync("button:text('Record the outcome')");
        await ash.WaitForSelectorAsync("h1:text('Service phases')");
        Assert.Contains("not met (points 2)", await ash.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        using var admin = app.As("admin-ada");
        var stored = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/projects/{projectId}/assessments/assessment-1");
        Assert.Equal("fin-farah", stored.GetProperty("conditions")[0].GetProperty("ownerId").GetString());
        Assert.Equal("assessor-ash", stored.GetProperty("panel").GetProperty("leadAssessorId").GetString());
    }

    private static async Task FillDateAsync(Microsoft.Playwright.IPage page, string name, DateTime date)
    {
        await page.FillAsync($"#{name}-day", date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"#{name}-month", date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"#{name}-year", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
