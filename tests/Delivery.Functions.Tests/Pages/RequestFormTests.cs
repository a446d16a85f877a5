using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The request form in a browser: the whole journey with the keyboard alone under the real content security policy
/// (start page, question pages, an attachment, check your answers, confirmation, project page), sending twice makes
/// one project, and every page and error state passes axe and reflows at 320 pixels.
/// </summary>
public sealed class RequestFormTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_requester_sends_a_request_with_the_keyboard_alone_and_sending_twice_makes_one_project()
    {
        var title = "Scanner rollout " + Guid.NewGuid().ToString("N")[..8];
        var page = await browser.NewPageAsync(app.App.BaseAddress, "ravi");
        await page.GotoAsync(Url("/api/start"));
        await BrowserFixture.TabToAsync(page, "e.classList.contains('govuk-button--start')");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/api/request/about");

        await TypeAsync(page, "title", title);
        await TypeAsync(page, "description", "Replace the scanners in the contact centre.");
        await ContinueAsync(page, "category");
        await BrowserFixture.TabToAsync(page, "e.id === 'category'");
        await page.Keyboard.PressAsync("Space");
        await ContinueAsync(page, "sponsor");
        await TypeAsync(page, "sponsor.email", ProjectRequestBuilder.SponsorAddress);
        await ContinueAsync(page, "cost");
        await TypeAsync(page, "estimatedCost.capital", "8500");
        await TypeAsync(page, "estimatedCost.revenue", "0");
        await ContinueAsync(page, "dates");
        var start = DateTime.UtcNow.Date.AddMonths(2);
        await TypeDateAsync(page, "targetStart", start);
        await TypeDateAsync(page, "targetEnd", start.AddMonths(6));
        await ContinueAsync(page, "benefits/0");
        await TypeAsync(page, "benefits[0].measure", "Scanner faults each month");
        await TypeAsync(page, "benefits[0].baseline", "30");
        await TypeAsync(page, "benefits[0].target", "3");
        await TypeDateAsync(page, "benefits[0].date", start.AddMonths(9));
        await TypeAsync(page, "benefits[0].owner", "Contact centre manager");
        await ContinueAsync(page, "risks/0");
        await TypeAsync(page, "risks[0].description", "Supplier delays");

        // A set of radios is one tab stop; the arrow keys choose within it.
        await BrowserFixture.TabToAsync(page, "e.name === 'risks[0].probability'");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await BrowserFixture.TabToAsync(page, "e.name === 'risks[0].impact'");
        await page.Keyboard.PressAsync("ArrowDown");
        await ContinueAsync(page, "attachments");

        // A file chosen with the keyboard opens the system's picker; Playwright stands in for the picker only.
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "quote.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 quote"u8.ToArray() });
        await BrowserFixture.TabToAsync(page, "e.value === 'upload'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".govuk-summary-list__value:text('quote.pdf')");
        await ContinueAsync(page, "check");

        Assert.Contains(title, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "request-check-answers");
        var answers = await page.InnerTextAsync("main");
        Assert.Contains("£8,500", answers, StringComparison.Ordinal);
        Assert.Equal("3", (await page.InnerTextAsync(".govuk-summary-list__row:has(dt:text-is('Likelihood')) .govuk-summary-list__value")).Trim());
        Assert.Equal("2", (await page.InnerTextAsync(".govuk-summary-list__row:has(dt:text-is('Impact')) .govuk-summary-list__value")).Trim());
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Accept and send'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/api/request-sent/*");

        var reference = (await page.InnerTextAsync(".govuk-panel__body strong")).Trim();
        Assert.StartsWith("prj-", reference, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "request-sent");
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to your project" }).ClickAsync();
        Assert.Equal(title, (await page.InnerTextAsync("h1")).Trim());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "quote.pdf" }).ClickAsync());
        Assert.Equal("quote.pdf", download.SuggestedFilename);
        Assert.Equal("%PDF-1.4 quote"u8.ToArray(), await File.ReadAllBytesAsync((await download.PathAsync())!));
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "quote.pdf" }).GetAttributeAsync("href");
        using (var stranger = app.As("rita"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await stranger.GetAsync(href)).StatusCode);
        }

        // Back to check your answers and send again: the same project, not a second one.
        await page.GotoAsync(Url("/api/request/check"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" }).ClickAsync();
        await page.WaitForURLAsync("**/api/request-sent/*");
        Assert.Equal(reference, (await page.InnerTextAsync(".govuk-panel__body strong")).Trim());
        await app.StageAsync(reference, "BusinessCase");
    }

    [Fact]
    public async Task Every_request_page_and_its_errors_pass_axe_and_errors_link_to_their_fields_with_answers_kept()
    {
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url("/api/start"));
        await BrowserFixture.CheckAsync(page, "request-start");

        foreach (var slug in new[] { "about", "category", "sponsor", "cost", "dates", "benefits/0", "risks/0", "attachments" })
        {
            var name = "request-" + slug.Replace("/0", string.Empty, StringComparison.Ordinal);
            await page.GotoAsync(Url("/api/request/" + slug));
            await BrowserFixture.CheckAsync(page, name);
            if (slug == "risks/0")
            {
                // Risks are optional, as in the API; half a risk is not.
                await page.FillAsync("[id='risks[0].description']", "Supplier delays");
            }

            await SendAsync(page, slug == "attachments" ? "Upload file" : "Continue");

            Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
            var link = page.Locator(".govuk-error-summary__list a").First;
            var target = (await link.GetAttributeAsync("href"))!.TrimStart('#');
            Assert.Equal(1, await page.Locator($"[id='{target}']").CountAsync());
            await BrowserFixture.CheckAsync(page, name + "-errors");
        }

        // An answer the intake refuses comes back as typed, with its message beside it.
        await page.GotoAsync(Url("/api/request/cost"));
        await page.FillAsync("[id='estimatedCost.capital']", "lots");
        await SendAsync(page, "Continue");
        Assert.Equal("lots", await page.InputValueAsync("[id='estimatedCost.capital']"));
        Assert.Contains("capital cost", await page.InnerTextAsync("[id='estimatedCost.capital-error']"), StringComparison.Ordinal);

        await page.GotoAsync(Url("/api/request/check"));
        await BrowserFixture.CheckAsync(page, "request-check");
        await SendAsync(page, "Accept and send");
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.StartsWith("/api/request/", await page.Locator(".govuk-error-summary__list a").First.GetAttributeAsync("href"), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "request-check-errors");
    }

    [Fact]
    public async Task A_benefit_emptied_on_its_page_is_gone_from_check_your_answers()
    {
        var page = await browser.NewPageAsync(app.App.BaseAddress, "admin-ada");
        await page.GotoAsync(Url("/api/request/benefits/0"));
        await page.FillAsync("[id='benefits[0].measure']", "Faults per month");
        await SendAsync(page, "Add another benefit");
        await page.GotoAsync(Url("/api/request/benefits/1"));
        await page.FillAsync("[id='benefits[1].measure']", "Calls per day");
        await SendAsync(page, "Continue");
        await page.GotoAsync(Url("/api/request/benefits/1"));
        await page.FillAsync("[id='benefits[1].measure']", string.Empty);
        await SendAsync(page, "Continue");

        await page.GotoAsync(Url("/api/request/check"));
        var headings = await page.Locator("h2").AllInnerTextsAsync();
        Assert.Contains("Benefit 1", headings);
        Assert.DoesNotContain("Benefit 2", headings);
        Assert.Contains("Faults per month", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("Calls per day", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    /// <summary>Presses the button and waits for the page it leads to, which may have the same address (errors).</summary>
    private static async Task SendAsync(IPage page, string button)
    {
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Status is not (302 or 303));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();

    private static async Task TypeAsync(IPage page, string id, string text)
    {
        await BrowserFixture.TabToAsync(page, $"e.id === '{id}'");
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task TypeDateAsync(IPage page, string field, DateTime date)
    {
        await TypeAsync(page, field + "-day", date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await TypeAsync(page, field + "-month", date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await TypeAsync(page, field + "-year", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Tabs to Continue, presses Enter and waits for the next page.</summary>
    private static async Task ContinueAsync(IPage page, string next)
    {
        await BrowserFixture.TabToAsync(page, "e.value === 'continue'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/api/request/" + next);
    }
}
