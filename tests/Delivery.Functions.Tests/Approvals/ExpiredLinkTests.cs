using System.Net;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>
/// A decision link stops working after <c>Approvals__LinkLifetime</c>, on the page and on the form. An app of its
/// own: moving its clock on 15 days would expire every other test's links too.
/// </summary>
public sealed class ExpiredLinkTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Expired_link_is_410_on_the_page_and_the_form_and_decides_nothing()
    {
        // Arrange: Lee opens the page while the link is fresh, so he holds a valid anti-forgery token.
        var (projectId, link) = await app.PendingForLeeAsync();
        using var lee = app.As("line-lee");
        var (_, _, antiforgery) = await ApprovalApp.OpenAsync(lee, link);

        // Act
        app.Clock.Advance(TimeSpan.FromDays(15));
        var page = await lee.GetAsync(link);
        var post = await lee.PostAsync(link, ApprovalApp.Form(antiforgery, "approve"));

        // Assert
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Equal("Approval", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
    }
}
