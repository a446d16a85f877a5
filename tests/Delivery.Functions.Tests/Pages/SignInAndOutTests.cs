using Delivery.Functions.App.Auth;
using Delivery.Functions.Tests.Approvals;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// Signing in and out in a browser: an email link opened by someone not signed in goes to the dev sign-in page and
/// back to the link; the header's sign-out asks to confirm, ends the sign-in and the link asks for it again.
/// </summary>
public sealed class SignInAndOutTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_link_opened_signed_out_signs_in_with_the_keyboard_and_returns_to_the_link()
    {
        var link = await DecisionLinkAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, bypassContentSecurityPolicy: true);

        await page.GotoAsync(link.ToString());
        Assert.EndsWith("/api/dev/sign-in", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "dev-sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Equal("Select who you want to sign in as", (await page.InnerTextAsync(".govuk-error-summary__list")).Trim());
        Assert.Equal("Select who you want to sign in as", (await page.InnerTextAsync("#person-error")).Replace("Error:", string.Empty, StringComparison.Ordinal).Trim());
        await BrowserFixture.CheckAsync(page, "dev-sign-in-errors");

        // The summary's link moves focus to the first choice; choose Lee with the arrow keys and send with Enter.
        await page.ClickAsync(".govuk-error-summary__list a");
        Assert.Equal("person", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        var lee = DevPeople.All.ToList().FindIndex(p => p.Id == "line-lee");
        await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < lee; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await BrowserFixture.PressEnterAndWaitForAsync(page, link.ToString());
        Assert.StartsWith("Decide on ", (await page.InnerTextAsync("h1")).Trim(), StringComparison.Ordinal);
        Assert.Contains("Lee Morgan", await page.InnerTextAsync(".govuk-phase-banner"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_from_the_header_ends_the_sign_in()
    {
        var link = await DecisionLinkAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "line-lee", bypassContentSecurityPolicy: true);
        await page.GotoAsync(link.ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await BrowserFixture.CheckAsync(page, "sign-out");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        Assert.Equal("You have signed out", (await page.InnerTextAsync("h1")).Trim());
        await BrowserFixture.CheckAsync(page, "signed-out");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "delivery-dev-user");
        await page.GotoAsync(link.ToString());
        Assert.EndsWith("/api/dev/sign-in", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    private async Task<Uri> DecisionLinkAsync()
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        Assert.True((await app.SubmitCaseAsync(projectId, 9_000m)).IsSuccessStatusCode);
        return new Uri(app.App.BaseAddress, await app.LinkAsync("line-lee", projectId));
    }
}
