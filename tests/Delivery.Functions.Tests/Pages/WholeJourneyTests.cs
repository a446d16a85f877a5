using System.Net;
using System.Net.Http.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The whole journey as people make it, in a browser: the requester sends a request and writes the business case
/// in the editor; the approver opens the link from the email in maildev, signs in, decides; the project page then
/// shows Initiation. Also: the editor's pages pass axe, and its actions are hidden from and refused to others.
/// </summary>
public sealed class WholeJourneyTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Request_business_case_email_link_sign_in_decision_and_the_project_reaches_initiation()
    {
        var title = "Library laptops " + Guid.NewGuid().ToString("N")[..8];
        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita", bypassContentSecurityPolicy: true);
        var reference = await RequestAsync(rita, title);
        await BrowserFixture.CheckAsync(rita, "request-sent");
        await app.StageAsync(reference, "BusinessCase");

        await rita.GotoAsync(Url($"/api/projects/{reference}/page"));
        await rita.GetByRole(AriaRole.Link, new() { Name = "Write the business case" }).ClickAsync();
        await BrowserFixture.CheckAsync(rita, "case-editor");
        await SectionAsync(rita, "Strategic case", new() { ["strategic.caseForChange"] = "Laptops are out of support.", ["strategic.strategicFit"] = "Digital inclusion strategy." });
        await SectionAsync(rita, "Economic case", new() { ["economic.options[0].name"] = "Replace", ["economic.options[0].description"] = "Buy new laptops.", ["economic.options[0].cost"] = "9000", ["economic.preferredOption"] = "Replace" });
        await SectionAsync(rita, "Commercial case", new() { ["commercial.procurementRoute"] = "Crown Commercial Service framework" });
        await SectionAsync(rita, "Financial case", new() { ["financial.years[0].year"] = FinancialYear(), ["financial.years[0].capital"] = "9000", ["financial.years[0].revenue"] = "0" });
        var due = DateTime.UtcNow.Date.AddMonths(4);
        await SectionAsync(rita, "Management case", new()
        {
            ["management.plan"] = "Roll out branch by branch.",
            ["management.milestones[0].name"] = "All branches done",
            ["management.milestones[0].date-day"] = Day(due), ["management.milestones[0].date-month"] = Month(due), ["management.milestones[0].date-year"] = Year(due),
            ["management.benefits[0].measure"] = "Laptop faults per month",
            ["management.benefits[0].target"] = "5",
            ["management.benefits[0].date-day"] = Day(due.AddMonths(3)), ["management.benefits[0].date-month"] = Month(due.AddMonths(3)), ["management.benefits[0].date-year"] = Year(due.AddMonths(3)),
        });
        Assert.Equal(5, await rita.Locator(".govuk-task-list__status", new() { HasText = "Completed" }).CountAsync());
        await BrowserFixture.CheckAsync(rita, "case-editor-complete");
        await rita.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
        await rita.WaitForSelectorAsync("text=Business case submitted");
        await app.StageAsync(reference, "Approval");

        // The approver, not signed in, opens the link in the email maildev caught.
        var link = await app.LinkAsync("line-lee", reference);
        var lee = await browser.NewPageAsync(app.App.BaseAddress);
        await lee.GotoAsync(Url(link));
        Assert.EndsWith("/api/dev/sign-in", new Uri(lee.Url).AbsolutePath, StringComparison.Ordinal);
        await lee.GetByLabel("Lee Morgan").CheckAsync();
        await lee.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await lee.WaitForSelectorAsync("h1:text('Decide on')");
        await lee.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).CheckAsync();
        await lee.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();
        Assert.Equal("Decision recorded", (await lee.InnerTextAsync("h1")).Trim());

        await app.StageAsync(reference, "Initiation");
        await lee.GotoAsync(Url($"/api/projects/{reference}/page"));
        Assert.Equal("Initiation", (await lee.InnerTextAsync(".govuk-summary-list__row:has(dt:text-is('Stage')) dd")).Trim());
        Assert.Contains("Approved", await lee.GetByRole(AriaRole.Table, new() { Name = "Approvals and decisions" }).InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(lee, "project-initiation-approver");

        // Lee's browser runs under the real policy, which blocks axe's script; the requester's page is checked instead.
        await rita.GotoAsync(Url($"/api/projects/{reference}/page"));
        await BrowserFixture.CheckAsync(rita, "project-initiation");
    }

    [Fact]
    public async Task The_editor_shows_errors_the_GOV_UK_way_and_is_hidden_from_and_refused_to_anyone_but_the_requester()
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita", bypassContentSecurityPolicy: true);
        await rita.GotoAsync(Url($"/api/projects/{projectId}/business-case/edit/financial"));
        await BrowserFixture.CheckAsync(rita, "case-financial");
        await rita.FillAsync("[id='financial.years[0].year']", "2026-27");
        await rita.FillAsync("[id='financial.years[0].capital']", "lots");
        await rita.GetByRole(AriaRole.Button, new() { Name = "Save and return" }).ClickAsync();
        await rita.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal("lots", await rita.InputValueAsync("[id='financial.years[0].capital']"));
        var links = await rita.Locator(".govuk-error-summary__list a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["#financial.years[0].capital", "#financial.years[0].year"], links.Order(StringComparer.Ordinal));
        await BrowserFixture.CheckAsync(rita, "case-financial-errors");

        // Submitting a case with only its commercial case lists what is missing, each linking to its section's field.
        await rita.GotoAsync(Url($"/api/projects/{projectId}/business-case/edit/commercial"));
        await rita.FillAsync("[id='commercial.procurementRoute']", "Open tender");
        await rita.GetByRole(AriaRole.Button, new() { Name = "Save and return" }).ClickAsync();
        await rita.WaitForSelectorAsync("text=Your changes have been saved");
        await rita.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
        await rita.WaitForSelectorAsync(".govuk-error-summary");
        Assert.EndsWith("/business-case/edit/strategic#strategic.caseForChange", await rita.Locator(".govuk-error-summary__list a").First.GetAttributeAsync("href"), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(rita, "case-editor-errors");

        // A draft saved through the API with more years than the page offers by default keeps them all when the page saves.
        var years = Enumerable.Range(0, 6).Select(i => new { year = $"{2026 + i}/{(27 + i) % 100:00}", capital = 1000m, revenue = 0m }).ToArray();
        using (var api = app.As("rita"))
        {
            Assert.True((await api.PutAsJsonAsync($"/api/projects/{projectId}/business-case", new { financial = new { years } })).IsSuccessStatusCode);
        }

        await rita.GotoAsync(Url($"/api/projects/{projectId}/business-case/edit/financial"));
        Assert.Equal(7, await rita.Locator("input[id$='.year']").CountAsync());
        await rita.GetByRole(AriaRole.Button, new() { Name = "Save and return" }).ClickAsync();
        await rita.WaitForSelectorAsync("text=Your changes have been saved");
        using (var api = app.As("rita"))
        {
            var saved = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/projects/{projectId}/business-case");
            Assert.Equal(6, saved.GetProperty("draft").GetProperty("financial").GetProperty("years").GetArrayLength());
        }

        // Hana (delivery staff) may see the project but not write its case: no link for her, and a direct POST is refused.
        var hanaPage = await browser.NewPageAsync(app.App.BaseAddress, "head-hana");
        await hanaPage.GotoAsync(Url($"/api/projects/{projectId}/page"));
        Assert.Equal(0, await hanaPage.GetByRole(AriaRole.Link, new() { Name = "Write the business case" }).CountAsync());
        using var owner = app.As("rita");
        var before = await owner.GetStringAsync($"/api/projects/{projectId}/business-case");
        using var hana = app.As("head-hana");
        var hanaEditor = await browser.NewPageAsync(app.App.BaseAddress, "head-hana", bypassContentSecurityPolicy: true);
        var refusedPage = await hanaEditor.GotoAsync(Url($"/api/projects/{projectId}/business-case/edit"));
        Assert.Equal(403, refusedPage!.Status);
        await BrowserFixture.CheckAsync(hanaEditor, "case-editor-refused");
        using var refused = await hana.PostAsync(
            $"/api/projects/{projectId}/business-case/edit/strategic",
            new FormUrlEncodedContent([new("strategic.caseForChange", "Hana's words")]));
        using var submit = await hana.PostAsync($"/api/projects/{projectId}/business-case/edit", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
        Assert.Equal(before, await owner.GetStringAsync($"/api/projects/{projectId}/business-case"));
        Assert.Equal("BusinessCase", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
    }

    private async Task<string> RequestAsync(IPage page, string title)
    {
        await page.GotoAsync(Url("/api/start"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();
        await FillAndContinueAsync(page, new() { ["title"] = title, ["description"] = "Replace laptops in branch libraries." });
        await page.GetByLabel("Technology project").CheckAsync();
        await FillAndContinueAsync(page, []);
        await FillAndContinueAsync(page, new() { ["sponsor.email"] = ProjectRequestBuilder.SponsorAddress });
        await FillAndContinueAsync(page, new() { ["estimatedCost.capital"] = "9000", ["estimatedCost.revenue"] = "0" });
        var start = DateTime.UtcNow.Date.AddMonths(1);
        await FillAndContinueAsync(page, new()
        {
            ["targetStart-day"] = Day(start), ["targetStart-month"] = Month(start), ["targetStart-year"] = Year(start),
            ["targetEnd-day"] = Day(start.AddMonths(6)), ["targetEnd-month"] = Month(start.AddMonths(6)), ["targetEnd-year"] = Year(start.AddMonths(6)),
        });
        await FillAndContinueAsync(page, new()
        {
            ["benefits[0].measure"] = "Laptop faults per month", ["benefits[0].baseline"] = "40", ["benefits[0].target"] = "5", ["benefits[0].owner"] = "Head of libraries",
            ["benefits[0].date-day"] = Day(start.AddMonths(9)), ["benefits[0].date-month"] = Month(start.AddMonths(9)), ["benefits[0].date-year"] = Year(start.AddMonths(9)),
        });
        await FillAndContinueAsync(page, []);
        await FillAndContinueAsync(page, []);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" }).ClickAsync();
        await page.WaitForURLAsync("**/api/request-sent/*");
        return (await page.InnerTextAsync(".govuk-panel__body strong")).Trim();
    }

    private static async Task FillAndContinueAsync(IPage page, Dictionary<string, string> fields)
    {
        var from = page.Url;
        foreach (var (id, value) in fields)
        {
            await page.FillAsync($"[id='{id}']", value);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => url != from);
    }

    private static async Task SectionAsync(IPage page, string section, Dictionary<string, string> fields)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = section }).ClickAsync();
        await page.WaitForSelectorAsync($"h1:text-is('{section}')");
        await BrowserFixture.CheckAsync(page, "case-" + section.Split(' ')[0].ToLowerInvariant());
        foreach (var (id, value) in fields)
        {
            await page.FillAsync($"[id='{id}']", value);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save and return" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Your changes have been saved");
    }

    /// <summary>This financial year, written as the business case writes it (April to March).</summary>
    private static string FinancialYear()
    {
        var today = DateTime.UtcNow;
        var start = today.Month >= 4 ? today.Year : today.Year - 1;
        return $"{start}/{(start + 1) % 100:00}";
    }

    private static string Day(DateTime d) => d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Month(DateTime d) => d.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Year(DateTime d) => d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
