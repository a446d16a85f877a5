using System.Net;
using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Standalone;
using Delivery.Functions.PurgeHistory;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.ProjectLifecycle;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Durable;

/// <summary>The nightly purge removes finished orchestrations' history once it is older than the retention, and nothing else.</summary>
[Collection(AppCollection.Name)]
public sealed class PurgeHistoryTests(AppFixture fixture)
{
    private DurableTaskClient Client => fixture.App.Services.GetRequiredService<DurableTaskClient>();

    [Fact]
    public async Task Finished_history_is_kept_within_the_retention_and_purged_after_it_while_running_instances_stay()
    {
        // Arrange: one lifecycle finished (withdrawn), one still waiting for its business case.
        var finished = await NewProjectAsync();
        using (var rita = fixture.App.ClientAs("rita"))
        {
            Assert.Equal(HttpStatusCode.OK, (await rita.PostAsync(new Uri($"/api/projects/{finished}/withdraw", UriKind.Relative), null)).StatusCode);
        }

        await UntilAsync(async () => (await Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(finished)))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        var running = await NewProjectAsync();
        var retention = fixture.App.Services.GetRequiredService<IOptions<DurableSettings>>().Value.HistoryRetention;

        // Act
        var early = await PurgeAsync(DateTimeOffset.UtcNow + retention - TimeSpan.FromDays(1));
        var keptEarly = await Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(finished));
        await PurgeAsync(DateTimeOffset.UtcNow + retention + TimeSpan.FromDays(1));

        // Assert
        Assert.Equal(0, early);
        Assert.NotNull(keptEarly);
        Assert.Null(await Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(finished)));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(running)))?.RuntimeStatus);
    }

    private async Task<int> PurgeAsync(DateTimeOffset now)
    {
        var function = ActivatorUtilities.CreateInstance<PurgeHistoryFunction>(fixture.App.Services, (TimeProvider)new FakeTimeProvider(now));
        return await function.RunAsync(TimerTriggerRunner.BuildTimerInfo(null, now.AddDays(1), now), Client, CancellationToken.None);
    }

    private async Task<string> NewProjectAsync()
    {
        using var rita = fixture.App.ClientAs("rita");
        var response = await rita.PostAsync(new Uri("/api/projects", UriKind.Relative), new ProjectRequestBuilder().ToJsonContent());
        var projectId = response.Headers.Location!.ToString().Split('/')[^1];
        await UntilAsync(async () => (await Client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(projectId)))?.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        return projectId;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The lifecycle did not get there in time.");
            await Task.Delay(100);
        }
    }
}
