using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>One set of rules per decision: the API's final approval meets the same checks as the page, and a refused one changes nothing.</summary>
public sealed class DecisionRulesHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    public static TheoryData<string, object, string[]> BadFinalApprovals => new()
    {
        { "a project manager who is not one", new { decision = "approve", projectManagerId = "head-hana" }, ["projectManagerId"] },
        { "a project manager nobody knows", new { decision = "approve", projectManagerId = "nobody" }, ["projectManagerId"] },
        {
            "negative and oversized tolerances",
            new { decision = "approve", projectManagerId = "pm-jo", tolerances = new { timeWorkingDays = -1, costPercent = 500, scope = "", quality = "ok", riskScore = 40, benefitsPercent = 10 } },
            ["tolerances.timeWorkingDays", "tolerances.costPercent", "tolerances.scope", "tolerances.riskScore"]
        },
        { "a comment over the limit", new { decision = "approve", comment = new string('x', 4001) }, ["comment"] },
    };

    [Theory]
    [MemberData(nameof(BadFinalApprovals))]
    public async Task Api_final_approval_outside_the_rules_is_a_400_naming_every_field_and_nothing_is_stored(string why, object body, string[] fields)
    {
        // Arrange
        Assert.NotEmpty(why);
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        var link = await app.LinkAsync("line-lee", projectId);
        var stepId = Uri.UnescapeDataString(link.Split('?')[0].Split('/')[^1]);
        using var lee = app.As("line-lee");

        // Act
        var response = await lee.PostAsJsonAsync($"/api/approvals/{Uri.EscapeDataString(stepId)}/decision", body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(fields.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Approval", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
        using var rita = app.As("rita");
        var audit = await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "Decided");

        // The step is still open: the same approver can still decide it properly.
        var (page, _, _) = await ApprovalApp.OpenAsync(lee, link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Page_final_approval_with_a_tolerance_the_api_would_refuse_is_refused_too()
    {
        // Arrange
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        var link = await app.LinkAsync("line-lee", projectId);
        using var lee = app.As("line-lee");
        var (_, _, antiforgery) = await ApprovalApp.OpenAsync(lee, link);

        // Act: 500% is a number, so only the shared rules can refuse it.
        var posted = await lee.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["decision"] = "approve",
            ["projectManagerId"] = "head-hana",
            ["costPercent"] = "500",
            ["timeWorkingDays"] = "20",
            ["changeBudgetPercent"] = "5",
        }));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#costPercent\">Cost tolerance must be a percentage from 0 to 50", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#projectManagerId\">", html, StringComparison.Ordinal);
        Assert.Equal("Approval", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
    }
}
