using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Controls;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// Benefits reviews in a browser: the benefit owner opens the review form from the link in her email, sends it empty
/// (both errors at once), then records the actual measure and is told what share of the promise it is; the project's
/// and the portfolio's benefits reports show it. The form, its errors and both reports pass axe and reflow at 320 px,
/// and someone else may not open the form.
/// </summary>
public sealed class BenefitReviewPagesTests(BenefitReviewHttpTests.BenefitsApp app, BrowserFixture browser) : IClassFixture<BenefitReviewHttpTests.BenefitsApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_owner_records_a_review_from_the_form_and_the_reports_show_it_all_passing_axe()
    {
        var projectId = await app.ClosedProjectAsync();
        var link = await app.ReviewLinkAsync(app.EmailOf("fin-farah"), projectId, "Benefits review due", "b1", 1);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "fin-farah", bypassContentSecurityPolicy: true);
        await page.GotoAsync(Url(link));
        await BrowserFixture.CheckAsync(page, "benefit-review");
        await page.ClickAsync("button:text('Record the review')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(2, await page.Locator(".govuk-error-summary__list a").CountAsync());
        await BrowserFixture.CheckAsync(page, "benefit-review-errors");

        var today = DateTime.UtcNow;
        await page.FillAsync("#actual", "30");
        await page.FillAsync("#measuredOn-day", today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#measuredOn-month", today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#measuredOn-year", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#comment", "From the service desk log");
        await page.ClickAsync("button:text('Record the review')");
        await page.WaitForSelectorAsync("h1:text('Benefits review recorded')");
        Assert.Contains("28.6% of the improvement", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        using var admin = app.As("admin-ada");
        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/benefits/report");
        Assert.Equal(30m, report.GetProperty("benefits")[0].GetProperty("reviews")[0].GetProperty("actual").GetDecimal());

        var sam = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        await sam.GotoAsync(Url($"/api/projects/{projectId}/benefits/report/page"));
        Assert.Contains("28.6% achieved", await sam.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(sam, "benefits-report");
        await sam.GotoAsync(Url("/api/benefits/report/page"));
        Assert.Contains("Portfolio benefits report", await sam.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(sam, "portfolio-benefits-report");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        Assert.Equal(403, (await rita.GotoAsync(Url(link)))!.Status);
    }

    private string Url(string path) => new Uri(app.App.BaseAddress, path).ToString();
}
