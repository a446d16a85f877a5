using System.Net.Http.Json;
using Delivery.Functions.Tests.Cadence;
using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// A service team's pages in a browser, each reached from the service page: retrospectives (cadence, the next one
/// due, each retrospective with its actions), the user research log and the weeknotes pass axe and reflow at 320 px;
/// a requester who may not see the service is told so.
/// </summary>
public sealed class ServiceTeamPagesTests(ServiceApp app, BrowserFixture browser) : IClassFixture<ServiceApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Retrospectives_research_and_weeknotes_pages_pass_axe()
    {
        var projectId = await app.DigitalServiceAsync();
        await CadenceSeed.CadenceAsync(app, projectId, days: 14);
        await CadenceSeed.StoryAsync(app, projectId, "S1");
        using var sam = app.As("pm-sam");
        using var retro = await sam.PutAsJsonAsync($"/api/projects/{projectId}/retrospectives/1", new
        {
            heldOn = CadenceSeed.Day(0),
            wentWell = "Show and tell with residents",
            toImprove = "Backlog refinement",
            actions = new[] { new { actionId = "a1", description = "Refine the backlog on Tuesdays", ownerId = "dev-dina", due = CadenceSeed.Day(7) } },
        });
        using var research = await sam.PutAsJsonAsync($"/api/projects/{projectId}/research/r1", new
        {
            date = CadenceSeed.Day(0), method = "contextualInquiry", participants = 4, findings = "Crews log missed bins on paper", storyIds = new[] { "S1" },
        });
        using var weeknote = await sam.PutAsJsonAsync($"/api/projects/{projectId}/weeknotes/w1", new
        {
            weekOf = CadenceSeed.Day(0), whatWeDid = "Visited the depot", whatWeLearned = "Crews want a phone app", whatsNext = "Sketch the crew's journey", blockers = "No test devices",
        });
        Assert.True(retro.IsSuccessStatusCode && research.IsSuccessStatusCode && weeknote.IsSuccessStatusCode);

        var page = await browser.NewPageAsync(app.App.BaseAddress, "head-hana", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url($"/api/projects/{projectId}/service/page"));
        await page.ClickAsync("a:text-is('Retrospectives')");
        await page.WaitForSelectorAsync("h1:text('Retrospectives')");
        var retros = await page.Locator("main").InnerTextAsync();
        Assert.Contains("14 days", retros, StringComparison.Ordinal);
        Assert.Contains("Refine the backlog on Tuesdays", retros, StringComparison.Ordinal);
        Assert.Contains("Dina Novak", retros, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-retrospectives");

        await page.GotoAsync(Url($"/api/projects/{projectId}/service/page"));
        await page.ClickAsync("a:text-is('User research')");
        await page.WaitForSelectorAsync("h1:text('User research')");
        var log = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Contextual inquiry", log, StringComparison.Ordinal);
        Assert.Contains("Crews log missed bins on paper", log, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-research-log");

        await page.GotoAsync(Url($"/api/projects/{projectId}/service/page"));
        await page.ClickAsync("a:text-is('Weeknotes')");
        await page.WaitForSelectorAsync("h1:text('Weeknotes')");
        var notes = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Crews want a phone app", notes, StringComparison.Ordinal);
        Assert.Contains("No test devices", notes, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-weeknotes");

        var ravi = await browser.NewPageAsync(app.App.BaseAddress, "ravi");
        foreach (var path in new[] { "retrospectives", "research", "weeknotes" })
        {
            Assert.Equal(404, (await ravi.GotoAsync(Url($"/api/projects/{projectId}/{path}/page")))!.Status);
        }
    }

    [Fact]
    public async Task The_pages_say_when_nothing_is_recorded_yet_passing_axe()
    {
        var projectId = await app.DigitalServiceAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);

        await page.GotoAsync(Url($"/api/projects/{projectId}/retrospectives/page"));
        Assert.Contains("has not set the team's iteration length", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-retrospectives-empty");
        await page.GotoAsync(Url($"/api/projects/{projectId}/research/page"));
        Assert.Contains("No research session has been logged", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync(Url($"/api/projects/{projectId}/weeknotes/page"));
        Assert.Contains("No weeknote has been posted", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "service-weeknotes-empty");
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
