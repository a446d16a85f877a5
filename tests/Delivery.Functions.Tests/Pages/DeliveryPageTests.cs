using System.Net;
using System.Net.Http.Json;
using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The delivery controls page in a browser: tolerances as the monitor reads them today, milestones against their
/// baselines, the risk heat map, the RAID log and the suppliers' statements of work against spend, checked with axe
/// and at 320 px, and refused to strangers.
/// </summary>
public sealed class DeliveryPageTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_delivery_page_shows_tolerances_milestones_heat_map_log_and_suppliers()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var nextMonth = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f1", atCompletion = 10_500m, asAt = today, reason = "Licences rose" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/m1", new { forecast = "2027-02-12" })).StatusCode);
        foreach (var (id, p, i) in new[] { ("R1", 4, 4), ("R2", 4, 4), ("R3", 1, 2) })
        {
            var risk = new
            {
                kind = "risk", title = $"Risk {id}", ownerId = "pm-sam", cause = "c", @event = "e", effect = "f", probability = p, impact = i,
                proximity = "withinProject", response = "reduce", actions = new[] { new { actionId = "a1", description = "Act", actioneeId = "pm-sam", due = nextMonth } },
            };
            Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/{id}", risk)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/suppliers/laptop-co", new { name = "Laptop Co", statementOfWorkReference = "SOW-17", statementOfWorkValue = 4_000m })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/suppliers/cabling", new { name = "Cabling Ltd", statementOfWorkReference = "SOW-18", statementOfWorkValue = 500m })).StatusCode);
        foreach (var (entry, amount, supplierId) in new[] { ("inv-1", 1_250.50m, "laptop-co"), ("inv-2", 600m, "cabling"), ("inv-3", 75m, (string?)null) })
        {
            var spend = new { entryId = entry, date = today, amount, kind = "capital", supplier = "Named", description = "Kit", supplierId };
            Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", spend)).StatusCode);
        }

        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/page").ToString());
        await page.ClickAsync("a:text('See the delivery controls')");

        var tolerances = page.GetByRole(Microsoft.Playwright.AriaRole.Table, new() { Name = "Tolerances agreed and where the project stands today" });
        Assert.Contains("16.7% over the approved £9,000", await tolerances.Locator("tr", new() { HasText = "Cost tolerance" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Exceeded", await tolerances.Locator("tr", new() { HasText = "Cost tolerance" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Exceeded", await tolerances.Locator("tr", new() { HasText = "Risk tolerance" }).InnerTextAsync(), StringComparison.Ordinal);
        var milestones = await page.GetByRole(Microsoft.Playwright.AriaRole.Table, new() { Name = "Milestones against their baselines" }).Locator("tr", new() { HasText = "Devices ordered" }).InnerTextAsync();
        Assert.Contains("29 January 2027", milestones, StringComparison.Ordinal);
        Assert.Contains("12 February 2027", milestones, StringComparison.Ordinal);
        var heat = page.GetByRole(Microsoft.Playwright.AriaRole.Table, new() { Name = "Open risks by probability and impact" });
        Assert.Equal("2", (await heat.Locator("tr:has(th:text-is('Impact 4')) td").Nth(3).InnerTextAsync()).Split(' ')[0].Trim());
        Assert.Contains("above the accepted score", await heat.Locator("tr:has(th:text-is('Impact 4')) td").Nth(3).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await page.GetByRole(Microsoft.Playwright.AriaRole.Table, new() { Name = "Risks, assumptions, issues and dependencies" }).Locator("tbody tr").CountAsync());
        var suppliers = page.GetByRole(Microsoft.Playwright.AriaRole.Table, new() { Name = "Suppliers: statement of work value against spend" });
        Assert.Equal(["Cabling Ltd", "SOW-18", "£500", "£600", "£100 over"], await suppliers.Locator("tbody tr").Nth(0).Locator("td").AllInnerTextsAsync());
        Assert.Equal(["Laptop Co", "SOW-17", "£4,000", "£1,250.50", "£2,749.50"], await suppliers.Locator("tbody tr").Nth(1).Locator("td").AllInnerTextsAsync());
        Assert.Equal(3, await suppliers.Locator("tbody tr").First.Locator("td.govuk-table__cell--numeric").CountAsync());
        Assert.Contains("£75 has been spent against no statement of work.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "delivery-controls");

        var stranger = await browser.NewPageAsync(app.App.BaseAddress, "ravi");
        var refused = await stranger.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/delivery").ToString());
        Assert.Equal(404, refused!.Status);
    }
}
