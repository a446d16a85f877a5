using System.Net;
using System.Net.Http.Json;
using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// My tasks, the portfolio and the project page in a browser, served from the views the workflows keep: what each
/// person sees, what others are refused, the CSV download, and axe, reflow and a screenshot of each page and error
/// state.
/// </summary>
public sealed class ProjectPagesTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task My_tasks_lists_the_approval_waiting_for_the_approver_with_its_due_date_and_link()
    {
        var (projectId, link) = await app.PendingForLeeAsync();
        var title = (await app.ProjectAsync(projectId)).GetProperty("request").GetProperty("title").GetString()!;
        var page = await browser.NewPageAsync(app.App.BaseAddress, "line-lee", bypassContentSecurityPolicy: true);

        await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/tasks").ToString());

        var task = page.Locator(".govuk-task-list__item", new() { HasText = title });
        Assert.Equal(1, await task.CountAsync());
        Assert.Matches("^(Overdue: due|Due) \\d{1,2} [A-Z][a-z]+ \\d{4}$", (await task.Locator(".govuk-task-list__status").InnerTextAsync()).Trim());
        Assert.Equal(new Uri(app.App.BaseAddress, link).AbsolutePath, await task.Locator("a").GetAttributeAsync("href"));
        Assert.Equal("page", await page.Locator(".govuk-service-navigation__link", new() { HasText = "My tasks" }).GetAttributeAsync("aria-current"));
        await BrowserFixture.CheckAsync(page, "my-tasks");

        // Rita asked for it but it is not hers to decide: nothing waits for her about it.
        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        await rita.GotoAsync(new Uri(app.App.BaseAddress, "/api/tasks").ToString());
        Assert.Equal(0, await rita.Locator(".govuk-task-list__item", new() { HasText = title }).CountAsync());
    }

    [Fact]
    public async Task The_portfolio_filters_counts_and_downloads_and_is_refused_to_requesters()
    {
        var (projectId, _) = await app.PendingForLeeAsync();
        var title = (await app.ProjectAsync(projectId)).GetProperty("request").GetProperty("title").GetString()!;
        var page = await browser.NewPageAsync(app.App.BaseAddress, "head-hana", bypassContentSecurityPolicy: true);

        await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/portfolio?stage=Approval").ToString());

        Assert.Equal(1, await page.Locator("table tbody tr", new() { HasText = title }).CountAsync());
        var approvalCount = await page.Locator("table:has(caption:text('Projects by stage')) tr", new() { HasText = "Approval" }).Locator("td").InnerTextAsync();
        Assert.True(int.Parse(approvalCount, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("Projects by stage", await page.Locator("svg title#by-stage-title").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "portfolio");

        await page.GotoAsync(new Uri(app.App.BaseAddress, "/api/portfolio?stage=Nonsense").ToString());
        Assert.Equal("Select a stage from the list", (await page.InnerTextAsync(".govuk-error-summary__list")).Trim());
        await BrowserFixture.CheckAsync(page, "portfolio-errors");

        using var hana = app.As("head-hana");
        using var csv = await hana.GetAsync("/api/portfolio/export?stage=Approval");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Reference,Title,Stage,Category,Cost band", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(projectId + ",", StringComparison.Ordinal) && l.Contains(",Approval,", StringComparison.Ordinal));

        using var rita = app.As("rita");
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.GetAsync("/api/portfolio")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.GetAsync("/api/portfolio/export")).StatusCode);
        Assert.DoesNotContain("Portfolio", await (await rita.GetAsync("/api/tasks")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_project_page_shows_its_stage_and_approvals_offers_the_decision_only_to_the_approver_and_hides_from_others()
    {
        var (projectId, link) = await app.PendingForLeeAsync();
        var path = $"/api/projects/{projectId}/page";

        var lee = await browser.NewPageAsync(app.App.BaseAddress, "line-lee", bypassContentSecurityPolicy: true);
        await lee.GotoAsync(new Uri(app.App.BaseAddress, path).ToString());
        Assert.Equal("Approval", (await lee.Locator(".govuk-summary-list__row:has(dt:text-is('Stage')) dd").InnerTextAsync()).Trim());
        Assert.Contains("Approval (current stage)", await lee.InnerTextAsync("ol.app-stages"), StringComparison.Ordinal);
        Assert.Equal(new Uri(app.App.BaseAddress, link).AbsolutePath, await lee.Locator(".govuk-notification-banner a").GetAttributeAsync("href"));
        Assert.Contains("Waiting", await lee.GetByRole(Microsoft.Playwright.AriaRole.Table, new() { Name = "Approvals and decisions" }).InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(lee, "project");

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        await rita.GotoAsync(new Uri(app.App.BaseAddress, path).ToString());
        Assert.Equal(0, await rita.Locator(".govuk-notification-banner").CountAsync());
        Assert.Contains("Submitted", await rita.InnerTextAsync("main"), StringComparison.Ordinal);

        using var ravi = app.As("ravi");
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Only_an_administrator_may_rebuild_the_views_and_the_rebuild_says_what_it_went_through()
    {
        await app.PendingForLeeAsync();
        using var hana = app.As("head-hana");
        using var ada = app.As("admin-ada");

        using var refused = await hana.PostAsync("/api/admin/rebuild-views", null);
        using var rebuilt = await ada.PostAsync("/api/admin/rebuild-views", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        var report = await rebuilt.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(report.GetProperty("projects").GetInt32() >= 1);
        Assert.True(report.GetProperty("approvalSteps").GetInt32() >= 1);
        Assert.Equal(report.GetProperty("projects").GetInt32(), report.GetProperty("portfolioTotal").GetInt32());
    }

    [Fact]
    public async Task Only_the_requester_is_offered_withdrawal_and_withdrawing_ends_the_approval_for_everyone()
    {
        var (projectId, _) = await app.PendingForLeeAsync();
        var path = $"/api/projects/{projectId}/page";
        var lee = await browser.NewPageAsync(app.App.BaseAddress, "line-lee");
        await lee.GotoAsync(new Uri(app.App.BaseAddress, path).ToString());
        Assert.Equal(0, await lee.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Withdraw this request" }).CountAsync());
        using (var leeClient = app.As("line-lee"))
        {
            using var refused = await leeClient.PostAsync($"/api/projects/{projectId}/withdraw-request", new FormUrlEncodedContent([new("reason", "Not mine to stop")]));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal("Approval", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());

        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita", bypassContentSecurityPolicy: true);
        await rita.GotoAsync(new Uri(app.App.BaseAddress, path).ToString());
        await rita.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Withdraw this request" }).ClickAsync();
        await BrowserFixture.CheckAsync(rita, "withdraw");
        await rita.FillAsync("#reason", "The libraries found laptops elsewhere.");
        await rita.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Withdraw the request" }).ClickAsync();
        await rita.WaitForURLAsync("**" + path);

        await app.StageAsync(projectId, "Withdrawn");
        await lee.GotoAsync(new Uri(app.App.BaseAddress, "/api/tasks").ToString());
        Assert.Equal(0, await lee.Locator($"a[href*='{projectId}']").CountAsync());
    }
}
