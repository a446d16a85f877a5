using System.Net;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>
/// The README's journey in standalone mode: the app's own HTTP functions, the orchestrations on the Durable Task SDK
/// over DurableTask.AzureStorage on Azurite, data in the local Cosmos server, emails in maildev.
/// </summary>
public sealed class StandaloneJourneyTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Request_to_Initiation_through_a_two_round_approval_sends_each_requester_email_once()
    {
        // Arrange
        var (projectId, request) = await app.NewProjectAsync(60_000m);
        Assert.Equal(HttpStatusCode.Accepted, (await app.SubmitCaseAsync(projectId, 60_000m)).StatusCode);

        // Act: line manager, then head of service and finance in parallel.
        await DecideAsync("line-lee", projectId);
        await DecideAsync("head-hana", projectId);
        await DecideAsync("fin-farah", projectId);
        await app.StageAsync(projectId, "Initiation");

        // Assert: receipt, two steps passed, approved; once each.
        var emails = await app.Inbox.WaitForAsync(request.Requester, 4);
        Assert.Equal(4, emails.Count);
        Assert.Single(emails, e => e.Subject.StartsWith("Project request received", StringComparison.Ordinal));
        Assert.Single(emails, e => e.Subject.StartsWith("Project approved", StringComparison.Ordinal));
        Assert.Equal(2, emails.Count(e => e.Subject.StartsWith("Approval step passed", StringComparison.Ordinal)));
    }

    private async Task DecideAsync(string approver, string projectId)
    {
        var link = await app.LinkAsync(approver, projectId);
        using var client = app.As(approver);
        var (_, _, antiforgery) = await ApprovalApp.OpenAsync(client, link);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(link, ApprovalApp.Form(antiforgery, "approve"))).StatusCode);
    }
}
