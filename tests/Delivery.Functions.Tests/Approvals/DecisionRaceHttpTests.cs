using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Delivery.Functions.Tests.Approvals;

public sealed class DecisionRaceHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Fifty_concurrent_decisions_on_one_step_one_wins_the_rest_get_409()
    {
        // Arrange
        var (projectId, request) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        var stepId = (await app.LinkAsync("line-lee", projectId)).Split('/')[3].Split('?')[0];
        using var lee = app.As("line-lee");

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            lee.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "reject", comment = $"Not this year ({i})" })));
        await app.StageAsync(projectId, "Rejected");

        // Assert
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var audit = await lee.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "Decided");
        var emails = await app.Inbox.WaitForAsync(request.Requester);
        Assert.Single(emails, e => e.Subject.StartsWith("Project not approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decision_api_rules()
    {
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        await app.SubmitCaseAsync(projectId, 9_000m);
        var stepId = (await app.LinkAsync("line-lee", projectId)).Split('/')[3].Split('?')[0];
        using var lee = app.As("line-lee");
        using var ben = app.As("board-ben");

        var noComment = await lee.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "reject" });
        var unknown = await lee.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "maybe" });
        var notApprover = await ben.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "approve" });
        var missing = await lee.PostAsJsonAsync($"/api/approvals/{projectId}~nope~r1s1/decision", new { decision = "approve" });
        var anonymous = await app.App.Client.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "approve" });

        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notApprover.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
