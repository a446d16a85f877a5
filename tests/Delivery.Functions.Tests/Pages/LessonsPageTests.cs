using System.Net;
using System.Net.Http.Json;
using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The lessons log page: the delivery team filters by category and searches words, and finds each lesson with its
/// project's title linking to the project; the page with results and with an error passes axe and reflows at 320 px;
/// a requester is refused it.
/// </summary>
public sealed class LessonsPageTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_lessons_log_filters_and_searches_passes_axe_and_reflows_and_refuses_requesters()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/lessons/L1", new
        {
            category = "supplier", whatHappened = "The supplier delivered the laptops three weeks late", recommendation = "Put delivery dates and penalties in the call-off", outcome = "wentBadly",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/lessons/L2", new
        {
            category = "people", whatHappened = "Library staff acted as digital champions", recommendation = "Name champions before the roll-out starts", outcome = "wentWell",
        })).StatusCode);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);

        var opened = await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/lessons/page").ToString());
        Assert.True(opened!.Status == 200, await page.ContentAsync());
        await page.SelectOptionAsync("#category", "Supplier");
        await page.FillAsync("#q", "penalties");
        await page.ClickAsync("button:text('Search lessons')");
        await page.WaitForURLAsync("**/api/lessons/page?category=Supplier&q=penalties");

        Assert.Equal("1 lesson found", (await page.Locator("h2.govuk-heading-m").InnerTextAsync()).Trim());
        var card = page.Locator(".govuk-summary-card");
        Assert.Equal(1, await card.CountAsync());
        Assert.Equal($"/api/projects/{projectId}/page", await card.Locator("h3 a").GetAttributeAsync("href"));
        Assert.StartsWith("Laptop refresh for libraries", await card.Locator("h3 a").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Went badly", await card.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "lessons-log");

        var bad = await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/lessons/page?category=weather").ToString());
        Assert.Equal(400, bad!.Status);
        Assert.Contains("Select a category from the list", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "lessons-log-errors");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        var refused = await rita.GotoAsync(new Uri(app.App.BaseAddress, "/api/lessons/page").ToString());
        Assert.Equal(403, refused!.Status);
    }
}
