using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>Decision links are single-use, expiring, bound to step and approver; the form needs its anti-forgery token.</summary>
public sealed class TokenAbuseTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private Task<(string ProjectId, string Link)> PendingAsync() => app.PendingForLeeAsync();

    [Fact]
    public async Task Post_without_the_antiforgery_token_is_400_and_decides_nothing()
    {
        var (projectId, link) = await PendingAsync();
        using var lee = app.As("line-lee");
        await ApprovalApp.OpenAsync(lee, link);

        var response = await lee.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Approval", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Signed_in_as_someone_else_is_403_on_the_page_and_the_form()
    {
        // Arrange: Ben holds a valid anti-forgery pair from a page he may open (a step delegated to him).
        var (projectId, link) = await PendingAsync();
        var (_, bensLink) = await PendingAsync();
        using var lee = app.As("line-lee");
        using var ben = app.As("board-ben");
        var bensStep = bensLink.Split('/')[3].Split('?')[0];
        Assert.Equal(HttpStatusCode.OK, (await lee.PostAsJsonAsync($"/api/approvals/{bensStep}/delegate", new { delegateId = "board-ben" })).StatusCode);
        var (_, _, bensAntiforgery) = await ApprovalApp.OpenAsync(ben, bensLink.Split('?')[0]);

        // Act: he opens and posts Lee's link.
        var page = await ben.GetAsync(link);
        var post = await ben.PostAsync(link, ApprovalApp.Form(bensAntiforgery, "approve"));

        // Assert
        Assert.NotEmpty(bensAntiforgery);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("Approval", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Tampered_token_is_403()
    {
        var (_, link) = await PendingAsync();
        using var lee = app.As("line-lee");
        var at = link.IndexOf("token=", StringComparison.Ordinal) + 6;
        var tampered = link[..at] + (link[at] == 'A' ? 'B' : 'A') + link[(at + 1)..];

        var response = await lee.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Another_approvers_token_does_not_open_this_step()
    {
        // Arrange: Lee's token from the first project used on the second project's step.
        var (_, first) = await PendingAsync();
        var (_, second) = await PendingAsync();
        var token = first[(first.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var otherStep = second[..second.IndexOf('?', StringComparison.Ordinal)];
        using var lee = app.As("line-lee");

        var response = await lee.GetAsync($"{otherStep}?{token}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Another_approvers_own_token_on_this_step_is_403_and_decides_nothing()
    {
        // Arrange: Farah holds a genuine token of her own (a step of another project delegated to her).
        var (projectId, leesLink) = await PendingAsync();
        var (otherProjectId, otherLink) = await PendingAsync();
        using var lee = app.As("line-lee");
        using var farah = app.As("fin-farah");
        var otherStep = otherLink.Split('/')[3].Split('?')[0];
        Assert.Equal(HttpStatusCode.OK, (await lee.PostAsJsonAsync($"/api/approvals/{otherStep}/delegate", new { delegateId = "fin-farah" })).StatusCode);
        var farahsLink = await app.LinkAsync("fin-farah", otherProjectId);
        var (_, _, antiforgery) = await ApprovalApp.OpenAsync(farah, farahsLink);
        var leesStep = leesLink[..leesLink.IndexOf('?', StringComparison.Ordinal)];
        var farahsToken = farahsLink[(farahsLink.IndexOf('?', StringComparison.Ordinal) + 1)..];

        // Act: she puts her own token on Lee's step.
        var page = await farah.GetAsync($"{leesStep}?{farahsToken}");
        var post = await farah.PostAsync($"{leesStep}?{farahsToken}", ApprovalApp.Form(antiforgery, "approve"));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("Approval", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.OK, (await farah.GetAsync(farahsLink)).StatusCode);
    }

    [Fact]
    public async Task Used_link_is_410()
    {
        // Arrange
        var (_, used) = await PendingAsync();
        using var lee = app.As("line-lee");
        var (_, _, antiforgery) = await ApprovalApp.OpenAsync(lee, used);
        Assert.Equal(HttpStatusCode.OK, (await lee.PostAsync(used, ApprovalApp.Form(antiforgery, "approve"))).StatusCode);

        // Act
        var reused = await lee.PostAsync(used, ApprovalApp.Form(antiforgery, "approve"));
        var reopened = await lee.GetAsync(used);

        // Assert
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, reopened.StatusCode);
    }

    [Fact]
    public async Task Get_never_decides_even_when_opened_many_times()
    {
        var (projectId, link) = await PendingAsync();
        using var lee = app.As("line-lee");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await lee.GetAsync(link)).StatusCode);
        }

        using var rita = app.As("rita");
        var audit = await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "Decided");
        Assert.Equal("Approval", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Unsigned_visitor_is_sent_to_sign_in_and_nothing_is_shown()
    {
        var (_, link) = await PendingAsync();
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.App.BaseAddress };

        var response = await anonymous.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/api/dev/sign-in?returnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
