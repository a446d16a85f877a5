using Delivery.Functions.Tests.Approvals;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The change request form in a browser, used with the keyboard alone from the delivery page's link: sent empty
/// (every missing field in the error summary), then filled in and sent; the form, its error state and the
/// confirmation each checked with axe and at 320 px.
/// </summary>
public sealed class ChangeRequestPageTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_project_manager_requests_a_change_with_the_keyboard_alone()
    {
        var projectId = await app.ApprovedProjectAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/delivery").ToString());

        await BrowserFixture.TabToAsync(page, "e.textContent === 'Request a change'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/change-request");
        await BrowserFixture.CheckAsync(page, "change-request-form");

        await SendAsync(page, ".govuk-error-summary");
        Assert.Equal(
            ["#kind", "#title", "#justification", "#impact", "#costImpact"],
            (await page.Locator(".govuk-error-summary a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")));
        await BrowserFixture.CheckAsync(page, "change-request-errors");

        await BrowserFixture.TabToAsync(page, "e.id === 'kind'");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.IsCheckedAsync("#kind-3"));
        await TypeAsync(page, "title", "More licences");
        await TypeAsync(page, "justification", "Two more branches asked to join");
        await TypeAsync(page, "impact", "Benefit b1 grows");
        await TypeAsync(page, "costImpact", "400");
        await SendAsync(page, ".govuk-panel");

        Assert.Equal("Change request sent", (await page.InnerTextAsync(".govuk-panel__title")).Trim());
        await BrowserFixture.CheckAsync(page, "change-request-sent");
    }

    private static async Task TypeAsync(IPage page, string id, string text)
    {
        await BrowserFixture.TabToAsync(page, $"e.id === '{id}'");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to the send button, presses Enter and waits for the answer (the same address) to show <paramref name="shown"/>.</summary>
    private static async Task SendAsync(IPage page, string shown)
    {
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send change request'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(shown).WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
