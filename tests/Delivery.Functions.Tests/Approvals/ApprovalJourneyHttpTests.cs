using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>The whole journey through the HTTP API and maildev: request → business case → email → page → decision → Initiation.</summary>
public sealed class ApprovalJourneyHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Request_to_Initiation_through_the_emailed_link_and_the_decision_page()
    {
        // Arrange
        var (projectId, request) = await app.NewProjectAsync(12_000m);
        var submitted = await app.SubmitCaseAsync(projectId, 12_000m);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var link = await app.LinkAsync("line-lee", projectId);
        using var lee = app.As("line-lee");

        // Act: opening the link twice changes nothing; the form post decides.
        var (first, html, antiforgery) = await ApprovalApp.OpenAsync(lee, link);
        var (again, _, _) = await ApprovalApp.OpenAsync(lee, link);
        var stillWaiting = (await app.ProjectAsync(projectId)).GetProperty("stage").GetString();
        var posted = await lee.PostAsync(link, ApprovalApp.Form(antiforgery, "approve"));
        await app.StageAsync(projectId, "Initiation");

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Approval", stillWaiting);
        Assert.Contains("govuk-radios", html, StringComparison.Ordinal);
        Assert.Contains("/api/assets/govuk-frontend.min.css", html, StringComparison.Ordinal);
        Assert.Contains("Costs by year", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Decision recorded", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var project = await app.ProjectAsync(projectId);
        Assert.Equal("Sam Okafor", project.GetProperty("projectManager").GetProperty("name").GetString());
        Assert.Equal(12_000m, project.GetProperty("baseline").GetProperty("approvedBudget").GetDecimal());
        var approved = await app.Inbox.WaitForAsync(request.Requester, 2);
        Assert.Contains(approved, e => e.Subject == $"Project approved: {request.Title}");
        Assert.Contains(await app.Inbox.WaitForAsync(app.EmailOf("pm-sam"), e => e.Subject == $"Project approved: {request.Title}"), e => e.Subject == $"Project approved: {request.Title}");

        using var rita = app.As("rita");
        var audit = await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        var decided = audit.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "Decided");
        Assert.Equal("line-lee", decided.GetProperty("actor").GetString());
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "BusinessCaseSubmitted");
    }

    [Fact]
    public async Task Request_changes_on_the_page_needs_a_comment_shown_in_a_GOV_UK_error_summary()
    {
        // Arrange
        var (projectId, request) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        var link = await app.LinkAsync("line-lee", projectId);
        using var lee = app.As("line-lee");
        var (_, _, antiforgery) = await ApprovalApp.OpenAsync(lee, link);

        // Act
        var noComment = await lee.PostAsync(link, ApprovalApp.Form(antiforgery, "request-changes"));
        var noChoice = await lee.PostAsync(link, ApprovalApp.Form(antiforgery, string.Empty));
        var withComment = await lee.PostAsync(link, ApprovalApp.Form(antiforgery, "request-changes", "Add the disposal costs."));
        await app.StageAsync(projectId, "BusinessCase");
        var resubmitted = await app.SubmitCaseAsync(projectId, 9_500m, "resubmit");
        var secondLink = await app.LinkAsync("line-lee", projectId, 2);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        var errorPage = await noComment.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", errorPage, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#comment\">Enter the changes you need</a>", errorPage, StringComparison.Ordinal);
        Assert.Contains("<title>Error: ", errorPage, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#decision\">", await noChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withComment.StatusCode);
        var changes = await app.Inbox.WaitForAsync(request.Requester);
        Assert.Contains(changes, e => e.Subject.StartsWith("Changes needed", StringComparison.Ordinal) && e.Text!.Contains("Add the disposal costs.", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        Assert.Contains("bjc-v2", secondLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_by_the_requester_ends_the_project_and_others_may_not()
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        await app.LinkAsync("line-lee", projectId);
        using var lee = app.As("line-lee");
        using var rita = app.As("rita");

        var byApprover = await lee.PostAsJsonAsync($"/api/projects/{projectId}/withdraw", new { reason = "No" });
        var byRequester = await rita.PostAsJsonAsync($"/api/projects/{projectId}/withdraw", new { reason = "Funding moved" });
        await app.StageAsync(projectId, "Withdrawn");

        Assert.Equal(HttpStatusCode.Forbidden, byApprover.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byRequester.StatusCode);
    }

    [Fact]
    public async Task Delegation_through_the_API_lets_the_delegate_decide_for_the_approver()
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        var stepId = (await app.LinkAsync("line-lee", projectId)).Split('/')[3].Split('?')[0];
        using var lee = app.As("line-lee");
        using var farah = app.As("fin-farah");

        var delegated = await lee.PostAsJsonAsync($"/api/approvals/{stepId}/delegate", new { delegateId = "fin-farah" });
        var delegateLink = await app.LinkAsync("fin-farah", projectId);
        var (_, _, antiforgery) = await ApprovalApp.OpenAsync(farah, delegateLink);
        var decided = await farah.PostAsync(delegateLink, ApprovalApp.Form(antiforgery, "approve"));
        await app.StageAsync(projectId, "Initiation");

        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var audit = await lee.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        var decision = audit.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "Decided");
        Assert.Equal("fin-farah", decision.GetProperty("actor").GetString());
        Assert.Equal("line-lee", decision.GetProperty("onBehalfOf").GetString());
    }

    [Fact]
    public async Task Submitting_an_incomplete_business_case_names_the_missing_parts()
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        using var rita = app.As("rita");
        await rita.PutAsJsonAsync($"/api/projects/{projectId}/business-case", new { strategic = new { caseForChange = "Old laptops" } });

        var response = await rita.PostAsync($"/api/projects/{projectId}/business-case/submit", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("financial.years", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("strategic.strategicFit", out _));
    }

    [Fact]
    public async Task The_business_case_and_audit_answers_show_no_storage_details()
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        using var rita = app.As("rita");

        var businessCase = await rita.GetStringAsync($"/api/projects/{projectId}/business-case");
        var audit = await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");

        Assert.Contains("\"versions\":[{\"version\":1", businessCase, StringComparison.Ordinal);
        Assert.DoesNotContain(".json", businessCase, StringComparison.Ordinal);
        Assert.DoesNotContain("_etag", businessCase, StringComparison.Ordinal);
        Assert.NotEmpty(audit.EnumerateArray());
        Assert.All(audit.EnumerateArray(), e => Assert.False(e.TryGetProperty("id", out _) || e.TryGetProperty("projectId", out _)));
    }

    [Fact]
    public async Task Assets_are_served_by_the_app_with_font_urls_under_the_api()
    {
        var response = await app.App.Client.GetAsync("/api/assets/govuk-frontend.min.css");
        var traversal = await app.App.Client.GetAsync("/api/assets/..%2F..%2FDelivery.Functions.dll");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var css = await response.Content.ReadAsStringAsync();
        Assert.Contains("url(/api/assets/fonts/", css, StringComparison.Ordinal);
        Assert.DoesNotContain("url(/assets/", css, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Final_approver_chooses_the_project_manager_and_adjusts_tolerances_on_the_page()
    {
        // Arrange
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        var link = await app.LinkAsync("line-lee", projectId);
        using var lee = app.As("line-lee");
        var (_, html, antiforgery) = await ApprovalApp.OpenAsync(lee, link);
        Dictionary<string, string> Form(string cost) => new()
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["decision"] = "approve",
            ["projectManagerId"] = "pm-jo",
            ["costPercent"] = cost,
            ["timeWorkingDays"] = "20",
            ["changeBudgetPercent"] = "7.5",
        };

        // Act
        var bad = await lee.PostAsync(link, new FormUrlEncodedContent(Form("lots")));
        var good = await lee.PostAsync(link, new FormUrlEncodedContent(Form("15")));
        await app.StageAsync(projectId, "Initiation");

        // Assert
        Assert.Contains("<option value=\"pm-jo\">Jo Evans</option>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"costPercent\" name=\"costPercent\" type=\"text\" inputmode=\"decimal\" spellcheck=\"false\" value=\"10\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<a href=\"#costPercent\">", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var project = await app.ProjectAsync(projectId);
        Assert.Equal("Jo Evans", project.GetProperty("projectManager").GetProperty("name").GetString());
        var tolerances = project.GetProperty("baseline").GetProperty("tolerances");
        Assert.Equal(15m, tolerances.GetProperty("costPercent").GetDecimal());
        Assert.Equal(7.5m, tolerances.GetProperty("changeBudgetPercent").GetDecimal());
        Assert.Equal(20, tolerances.GetProperty("timeWorkingDays").GetInt32());
        Assert.Single(await app.Inbox.WaitForAsync(app.EmailOf("pm-jo")), e => e.Subject.StartsWith("Project approved", StringComparison.Ordinal));
    }
}
