using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Cadence;
using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The research form in a browser, by keyboard from the research log: an empty form is refused with a 400 naming each
/// missing field, a good one (stories ticked from the backlog) opens the log with the session and a success banner,
/// and the same form sent again logs nothing more. Someone in the team is offered the form; the form asks for no
/// participant's personal data. Each state passes axe and reflows at 320 px.
/// </summary>
public sealed class ResearchFormPageTests(ServiceApp app, BrowserFixture browser) : IClassFixture<ServiceApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Someone_in_the_team_logs_a_session_once_on_the_form_passing_axe()
    {
        var projectId = await app.DigitalServiceAsync();
        await CadenceSeed.StoryAsync(app, projectId, "S1");
        await CadenceSeed.StoryAsync(app, projectId, "S2");
        var page = await browser.NewPageAsync(app.App.BaseAddress, "dev-dina", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url($"/api/projects/{projectId}/research/page"));
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Log a research session'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/research/new");
        Assert.Equal(["date-day", "date-month", "date-year", "method", "participants", "findings", "storyIds"],
            (await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll(\"form[action$='/research/new'] [name]\")].map(e => e.name)"))
                .Where(n => n is not ("sessionId" or "__RequestVerificationToken") && !n.StartsWith("__", StringComparison.Ordinal)).Distinct().ToArray());
        await BrowserFixture.CheckAsync(page, "research-form");

        Assert.Equal(400, await FormJourney.SubmitRefusedByKeyboardAsync(page, "Log the session"));
        Assert.Equal(["Enter the date of the session", "Choose the research method", "Enter how many took part, 1 to 1000", "Enter what the team found"],
            await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync());
        await BrowserFixture.CheckAsync(page, "research-form-errors");

        await FormJourney.FillDateAsync(page, "date", CadenceSeed.Today);
        await page.CheckAsync("label:text('Contextual inquiry')");
        await page.FillAsync("#participants", "4");
        await page.FillAsync("#findings", "Crews log missed bins on paper");
        await page.CheckAsync("label:text('S2: Story S2')");
        var sent = await FormJourney.ReadAsync(page, "/research/new");
        await page.ClickAsync("button:text('Log the session')");
        await page.WaitForURLAsync("**/research/page?logged=session-1");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("logged", main, StringComparison.Ordinal);
        Assert.Contains("Crews log missed bins on paper", main, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "research-form-logged");

        // The same form sent again lands on the log and logs nothing more.
        var again = await FormJourney.SendAgainAsync(page, Url($"/api/projects/{projectId}/research/new"), sent);
        Assert.EndsWith("/research/page?logged=session-1", again, StringComparison.Ordinal);
        using var ben = app.As("board-ben");
        var log = await ben.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/research");
        var session = Assert.Single(log.EnumerateArray());
        Assert.Equal("ContextualInquiry", session.GetProperty("method").GetString());
        Assert.Equal("S2", Assert.Single(session.GetProperty("storyIds").EnumerateArray()).GetString());

        var ben2 = await browser.NewPageAsync(app.App.BaseAddress, "board-ben");
        await ben2.GotoAsync(Url($"/api/projects/{projectId}/research/page"));
        Assert.Equal(0, await ben2.Locator("a:text('Log a research session')").CountAsync());
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
