using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The subject access page: an administrator, with the keyboard alone, sends no address and is told what to enter,
/// then Rita's address and reads what is held about her, project by project, with the date the answer is due; both
/// pages pass axe and reflow at 320 px; a project manager is refused the page.
/// </summary>
public sealed class SubjectAccessPageTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_administrator_finds_everything_held_about_a_person_with_the_keyboard_and_the_pages_pass_axe()
    {
        var (_, request) = await app.NewProjectAsync(9_000m);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "admin-ada", bypassContentSecurityPolicy: true);
        var opened = await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/admin/data-protection/subject-access/page").ToString());
        Assert.True(opened!.Status == 200, await page.ContentAsync());

        await page.FocusAsync("#email");
        var answered = page.WaitForResponseAsync(r => r.Url.EndsWith("/subject-access/page", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(400, (await answered).Status);
        Assert.Contains("Enter the person's email address", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "subject-access-errors");

        await page.FocusAsync("#email");
        await page.Keyboard.TypeAsync("rita.patel@example.gov.uk");
        answered = page.WaitForResponseAsync(r => r.Url.EndsWith("/subject-access/page", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(200, (await answered).Status);
        Assert.Equal("What we hold about rita.patel@example.gov.uk", (await page.Locator("h2.govuk-heading-m").First.InnerTextAsync()).Trim());
        var table = page.Locator("table", new() { Has = page.Locator($"caption:text-is('{request.Title}')") });
        Assert.Equal(1, await table.CountAsync());
        var cells = await table.Locator("td").AllInnerTextsAsync();
        Assert.Contains("rita.patel@example.gov.uk", cells);
        Assert.Contains("request.requester.email", cells);
        var due = DateTime.UtcNow.AddMonths(1).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(due, await page.Locator(".govuk-summary-list").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "subject-access-export");

        var sam = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam");
        var refused = await sam.GotoAsync(new Uri(app.App.BaseAddress, "/api/admin/data-protection/subject-access/page").ToString());
        Assert.Equal(403, refused!.Status);
    }
}
