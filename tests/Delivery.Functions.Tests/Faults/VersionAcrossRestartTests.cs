using System.Net;
using DurableTask.Core;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.Tests.Faults;

/// <summary>
/// A lifecycle started while the app ran version 1 keeps version 1 (and its path: no receipt from the lifecycle)
/// after the app restarts on the same task hub as version 2, while a lifecycle started after the restart is version 2.
/// </summary>
public sealed class VersionAcrossRestartTests : IAsyncLifetime
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly string _database = "test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _taskHub = TestSettings.NewTaskHub();
    private readonly MaildevInbox _inbox = new();
    private readonly List<RunningApp> _apps = [];

    private string EmailOf(string approverId) => $"{approverId}.{_tag}@example.gov.uk";

    [Fact]
    public async Task A_lifecycle_started_on_version_1_finishes_on_version_1_after_a_restart_on_version_2_while_a_new_one_starts_on_version_2()
    {
        // Arrange: version 1 starts the first lifecycle, which waits for its business case; the app stops, the hub stays.
        var oldRequest = new ProjectRequestBuilder().With("estimatedCost.capital", 9_000).With("estimatedCost.revenue", 0);
        var newRequest = new ProjectRequestBuilder().With("estimatedCost.capital", 9_000).With("estimatedCost.revenue", 0);
        var v1 = await StartAsync(defaultVersion: "1");
        var api = new DeliveryApi(v1.BaseAddress);
        var oldProject = await api.SubmitProjectAsync(oldRequest);
        await api.WaitForStageAsync(oldProject, "BusinessCase", TimeSpan.FromSeconds(60));
        _apps.Remove(v1);
        await v1.DisposeAsync(deleteTaskHub: false);

        // Act: version 2 on the same hub and database starts the second; both go through Lee's approval. The first
        // lifecycle's partition may stay leased to the stopped app until its lease expires, so its steps get longer.
        var v2 = await StartAsync(defaultVersion: "2");
        api = new DeliveryApi(v2.BaseAddress);
        var newProject = await api.SubmitProjectAsync(newRequest);
        await api.WaitForStageAsync(newProject, "BusinessCase", TimeSpan.FromSeconds(60));
        foreach (var project in new[] { oldProject, newProject })
        {
            await api.SubmitCaseAsync(project, 9_000m);
            await api.ApproveAsync("line-lee", await DeliveryApi.StepIdFromEmailAsync(_inbox, EmailOf("line-lee"), project, TimeSpan.FromSeconds(150)));
        }

        await api.WaitForStageAsync(oldProject, "Initiation", TimeSpan.FromSeconds(150));
        await api.WaitForStageAsync(newProject, "Initiation", TimeSpan.FromSeconds(60));
        var hub = new TaskHubStore(_taskHub);
        var oldLifecycle = await hub.WaitForStatusAsync(LifecycleEvents.InstanceIdFor(oldProject), OrchestrationStatus.Completed, TimeSpan.FromSeconds(60));
        var newLifecycle = await hub.WaitForStatusAsync(LifecycleEvents.InstanceIdFor(newProject), OrchestrationStatus.Completed, TimeSpan.FromSeconds(60));

        // Assert: each instance kept the version it started on and took its path. Both have completed, so no receipt
        // is still to come: the old one's requester got none (intake no longer sends it), the new one's exactly one.
        Assert.Equal(LifecycleVersions.ReceiptByIntake, oldLifecycle.Version);
        Assert.Equal(LifecycleVersions.ReceiptByLifecycle, newLifecycle.Version);
        static bool IsReceipt(ReceivedEmail e) => e.Subject.StartsWith("Project request received", StringComparison.Ordinal);
        static bool IsApproved(ReceivedEmail e) => e.Subject.StartsWith("Project approved", StringComparison.Ordinal);
        var oldEmails = await _inbox.WaitForAsync(oldRequest.Requester, IsApproved);
        var newEmails = await _inbox.WaitForAsync(newRequest.Requester, IsApproved);
        Assert.DoesNotContain(oldEmails, IsReceipt);
        Assert.Single(oldEmails, IsApproved);
        Assert.Single(newEmails, IsReceipt);
        Assert.Single(newEmails, IsApproved);
        Assert.Equal(HttpStatusCode.NotFound, await ReceiptRecordAsync(v2, oldProject, oldRequest.Requester.Address));
        Assert.Equal(HttpStatusCode.OK, await ReceiptRecordAsync(v2, newProject, newRequest.Requester.Address));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Stop whatever app is left (also after a failure), then remove the hub and the database.
        foreach (var app in _apps)
        {
            await app.DisposeAsync(deleteTaskHub: false);
        }

        await new TaskHubStore(_taskHub).DeleteAsync();
        await TestDatabase.DeleteAsync(_database);
        _inbox.Dispose();
    }

    /// <summary>Whether the outbox holds the receipt's once-only record (OK) or never claimed it (NotFound).</summary>
    private static async Task<HttpStatusCode> ReceiptRecordAsync(RunningApp app, string projectId, string requesterEmail)
    {
        var container = app.Services.GetRequiredService<Database>().GetContainer(DataContainers.Projects);
        var id = EmailOutbox.RecordId($"{projectId}:{ReceiptEmail.Category}:{requesterEmail}");
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(projectId));
        return response.StatusCode;
    }

    private async Task<RunningApp> StartAsync(string defaultVersion)
    {
        var settings = TestSettings.Local(_database);
        settings[TestSettings.TaskHubSetting] = _taskHub;
        settings["AzureFunctionsJobHost:extensions:durableTask:defaultVersion"] = defaultVersion;

        // Stopping version 1 cancels the work item it is running (the SDK worker cancels its completion call), and that
        // message comes back only after the control queue's visibility timeout, 5 minutes by default: seen to hold the
        // first lifecycle's approval request past the wait below in 3 runs of 4. Shorter here, as for a killed process.
        settings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:20";
        settings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:20";
        for (var i = 0; i < ApprovalApp.Approvers.Length; i++)
        {
            settings[$"Approvals:People:{i}:Email"] = EmailOf(ApprovalApp.Approvers[i]);
        }

        var app = await RunningApp.StartAsync(settings);
        _apps.Add(app);
        return app;
    }
}
