using System.Net.Http.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Pages;

namespace Delivery.Functions.Tests.Backlog;

/// <summary>
/// The backlog page and the team flow page over the seeded history: the backlog in priority order with statuses and
/// readiness, the flow page reached from it with its charts (each with a title, followed by its figures), the known
/// percentiles in words; both pass axe and reflow at 320 px, the flow page with an error too; a stranger is refused.
/// </summary>
public sealed class BacklogPagesTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_backlog_and_team_flow_pages_show_the_backlog_and_its_flow_pass_axe_and_reflow_and_refuse_strangers()
    {
        var id = await BacklogSeed.ServiceAsync(app);
        await TeamFlowSeed.SeedAsync(app, id);
        using var sam = app.As("pm-sam");
        await sam.PutAsJsonAsync($"/api/projects/{id}/backlog/S9", new { title = "Story S9", priority = 9, userNeed = "As a parent, I want a reminder, so that I do not miss the deadline", acceptanceCriteria = new[] { "Sent a week before" }, release = "Public beta" });
        await sam.PostAsJsonAsync($"/api/projects/{id}/backlog/S9/move", new { status = "ready" });
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);

        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{id}/backlog/page").ToString());
        var stories = page.Locator("table:has(caption:text('Stories in priority order')) tbody tr");
        Assert.Equal(9, await stories.CountAsync());
        Assert.Contains("Ready", await stories.Nth(8).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Public beta", await stories.Nth(8).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("E1", await page.Locator("table:has(caption:text('Epics'))").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Public beta 1 0", Normalise(await page.Locator("table:has(caption:text('Stories by release')) tbody tr").InnerTextAsync()));
        await BrowserFixture.CheckAsync(page, "backlog");

        await page.ClickAsync("a:text('See the team\\'s flow')");
        await page.WaitForURLAsync($"**/api/projects/{id}/team-flow/page");
        Assert.Equal(["Cycle time of each story finished, by date finished", "Stories finished each month", "Age of each story in progress"],
            await page.Locator("svg title").AllTextContentsAsync());
        Assert.Contains("5 stories finished with a start. 50th percentile: 3 days. 85th percentile: 8 days.", await page.Locator("#cycle-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("2 stories in progress.", await page.Locator("#wip-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(6, await page.Locator("table:has(caption:text-is('Stories finished')) tbody tr").CountAsync());
        Assert.Equal($"/api/projects/{id}/team-flow.csv", await page.Locator("a:text('Download these figures as CSV')").GetAttributeAsync("href"));
        await BrowserFixture.CheckAsync(page, "team-flow");

        var bad = await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{id}/team-flow/page?months=99").ToString());
        Assert.Equal(400, bad!.Status);
        Assert.Contains("Enter the number of months as a whole number from 1 to 36", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "team-flow-errors");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        Assert.Equal(404, (await rita.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{id}/team-flow/page").ToString()))!.Status);
        Assert.Equal(404, (await rita.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{id}/backlog/page").ToString()))!.Status);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
