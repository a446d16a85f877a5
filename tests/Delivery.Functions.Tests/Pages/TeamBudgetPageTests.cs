using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The team budget page in a browser: the delivery manager sets the team's cost by roles on the form (an empty form
/// names each missing field), the figures follow, and the page passes axe and reflows at 320 px with and without
/// errors; someone in the team sees the figures without the form; someone who may not see the project is told so.
/// </summary>
public sealed class TeamBudgetPageTests(ServiceApp app, BrowserFixture browser) : IClassFixture<ServiceApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_delivery_manager_sets_the_team_cost_by_roles_on_the_page_passing_axe()
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow);
        var projectId = await ServiceAsync(start);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);

        await page.GotoAsync(Url($"/api/projects/{projectId}/service/page"));
        await page.ClickAsync("a:text('Team budget')");
        await page.WaitForSelectorAsync("h1:text('Team budget')");
        Assert.Contains("No cost has been set for the team.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "team-budget");

        await page.FillAsync("#roles-1-role", "Developer");
        await page.ClickAsync("button:text('Set the cost')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        var errors = await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync();
        Assert.Equal(["Enter the date the cost applies from", "Enter the day rate in pounds, like 550", "Enter the days a month, like 20"], errors.Order(StringComparer.Ordinal).ToArray());
        await BrowserFixture.CheckAsync(page, "team-budget-errors");

        await page.FillAsync("#effectiveFrom-day", start.Day.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#effectiveFrom-month", start.Month.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#effectiveFrom-year", start.Year.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#roles-0-role", "User researcher");
        await page.FillAsync("#roles-0-dayRate", "£500");
        await page.FillAsync("#roles-0-daysPerMonth", "10");
        await page.FillAsync("#roles-1-dayRate", "500");
        await page.FillAsync("#roles-1-daysPerMonth", "20");
        await page.ClickAsync("button:text('Set the cost')");
        await page.WaitForSelectorAsync("td:text('£15,000')");
        var main = await page.Locator("main").InnerTextAsync();

        // 500 × 10 + 500 × 20 = £15,000 a month from today, for a phase of three months: £45,000 against £40,000.
        Assert.Contains("£15,000 a month", main, StringComparison.Ordinal);
        Assert.Contains("Developer: £500 a day × 20 days", main, StringComparison.Ordinal);
        Assert.Contains("£45,000", main, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "team-budget-costed");
        using var sam = app.As("pm-sam");
        var stored = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/team-budget");
        Assert.Equal("cost-1", Assert.Single(stored.GetProperty("costs").EnumerateArray()).GetProperty("costId").GetString());

        var dina = await browser.NewPageAsync(app.App.BaseAddress, "dev-dina");
        await dina.GotoAsync(Url($"/api/projects/{projectId}/team-budget/page"));
        Assert.Contains("£15,000 a month", await dina.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await dina.Locator("button:text('Set the cost')").CountAsync());
        var ravi = await browser.NewPageAsync(app.App.BaseAddress, "ravi");
        Assert.Equal(404, (await ravi.GotoAsync(Url($"/api/projects/{projectId}/team-budget/page")))!.Status);
    }

    /// <summary>An approved digital service whose delivery manager started a £40,000 Discovery of three months from the day.</summary>
    private async Task<string> ServiceAsync(DateOnly start)
    {
        var projectId = await app.ApprovedProjectAsync(shape: r => r.With("category", "digital-service"));
        using var sam = app.As("pm-sam");
        using var started = await sam.PutAsJsonAsync($"/api/projects/{projectId}/service", new
        {
            goals = "Find out how residents pay for garden waste collection",
            teamIds = new[] { "pm-sam", "dev-dina" },
            budget = 40_000m,
            start = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            plannedEnd = start.AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return projectId;
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
