using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// Stage boundaries in a browser: from the delivery controls the project manager plans a delivery stage and sends the
/// end of initiation report with the keyboard alone under the real content security policy, seeing every error at
/// once; the report goes to the stage gate exactly as the API's would. The forms and their errors pass axe and reflow
/// at 320 px, and nobody else may use them.
/// </summary>
public sealed class StagePagesTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_project_manager_plans_a_stage_and_sends_the_end_of_initiation_report_with_the_keyboard_alone()
    {
        var projectId = await app.ApprovedProjectAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam");
        await page.GotoAsync(Url($"/api/projects/{projectId}/delivery"));

        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Plan a delivery stage'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/stage-plan");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Save the stage'");
        await EnterExpectingErrorsAsync(page);
        Assert.Equal(["Enter the stage's name", "Enter the date the stage is planned to end"], (await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync()).ToArray());
        await TypeIntoAsync(page, "name", "Roll-out");
        await TypeIntoAsync(page, "plannedEnd-day", "31");
        await TypeIntoAsync(page, "plannedEnd-month", "3");
        await TypeIntoAsync(page, "plannedEnd-year", "2027");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Save the stage'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/delivery#stages");
        Assert.Contains("31 March 2027", await page.GetByRole(AriaRole.Table, new() { Name = "Delivery stages and their end stage reports" }).InnerTextAsync(), StringComparison.Ordinal);

        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send the end stage report for initiation'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/stages/initiation/end-report/edit");
        Assert.Contains("£9,000 approved", await page.GetByRole(AriaRole.Table, new() { Name = "Actual against plan, from the project's records today" }).InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send to the stage gate'");
        await EnterExpectingErrorsAsync(page);
        Assert.Equal(["Enter a summary of how the stage went", "Choose which stage starts next"], (await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync()).ToArray());
        await TypeIntoAsync(page, "summary", "Suppliers chosen, plan agreed");
        await BrowserFixture.TabToAsync(page, "e.name === 'nextStageId'");
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send to the stage gate'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/delivery#stages");

        Assert.Contains("End of initiation report, version 1: awaiting the stage gate", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        using var admin = app.As("admin-ada");
        var stages = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/stages");
        var report = stages.GetProperty("reports")[0];
        Assert.Equal(("stage-1", "AwaitingDecision", "Suppliers chosen, plan agreed"), (report.GetProperty("nextStageId").GetString(), report.GetProperty("status").GetString(), report.GetProperty("summary").GetString()));
        Assert.Contains("stage-initiation", await app.LinkAsync("line-lee", projectId, 2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stage_forms_and_their_errors_pass_axe_and_reflow_and_nobody_else_may_use_them()
    {
        var projectId = await app.ApprovedProjectAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url($"/api/projects/{projectId}/stage-plan"));
        await BrowserFixture.CheckAsync(page, "stage-plan");
        await page.ClickAsync("button:text('Save the stage')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await BrowserFixture.CheckAsync(page, "stage-plan-errors");
        await page.FillAsync("#name", "Roll-out");
        await page.FillAsync("#plannedEnd-day", "31");
        await page.FillAsync("#plannedEnd-month", "3");
        await page.FillAsync("#plannedEnd-year", "2027");
        await page.ClickAsync("button:text('Save the stage')");
        await page.WaitForURLAsync("**/delivery#stages");
        await page.GotoAsync(Url($"/api/projects/{projectId}/stages/initiation/end-report/edit"));
        await BrowserFixture.CheckAsync(page, "end-stage-report");
        await page.ClickAsync("button:text('Send to the stage gate')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await BrowserFixture.CheckAsync(page, "end-stage-report-errors");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        Assert.Equal(403, (await rita.GotoAsync(Url($"/api/projects/{projectId}/stage-plan")))!.Status);
        Assert.Equal(403, (await rita.GotoAsync(Url($"/api/projects/{projectId}/stages/initiation/end-report/edit")))!.Status);
        using var admin = app.As("admin-ada");
        var stages = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/stages");
        Assert.Equal(1, stages.GetProperty("stages").GetArrayLength());
        Assert.Equal(0, stages.GetProperty("reports").GetArrayLength());
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();


    /// <summary>Presses Enter on the focused submit button of a form that will come back with its errors.</summary>
    private static async Task EnterExpectingErrorsAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".govuk-error-summary");
    }

    private static async Task TypeIntoAsync(IPage page, string id, string text)
    {
        await BrowserFixture.TabToAsync(page, $"e.id === '{id}'");
        await page.Keyboard.TypeAsync(text);
    }
}
