using DurableTask.Core;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.ProjectLifecycle;

namespace Delivery.Functions.Tests.Faults;

/// <summary>
/// The built app as a real process, killed with SIGKILL (kill -9: no graceful stop, its partition leases left to
/// expire) while a project waits for approval, then started again on the same task hub and database.
/// </summary>
public sealed class KilledProcessTests : IAsyncLifetime
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly string _database = "test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _taskHub = TestSettings.NewTaskHub();
    private readonly MaildevInbox _inbox = new();
    private readonly List<AppProcess> _processes = [];

    private string EmailOf(string approverId) => $"{approverId}.{_tag}@example.gov.uk";

    [Fact]
    public async Task A_project_killed_with_its_process_while_waiting_for_approval_reaches_Initiation_after_a_restart_with_each_email_sent_once()
    {
        // Arrange: a small project (one approver, Lee) whose approval request has been emailed, then kill -9.
        var request = new ProjectRequestBuilder().With("estimatedCost.capital", 9_000).With("estimatedCost.revenue", 0);
        var first = await StartAsync("run1");
        var api = new DeliveryApi(first.BaseAddress);
        var projectId = await api.SubmitProjectAsync(request);
        await api.WaitForStageAsync(projectId, "BusinessCase", TimeSpan.FromSeconds(60));
        await api.SubmitCaseAsync(projectId, 9_000m);
        var stepId = await DeliveryApi.StepIdFromEmailAsync(_inbox, EmailOf("line-lee"), projectId, TimeSpan.FromSeconds(60));
        var pid = first.Id;
        await first.KillAsync();
        Assert.True(first.HasExited);
        Assert.False(IsRunning(pid), $"Process {pid} still runs after SIGKILL.");

        // Act: a new process on the same hub and database; Lee approves through the API.
        var second = await StartAsync("run2");
        api = new DeliveryApi(second.BaseAddress);
        await api.ApproveAsync("line-lee", stepId);

        // Bounded by the dead process's leases (LeaseInterval 15 s; a restart under the same worker id, the machine
        // name, takes them back at once) and the queues' visibility timeout (20 s here) for what it had dequeued.
        await api.WaitForStageAsync(projectId, "Initiation", TimeSpan.FromMinutes(2));
        await new TaskHubStore(_taskHub).WaitForStatusAsync(LifecycleEvents.InstanceIdFor(projectId), OrchestrationStatus.Completed, TimeSpan.FromSeconds(60));

        // Assert: the lifecycle has finished (no activity left to send anything), so the inbox is final.
        var requester = await _inbox.WaitForAsync(request.Requester, e => e.Subject.StartsWith("Project approved", StringComparison.Ordinal));
        var lee = await _inbox.ToAsync(EmailOf("line-lee"));
        Assert.Single(requester, e => e.Subject.StartsWith("Project request received", StringComparison.Ordinal));
        Assert.Single(requester, e => e.Subject.StartsWith("Project approved", StringComparison.Ordinal));
        Assert.Single(lee, e => e.Subject.StartsWith("Approval needed", StringComparison.Ordinal));
        var everyEmail = requester.Concat(lee);
        foreach (var approver in ApprovalApp.Approvers.Where(a => a != "line-lee"))
        {
            everyEmail = everyEmail.Concat(await _inbox.ToAsync(EmailOf(approver)));
        }

        var duplicates = everyEmail.GroupBy(e => (To: e.To[0].Address, e.Subject)).Where(g => g.Count() > 1).Select(g => $"{g.Key.To}: {g.Key.Subject} x{g.Count()}");
        Assert.Empty(duplicates);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Kill whatever still runs (also after a failure), then remove the hub and the database.
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await new TaskHubStore(_taskHub).DeleteAsync();
        await TestDatabase.DeleteAsync(_database);
        _inbox.Dispose();
    }

    private async Task<AppProcess> StartAsync(string run)
    {
        var settings = TestSettings.Local(_database);
        settings[TestSettings.TaskHubSetting] = _taskHub;
        settings.Remove("urls");

        // What a killed process had dequeued (an activity it ran but did not record, an event it was processing) is
        // delivered again only after the queue's visibility timeout: 5 minutes by default, seen to stall this journey
        // when the kill fell just after the approval request was sent. Shorter here, so recovery fits the wait below.
        settings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:20";
        settings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:20";
        for (var i = 0; i < ApprovalApp.Approvers.Length; i++)
        {
            settings[$"Approvals:People:{i}:Email"] = EmailOf(ApprovalApp.Approvers[i]);
        }

        var process = await AppProcess.StartAsync(settings, $"{_taskHub}-{run}");
        _processes.Add(process);
        return process;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
