using Delivery.Functions.Tests.Pages;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>
/// The decision page in a real browser: axe-core finds no WCAG 2.2 A or AA violation as first opened or after a
/// submission with errors (the GOV.UK error summary), it reflows at 320 CSS pixels, and a decision can be made
/// with the keyboard alone under the page's real content security policy.
/// </summary>
public sealed class DecisionPageAxeTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Axe_finds_no_wcag_a_or_aa_violations_on_the_page_or_its_error_state()
    {
        var page = await OpenDecisionPageAsync(bypassContentSecurityPolicy: true);
        await BrowserFixture.CheckAsync(page, "decision");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "decision-errors");
    }

    [Fact]
    public async Task The_decision_can_be_made_with_the_keyboard_alone()
    {
        var page = await OpenDecisionPageAsync();

        // Tab to the first decision radio, choose it with the space bar, tab to the submit button and press Enter.
        await BrowserFixture.TabToAsync(page, "e.type === 'radio'");
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabToAsync(page, "e.tagName === 'BUTTON'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("Decision recorded", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal(0, await page.Locator(".govuk-error-summary").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "decision-recorded");
    }

    /// <summary>The page as a browser gets it, under its content security policy unless a test must inject a script.</summary>
    private async Task<IPage> OpenDecisionPageAsync(bool bypassContentSecurityPolicy = false)
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        Assert.True((await app.SubmitCaseAsync(projectId, 9_000m)).IsSuccessStatusCode);
        var link = await app.LinkAsync("line-lee", projectId);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "line-lee", bypassContentSecurityPolicy);
        var response = await page.GotoAsync(new Uri(app.App.BaseAddress, link).ToString());
        Assert.Equal(200, response!.Status);
        return page;
    }
}
