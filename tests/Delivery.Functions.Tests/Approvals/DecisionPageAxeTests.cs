using System.Text.Json;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>
/// The decision page in a real browser (Debian's Chromium, headless) checked by axe-core for WCAG 2.2 A and AA,
/// as first opened and after a submission with errors (the GOV.UK error summary), and used with the keyboard alone.
/// </summary>
public sealed class DecisionPageAxeTests(ApprovalApp app) : IClassFixture<ApprovalApp>, IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), "Chromium is needed for browser tests: apt-get install chromium (.ci/run does).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Axe_finds_no_wcag_a_or_aa_violations_on_the_page_or_its_error_state()
    {
        // axe is injected as a script, which the page's policy (no script at all) would block.
        var page = await OpenDecisionPageAsync(bypassContentSecurityPolicy: true);

        var opened = await AxeViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("decision", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).ClickAsync();
        await page.WaitForSelectorAsync(".govuk-error-summary");
        var withErrors = await AxeViolationsAsync(page);

        Assert.True(opened.Count == 0, "axe on the page: " + string.Join("; ", opened));
        Assert.True(withErrors.Count == 0, "axe on the error state: " + string.Join("; ", withErrors));
    }

    [Fact]
    public async Task The_decision_can_be_made_with_the_keyboard_alone()
    {
        var page = await OpenDecisionPageAsync();

        // Tab to the first decision radio, choose it with the space bar, tab to the submit button and press Enter.
        for (var i = 0; i < 200 && !await page.EvaluateAsync<bool>("() => document.activeElement?.type === 'radio'"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < 50 && !await page.EvaluateAsync<bool>("() => document.activeElement?.tagName === 'BUTTON'"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("Decision recorded", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal(0, await page.Locator(".govuk-error-summary").CountAsync());
    }

    /// <summary>The page as a browser gets it, under its content security policy unless a test must inject a script.</summary>
    private async Task<IPage> OpenDecisionPageAsync(bool bypassContentSecurityPolicy = false)
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        Assert.True((await app.SubmitCaseAsync(projectId, 9_000m)).IsSuccessStatusCode);
        var link = await app.LinkAsync("line-lee", projectId);
        var context = await _browser.NewContextAsync(new() { BypassCSP = bypassContentSecurityPolicy });
        await context.AddCookiesAsync([new Cookie { Name = "delivery-dev-user", Value = "line-lee", Url = app.App.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(app.App.BaseAddress, link).ToString());
        Assert.Equal(200, response!.Status);
        return page;
    }

    private static async Task<List<string>> AxeViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(Repository.Root(), "node_modules", "axe-core", "axe.min.js") });
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')')");
        return result.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
