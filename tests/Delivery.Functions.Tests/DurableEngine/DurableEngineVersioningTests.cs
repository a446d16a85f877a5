using Delivery.Functions.App.Standalone.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Tests.DurableEngine;

/// <summary>Versioning across an engine restart: the one test that needs two engines in turn on one task hub.</summary>
public sealed class DurableEngineVersioningTests
{
    [Fact]
    public async Task An_instance_keeps_its_version_across_a_restart_onto_a_newer_default_version_while_new_instances_take_the_new_one()
    {
        var taskHub = EngineHost.UniqueTaskHubName("EngineVersions");
        var oldInstanceId = $"v1-{Guid.NewGuid():N}";
        var newInstanceId = $"v2-{Guid.NewGuid():N}";
        EngineHost? second = null;
        try
        {
            await using (var first = await EngineHost.StartAsync(Options(taskHub, "1")))
            {
                await first.Client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(VersionReportingOrchestrator), new StartOrchestrationOptions { InstanceId = oldInstanceId });
                await first.WaitForRunningAsync(oldInstanceId);
            }

            second = await EngineHost.StartAsync(Options(taskHub, "2"));
            await second.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(VersionReportingOrchestrator), new StartOrchestrationOptions { InstanceId = newInstanceId });
            await second.Client.RaiseEventAsync(oldInstanceId, DurableTestTasks.GoEvent, "go");
            await second.Client.RaiseEventAsync(newInstanceId, DurableTestTasks.GoEvent, "go");
            var oldResult = await second.WaitForCompletionAsync(oldInstanceId);
            var newResult = await second.WaitForCompletionAsync(newInstanceId);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, oldResult.RuntimeStatus);
            Assert.Equal("1", oldResult.ReadOutputAs<string>());
            Assert.Equal(OrchestrationRuntimeStatus.Completed, newResult.RuntimeStatus);
            Assert.Equal("2", newResult.ReadOutputAs<string>());
        }
        finally
        {
            if (second is not null)
            {
                await second.StopAsync();
                await second.Engine.DeleteTaskHubAsync();
                await second.DisposeAsync();
            }
        }
    }

    private static StandaloneDurableOptions Options(string taskHub, string version) => new()
    {
        TaskHubName = taskHub,
        DefaultVersion = version,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
    };
}
