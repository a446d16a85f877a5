using System.Net;
using Azure.Storage.Queues;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>The approval app with the durable runtime on its production backend: Cosmos DB and a (prefixed) Storage queue of its own, fed through the DurableWork function.</summary>
public sealed class CosmosApprovalApp : ApprovalApp
{
    protected override bool UsesFakeClock => false;

    protected override void Customise(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Durable:Backend"] = "Cosmos";

        // Work reaches the runtime through the DurableWork queue trigger, fired here by the local trigger runner
        // on this app's own prefixed queues.
        settings["Triggers:RunLocally"] = "true";
        settings["Triggers:MaxPollInterval"] = "00:00:00.100";
    }

    public override async Task DisposeAsync()
    {
        var prefix = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Delivery.Functions.App.Settings.StorageSettings>>().Value.QueuePrefix;
        await base.DisposeAsync();
        await new QueueClient("UseDevelopmentStorage=true", prefix + Delivery.Functions.DurableWork.DurableWorkFunction.QueueName).DeleteIfExistsAsync();
    }
}

public sealed class CosmosBackendJourneyTests(CosmosApprovalApp app) : IClassFixture<CosmosApprovalApp>
{
    [Fact]
    public async Task Request_to_Initiation_with_workflow_state_in_Cosmos_and_work_on_the_Storage_queue()
    {
        // Arrange
        var (projectId, request) = await app.NewProjectAsync(60_000m);
        Assert.Equal(HttpStatusCode.Accepted, (await app.SubmitCaseAsync(projectId, 60_000m)).StatusCode);

        // Act: line manager, then head of service and finance in parallel.
        await DecideAsync("line-lee", projectId);
        await DecideAsync("head-hana", projectId);
        await DecideAsync("fin-farah", projectId);
        await app.StageAsync(projectId, "Initiation");

        // Assert
        var emails = await app.Inbox.WaitForAsync(request.RequesterEmail, 4); // receipt, two steps passed, approved
        Assert.Contains(emails, e => e.Subject.StartsWith("Project approved", StringComparison.Ordinal));
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
