using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Cadence;
using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The weeknote form in a browser, by keyboard from the weeknotes page: an empty form is refused with a 400 naming
/// each missing field, a good one opens the weeknotes page with the note and a success banner, and the same form sent
/// again posts nothing more; only the delivery manager is offered the form. Each state passes axe and reflows at 320 px.
/// </summary>
public sealed class WeeknoteFormPageTests(ServiceApp app, BrowserFixture browser) : IClassFixture<ServiceApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_delivery_manager_posts_a_weeknote_once_on_the_form_passing_axe()
    {
        var projectId = await app.DigitalServiceAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url($"/api/projects/{projectId}/weeknotes/page"));
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Post a weeknote'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/weeknotes/new");
        await BrowserFixture.CheckAsync(page, "weeknote-form");

        Assert.Equal(400, await FormJourney.SubmitRefusedByKeyboardAsync(page, "Post the weeknote"));
        var errors = await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync();
        Assert.Equal(["Enter a day in the week the note is for", "Enter what we did", "Enter what we learned", "Enter what's next"], errors);
        Assert.Equal(4, await page.Locator(".govuk-error-message").CountAsync());
        await BrowserFixture.CheckAsync(page, "weeknote-form-errors");

        await FormJourney.FillDateAsync(page, "weekOf", CadenceSeed.Today);
        await page.FillAsync("#whatWeDid", "Visited the depot");
        await page.FillAsync("#whatWeLearned", "Crews want a phone app");
        await page.FillAsync("#whatsNext", "Sketch the crew's journey");
        var sent = await FormJourney.ReadAsync(page, "/weeknotes/new");
        await page.ClickAsync("button:text('Post the weeknote')");
        await page.WaitForURLAsync($"**/weeknotes/page?posted=weeknote-{CadenceSeed.Day(0)}");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Weeknote posted for the week of", main, StringComparison.Ordinal);
        Assert.Contains("Crews want a phone app", main, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "weeknote-form-posted");

        // The same form sent again (a double click, a resend after a slow answer) lands on the page and posts nothing more.
        var again = await FormJourney.SendAgainAsync(page, Url($"/api/projects/{projectId}/weeknotes/new"), sent);
        Assert.Contains("/weeknotes/page?posted=", again, StringComparison.Ordinal);
        using var sam = app.As("pm-sam");
        var notes = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/weeknotes");
        Assert.Equal($"weeknote-{CadenceSeed.Day(0)}", Assert.Single(notes.EnumerateArray()).GetProperty("weeknoteId").GetString());

        var dina = await browser.NewPageAsync(app.App.BaseAddress, "dev-dina");
        await dina.GotoAsync(Url($"/api/projects/{projectId}/weeknotes/page"));
        Assert.Equal(0, await dina.Locator("a:text('Post a weeknote')").CountAsync());
        Assert.Equal(403, (await dina.GotoAsync(Url($"/api/projects/{projectId}/weeknotes/new")))!.Status);
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
