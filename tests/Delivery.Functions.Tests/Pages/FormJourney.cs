using System.Globalization;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>What the service team's form tests do alike: send a form by keyboard, fill a date's boxes, send a form again as it was.</summary>
internal static class FormJourney
{
    /// <summary>
    /// Tabs to the button and presses Enter, as a keyboard user would, to a form that is refused: the status of the
    /// answer, once its error summary shows (the locator waits through the navigation; reading the page sooner fails).
    /// </summary>
    public static async Task<int> SubmitRefusedByKeyboardAsync(IPage page, string button)
    {
        await BrowserFixture.TabToAsync(page, $"e.tagName === 'BUTTON' && e.textContent.trim() === '{button}'");
        var answer = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.IsNavigationRequest && r.Request.Method == "POST");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        return answer.Status;
    }

    public static async Task FillDateAsync(IPage page, string field, DateOnly date)
    {
        await page.FillAsync($"#{field}-day", date.Day.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#{field}-month", date.Month.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#{field}-year", date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The form posting to <paramref name="action"/> as it would be sent now, anti-forgery token and all.</summary>
    public static Task<string> ReadAsync(IPage page, string action) =>
        page.EvaluateAsync<string>($"() => new URLSearchParams(new FormData(document.querySelector(\"form[action$='{action}']\"))).toString()");

    /// <summary>
    /// Sends what <see cref="ReadAsync"/> read once more from the page (a double click, a resend after a slow answer),
    /// answering the address it ends on after redirects.
    /// </summary>
    public static Task<string> SendAgainAsync(IPage page, string url, string form) => page.EvaluateAsync<string>(
        "async ([url, body]) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body })).url",
        new[] { url, form });
}
