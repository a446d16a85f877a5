using System.Net;
using System.Net.Http.Json;
using Delivery.Functions.Tests.Approvals;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// Highlight reports in a browser: the project manager reaches the form from the delivery controls with the keyboard
/// alone under the real content security policy, sees every error at once, sends the report and finds it on the
/// highlight reports page with its status from the records; the form, its errors and the reports page pass axe and
/// reflow at 320 px; anyone else is refused the form.
/// </summary>
public sealed class HighlightPagesTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_project_manager_writes_and_sends_a_highlight_report_with_the_keyboard_alone()
    {
        var projectId = await ProjectWithARiskAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam");
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/delivery").ToString());

        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Highlight reports'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/highlight-reports");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Write a highlight report'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/highlight-reports/new");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send the highlight report'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(
            ["Enter a summary of how the project stands.", "Enter what was done this period.", "Enter what is planned for the next period.", "Choose the delivery confidence: Green, Amber, Red."],
            (await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync()).ToArray());

        await TypeIntoAsync(page, "summary", "Devices ordered; pilot school chosen");
        await TypeIntoAsync(page, "thisPeriod", "Contract signed");
        await TypeIntoAsync(page, "nextPeriod", "Pilot roll-out");
        await BrowserFixture.TabToAsync(page, "e.name === 'deliveryConfidence'");
        await page.Keyboard.PressAsync("ArrowDown");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send the highlight report'");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForSelectorAsync(".govuk-notification-banner--success");
        Assert.EndsWith($"/api/projects/{projectId}/highlight-reports?sent=1", page.Url, StringComparison.Ordinal);
        var status = page.GetByRole(AriaRole.Table, new() { Name = "Status and tolerances" });
        Assert.Contains("Red", await status.Locator("tr", new() { HasText = "Risk" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Green", await status.Locator("tr", new() { HasText = "Cost" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Amber", await page.Locator(".govuk-summary-list__row", new() { HasText = "Delivery confidence" }).InnerTextAsync(), StringComparison.Ordinal);
        using var admin = app.As("admin-ada");
        var stored = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/projects/{projectId}/highlights");
        Assert.Equal("Contract signed", stored.GetProperty("reports")[0].GetProperty("thisPeriod").GetString());
    }

    [Fact]
    public async Task The_form_its_errors_and_the_reports_pass_axe_and_reflow_and_only_the_manager_may_write()
    {
        var projectId = await ProjectWithARiskAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/highlights", new
        {
            summary = "On track", thisPeriod = "Contract signed", nextPeriod = "Pilot", deliveryConfidence = "Green",
        })).StatusCode);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);

        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/highlight-reports").ToString());
        await BrowserFixture.CheckAsync(page, "highlight-reports");
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/highlight-reports/new").ToString());
        await BrowserFixture.CheckAsync(page, "highlight-report-form");
        await page.ClickAsync("button:text('Send the highlight report')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await BrowserFixture.CheckAsync(page, "highlight-report-form-errors");
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/delivery").ToString());
        await BrowserFixture.CheckAsync(page, "delivery-controls-with-highlights");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        var refused = await rita.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/highlight-reports/new").ToString());
        Assert.Equal(403, refused!.Status);
    }

    private async Task<string> ProjectWithARiskAsync()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var risk = new
        {
            kind = "risk", title = "Supplier capacity", ownerId = "pm-sam", cause = "One supplier", @event = "Late deliveries", effect = "Go-live slips",
            probability = 4, impact = 4, proximity = "withinStage", response = "reduce",
        };
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", risk)).StatusCode);
        return projectId;
    }


    private static async Task TypeIntoAsync(IPage page, string id, string text)
    {
        await BrowserFixture.TabToAsync(page, $"e.id === '{id}'");
        await page.Keyboard.TypeAsync(text);
    }
}
