using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Tests.DurableEngine;

/// <summary>The Durable Task behaviours the workflows rely on, run by the real SDK on DurableTask.AzureStorage (Azurite).</summary>
public sealed class DurableEngineScenarioTests(DurableEngineFixture fixture) : IClassFixture<DurableEngineFixture>
{
    private DurableTaskClient Client => fixture.Host.Client;

    [Fact]
    public async Task An_event_raised_before_the_orchestration_waits_for_it_is_buffered_and_delivered()
    {
        var instanceId = NewInstanceId();
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(BufferedEventOrchestrator), "input", new StartOrchestrationOptions { InstanceId = instanceId });

        // The activity is held, so the orchestration cannot have reached its wait yet.
        await Client.RaiseEventAsync(instanceId, DurableTestTasks.PayloadEvent, "early payload");
        fixture.Gate.Open(instanceId);
        var result = await fixture.Host.WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("early payload", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_that_beats_a_durable_timer_wins_and_the_timer_is_cancelled()
    {
        var instanceId = NewInstanceId();
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TimerOrEventOrchestrator), 30, new StartOrchestrationOptions { InstanceId = instanceId });
        await fixture.Host.WaitForRunningAsync(instanceId);

        await Client.RaiseEventAsync(instanceId, DurableTestTasks.ApproveEvent, "sponsor");

        // Completing well inside the 30-minute timer proves the orchestration did not wait for it.
        var result = await fixture.Host.WaitForCompletionAsync(instanceId, TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("approved by sponsor; timer cancelled: True", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Sub_orchestrations_started_with_chosen_instance_ids_can_be_queried_by_those_ids()
    {
        var parentId = NewInstanceId();
        string[] childIds = [$"{parentId}-child-a", $"{parentId}-child-b"];
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ParentOrchestrator), childIds, new StartOrchestrationOptions { InstanceId = parentId });

        var parent = await fixture.Host.WaitForCompletionAsync(parentId);
        var children = await Task.WhenAll(childIds.Select(id => Client.GetInstanceAsync(id, getInputsAndOutputs: true)));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, parent.RuntimeStatus);
        Assert.Equal(childIds.Select(id => $"child {id} of {parentId}"), parent.ReadOutputAs<string[]>());
        Assert.All(children, child =>
        {
            Assert.NotNull(child);
            Assert.Equal(nameof(ChildOrchestrator), child.Name);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        });
        Assert.Equal(childIds, children.Select(child => child!.InstanceId));
    }

    [Fact]
    public async Task Continue_as_new_carries_state_into_the_next_generation()
    {
        var instanceId = NewInstanceId();
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(GenerationsOrchestrator), new Generations(0, 0, Last: 3), new StartOrchestrationOptions { InstanceId = instanceId });

        var result = await fixture.Host.WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(instanceId, result.InstanceId);
        Assert.Equal(new Generations(3, 0 + 1 + 2 + 3, 3), result.ReadOutputAs<Generations>());
    }

    [Fact]
    public async Task An_activity_that_throws_reaches_the_orchestration_as_a_task_failed_exception_with_its_error_type_and_message()
    {
        var instanceId = NewInstanceId();
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CatchingActivityFailureOrchestrator), "P-1", new StartOrchestrationOptions { InstanceId = instanceId });

        var result = await fixture.Host.WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(
            $"{nameof(ThrowingActivity)}|{typeof(InvalidOperationException).FullName}|Project P-1 has no sponsor",
            result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_failed_orchestration_reports_Failed_with_the_activity_error_in_its_output_and_no_failure_details()
    {
        var instanceId = NewInstanceId();
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(FailingOrchestrator), "P-2", new StartOrchestrationOptions { InstanceId = instanceId });

        var result = await fixture.Host.WaitForCompletionAsync(instanceId);

        // DurableTask.AzureStorage keeps only FailureDetails.ToString() (in the instance's output column) and hands the
        // client no FailureDetails: code that reports failures must read the output on this backend.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Null(result.FailureDetails);
        Assert.Equal(
            $"Task '{nameof(ThrowingActivity)}' (#0) failed with an unhandled exception: Project P-2 has no sponsor",
            result.SerializedOutput);
    }

    [Fact]
    public async Task A_retry_policy_retries_a_failing_activity_until_it_succeeds()
    {
        var instanceId = NewInstanceId();
        var request = new FlakyRequest(instanceId, SucceedOnAttempt: 3);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RetryingOrchestrator), request, new StartOrchestrationOptions { InstanceId = instanceId });

        var result = await fixture.Host.WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Equal(3, fixture.Attempts.Count(instanceId));
    }

    private static string NewInstanceId() => $"engine-{Guid.NewGuid():N}";
}
