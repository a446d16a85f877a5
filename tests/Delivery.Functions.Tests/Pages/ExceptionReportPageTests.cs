using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Controls;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The exception report form in a browser, used with the keyboard alone: reached from the delivery page's
/// exceptions, sent empty (every missing field in the error summary), then filled in and sent; the form, its error
/// state and the confirmation each checked with axe and at 320 px.
/// </summary>
public sealed class ExceptionReportPageTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_project_manager_writes_and_sends_the_report_with_the_keyboard_alone()
    {
        var projectId = await BreachedProjects.CreateAsync(app, 10_500m, BreachedProjects.SevenInLondon(app, 1));
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/delivery").ToString());

        await BrowserFixture.TabToAsync(page, "e.textContent.startsWith('Write the exception report')");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**/exceptions/Cost-1/report/edit");
        Assert.Equal("Exception report", await page.InnerTextAsync("h1"));
        await BrowserFixture.CheckAsync(page, "exception-report-form");

        await SendAsync(page, ".govuk-error-summary");
        var summary = page.Locator(".govuk-error-summary");
        Assert.Equal(
            ["Enter the cause", "Enter the consequences", "Enter at least one option and its effect", "Enter the recommendation"],
            (await summary.Locator("a").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        Assert.Equal("#cause", await summary.Locator("a").First.GetAttributeAsync("href"));
        await BrowserFixture.CheckAsync(page, "exception-report-errors");

        await TypeAsync(page, "cause", "Licence prices rose by a third");
        await TypeAsync(page, "consequences", "The forecast is above the cost tolerance");
        await TypeAsync(page, "options[0].title", "Accept the new price");
        await TypeAsync(page, "options[0].effect", "Budget up by £1,800");
        await TypeAsync(page, "options[1].title", "Fewer laptops");
        await TypeAsync(page, "options[1].effect", "Benefit b1 falls short");
        await TypeAsync(page, "recommendation", "Accept the new price");
        await TypeAsync(page, "plan.approvedBudget", "10800");
        await TypeAsync(page, "plan.milestones.m1-day", "12");
        await TypeAsync(page, "plan.milestones.m1-month", "2");
        await TypeAsync(page, "plan.milestones.m1-year", "2027");
        await SendAsync(page, ".govuk-panel");

        Assert.Equal("Exception report sent", (await page.InnerTextAsync(".govuk-panel__title")).Trim());
        await BrowserFixture.CheckAsync(page, "exception-report-sent");
        var stored = await BreachedProjects.ExceptionAsync(app, projectId, "AwaitingDecision");
        Assert.Equal(2, stored.GetProperty("report").GetProperty("options").GetArrayLength());
        Assert.Equal(10_800m, stored.GetProperty("report").GetProperty("plan").GetProperty("approvedBudget").GetDecimal());
    }

    private static async Task TypeAsync(IPage page, string id, string text)
    {
        await BrowserFixture.TabToAsync(page, $"e.id === '{id}'");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to the send button, presses Enter and waits for the answer (the same address) to show <paramref name="shown"/>.</summary>
    private static async Task SendAsync(IPage page, string shown)
    {
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send exception report'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(shown).WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
