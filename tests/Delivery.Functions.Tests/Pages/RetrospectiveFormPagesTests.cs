using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Cadence;
using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The cadence and retrospective forms in a browser, by keyboard from the retrospectives page: each empty form is
/// refused with a 400 naming its missing fields, a good one opens the retrospectives page with the record and a
/// success banner, and the retrospective form sent again records nothing more; only the delivery manager is offered
/// the forms. Each state passes axe and reflows at 320 px.
/// </summary>
public sealed class RetrospectiveFormPagesTests(ServiceApp app, BrowserFixture browser) : IClassFixture<ServiceApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_delivery_manager_sets_the_cadence_and_records_a_retrospective_once_on_the_forms_passing_axe()
    {
        var projectId = await app.DigitalServiceAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url($"/api/projects/{projectId}/retrospectives/page"));
        Assert.Equal(0, await page.Locator("a:text('Record a retrospective')").CountAsync());
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === \"Set the team's cadence\"");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/cadence/page");
        await BrowserFixture.CheckAsync(page, "cadence-form");

        Assert.Equal(400, await FormJourney.SubmitRefusedByKeyboardAsync(page, "Set the cadence"));
        Assert.Equal(["Enter the iteration length in days, 1 to 42", "Enter the day the first iteration starts"], await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync());
        await BrowserFixture.CheckAsync(page, "cadence-form-errors");

        await page.FillAsync("#iterationDays", "14");
        await FormJourney.FillDateAsync(page, "firstIterationStart", CadenceSeed.Today);
        await page.ClickAsync("button:text('Set the cadence')");
        await page.WaitForURLAsync("**/retrospectives/page?cadence=set");
        Assert.Contains("Iterations of 14 days set", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Record a retrospective'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/retrospectives/new");
        Assert.Equal("1", await page.InputValueAsync("#iteration"));
        await BrowserFixture.CheckAsync(page, "retrospective-form");
        await page.FillAsync("#iteration", string.Empty);
        await page.FillAsync("#actions-1-description", "Refine the backlog on Tuesdays");
        Assert.Equal(400, await FormJourney.SubmitRefusedByKeyboardAsync(page, "Record the retrospective"));
        Assert.Equal(
            ["Enter the iteration's number", "Enter the day the retrospective was held", "Enter what went well", "Enter what to improve", "Choose who owns action 2", "Enter the date action 2 is due"],
            await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync());
        await BrowserFixture.CheckAsync(page, "retrospective-form-errors");

        await page.FillAsync("#iteration", "1");
        await FormJourney.FillDateAsync(page, "heldOn", CadenceSeed.Today);
        await page.FillAsync("#wentWell", "Show and tell with residents");
        await page.FillAsync("#toImprove", "Backlog refinement");
        await page.SelectOptionAsync("#actions-1-ownerId", "dev-dina");
        await FormJourney.FillDateAsync(page, "actions-1-due", CadenceSeed.Today.AddDays(7));
        var sent = await FormJourney.ReadAsync(page, "/retrospectives/new");
        await page.ClickAsync("button:text('Record the retrospective')");
        await page.WaitForURLAsync("**/retrospectives/page?recorded=1");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Retrospective of iteration 1 recorded", main, StringComparison.Ordinal);
        Assert.Contains("Refine the backlog on Tuesdays", main, StringComparison.Ordinal);
        Assert.Contains("Dina Novak", main, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "retrospective-form-recorded");

        // The same form sent again lands on the page and records nothing more.
        var again = await FormJourney.SendAgainAsync(page, Url($"/api/projects/{projectId}/retrospectives/new"), sent);
        Assert.EndsWith("/retrospectives/page?recorded=1", again, StringComparison.Ordinal);
        using var sam = app.As("pm-sam");
        var cadence = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/cadence");
        Assert.Equal(14, cadence.GetProperty("iterationDays").GetInt32());
        var retro = Assert.Single(cadence.GetProperty("retrospectives").EnumerateArray());
        var action = Assert.Single(retro.GetProperty("actions").EnumerateArray());
        Assert.Equal("a2", action.GetProperty("actionId").GetString());
        Assert.Equal("dev-dina", action.GetProperty("ownerId").GetString());

        var dina = await browser.NewPageAsync(app.App.BaseAddress, "dev-dina");
        await dina.GotoAsync(Url($"/api/projects/{projectId}/retrospectives/page"));
        Assert.Equal(0, await dina.Locator("a:text('Record a retrospective'), a:text(\"Change the team's cadence\")").CountAsync());
        Assert.Equal(403, (await dina.GotoAsync(Url($"/api/projects/{projectId}/retrospectives/new")))!.Status);
        Assert.Equal(403, (await dina.GotoAsync(Url($"/api/projects/{projectId}/cadence/page")))!.Status);
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
