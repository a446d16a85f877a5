using System.Text.Json;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (never a browser a test tool downloads), with what the page
/// tests check on every page: axe-core's WCAG 2.2 A and AA rules, reflow at 320 CSS pixels (400% zoom of a
/// 1280-pixel window), and a screenshot written to <see cref="ScreenshotFolder"/> for people to look at.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary><c>DELIVERY_SCREENSHOTS</c> if set (CI keeps it as an artefact), else <c>.local/screenshots</c>.</summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("DELIVERY_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Repository.Root(), ".local", "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), "Chromium is needed for browser tests: apt-get install chromium (scripts/test.sh does).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>
    /// A fresh browser profile, signed in as a seeded person when one is named. Pages run under their real content
    /// security policy unless a test must inject axe's script, which that policy (no script at all) blocks.
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri app, string? personId = null, bool bypassContentSecurityPolicy = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        var context = await Browser.NewContextAsync(new() { BypassCSP = bypassContentSecurityPolicy, ViewportSize = new() { Width = 1280, Height = 900 } });
        if (personId is not null)
        {
            await context.AddCookiesAsync([new Cookie { Name = "delivery-dev-user", Value = personId, Url = app.ToString() }]);
        }

        return await context.NewPageAsync();
    }

    /// <summary>axe-core's WCAG 2.0, 2.1 and 2.2 A and AA violations on the page as it is now, one line each.</summary>
    public static async Task<List<string>> AxeViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.AddScriptTagAsync(new() { Path = Path.Combine(Repository.Root(), "node_modules", "axe-core", "axe.min.js") });
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }))" +
            ".violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')");
        return result.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>
    /// Checks the page with axe, then at 320 CSS pixels wide for horizontal scrolling (WCAG 1.4.10 reflow), and
    /// saves a screenshot of each width as <c>{name}.png</c> and <c>{name}-320.png</c>.
    /// </summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var violations = await AxeViolationsAsync(page);
        await ScreenshotAsync(page, name);
        var viewport = page.ViewportSize;
        await page.SetViewportSizeAsync(320, 800);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await ScreenshotAsync(page, name + "-320");
        if (viewport is not null)
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }

        Assert.True(violations.Count == 0, $"axe on {name}: " + string.Join("; ", violations));
        Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px at 320 CSS pixels wide");
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Presses Enter on the focused link or button and waits for the page it opens, listening from before the key
    /// goes down: a navigation that finished before the wait began was once missed and timed out.
    /// </summary>
    public static async Task PressEnterAndWaitForAsync(IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        var opened = page.WaitForURLAsync(url);
        await page.Keyboard.PressAsync("Enter");
        await opened;
    }

    /// <summary>Tabs forward until the focused element matches the script's test, as someone using only a keyboard would.</summary>
    public static async Task TabToAsync(IPage page, string test, int limit = 200)
    {
        ArgumentNullException.ThrowIfNull(page);
        for (var i = 0; i < limit; i++)
        {
            if (await page.EvaluateAsync<bool>($"() => {{ const e = document.activeElement; return !!e && ({test}); }}"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"no element matching {test} was reached with the Tab key");
    }
}
