using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Controls;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// Closure in a browser: the project manager asks to close the project from the delivery controls with the keyboard
/// alone under the real content security policy (every error at once, then the checklist, the handover of the open
/// risk and the summary) and lands on the end project report; the form, its errors and the report pass axe and reflow
/// at 320 px, and nobody else may use the form.
/// </summary>
public sealed class ClosurePagesTests(ClosureHttpTests.SponsorApp app, BrowserFixture browser) : IClassFixture<ClosureHttpTests.SponsorApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_project_manager_asks_to_close_the_project_with_the_keyboard_alone_and_reads_the_report()
    {
        var projectId = await ProjectWithARiskAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam");
        await page.GotoAsync(Url($"/api/projects/{projectId}/delivery"));

        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Ask to close the project'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/closure/request");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send to the sponsor'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(
            ["Confirm every item of the closure checklist: the deliverables were accepted; handover to support or business as usual; end users were trained; supplier contracts were closed; lessons were logged",
             "Enter who the service was handed over to", "Choose who takes over risk R1", "Enter a summary of what the project delivered"],
            (await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync()).ToArray());

        foreach (var field in new[] { "deliverablesAccepted", "handoverConfirmed", "usersTrained", "supplierContractsClosed", "lessonsLogged" })
        {
            await BrowserFixture.TabToAsync(page, $"e.id === 'checklist.{field}'");
            await page.Keyboard.PressAsync("Space");
        }

        await BrowserFixture.TabToAsync(page, "e.id === 'checklist.handedOverTo'");
        await page.Keyboard.TypeAsync("IT service desk");
        await BrowserFixture.TabToAsync(page, "e.id === 'handover[0].newOwnerId'");
        await page.Keyboard.TypeAsync("Farah");
        await BrowserFixture.TabToAsync(page, "e.id === 'summary'");
        await page.Keyboard.TypeAsync("Laptops in every library");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Send to the sponsor'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/closure/report");

        Assert.Contains("Awaiting the sponsor", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Farah Ahmed", await page.GetByRole(AriaRole.Table, new() { Name = "Each with its new owner" }).InnerTextAsync(), StringComparison.Ordinal);
        using var admin = app.As("admin-ada");
        var closure = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/closure");
        Assert.Equal(("IT service desk", "fin-farah"), (closure.GetProperty("checklist").GetProperty("handedOverTo").GetString(), closure.GetProperty("handover")[0].GetProperty("newOwnerId").GetString()));
    }

    [Fact]
    public async Task The_closure_form_its_errors_and_the_report_pass_axe_and_reflow_and_nobody_else_may_ask()
    {
        var projectId = await ProjectWithARiskAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url($"/api/projects/{projectId}/closure/request"));
        await BrowserFixture.CheckAsync(page, "closure-request");
        await page.ClickAsync("button:text('Send to the sponsor')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await BrowserFixture.CheckAsync(page, "closure-request-errors");

        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/closure", new
        {
            summary = "Laptops in every library",
            checklist = new { deliverablesAccepted = true, handoverConfirmed = true, usersTrained = true, supplierContractsClosed = true, lessonsLogged = true, handedOverTo = "IT service desk" },
            handover = new[] { new { itemId = "R1", newOwnerId = "fin-farah" } },
        })).StatusCode);
        await page.GotoAsync(Url($"/api/projects/{projectId}/closure/report"));
        await BrowserFixture.CheckAsync(page, "end-project-report");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        Assert.Equal(403, (await rita.GotoAsync(Url($"/api/projects/{projectId}/closure/request")))!.Status);
    }

    private async Task<string> ProjectWithARiskAsync()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", new
        {
            kind = "risk", title = "Supplier support ends", ownerId = "pm-sam", cause = "Contract", @event = "Support lapses", effect = "Outages",
            probability = 2, impact = 3, proximity = "withinProject", response = "transfer",
        })).StatusCode);
        return projectId;
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
