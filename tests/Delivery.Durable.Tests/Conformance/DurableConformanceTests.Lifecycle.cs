namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Terminate_ends_a_running_instance_with_the_given_output()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Waiter", ctx => ctx.WaitForExternalEvent<string>("Never")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.TerminateInstanceAsync(id, "stopped by test");
        var result = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("stopped by test", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Suspended_instance_holds_its_events_until_resumed()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Waiter", ctx => ctx.WaitForExternalEvent<string>("Go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.SuspendInstanceAsync(id, "pause");
        await WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        await host.Client.RaiseEventAsync(id, "Go", "went");
        await WaitUntilAsync(async () => (await BackendOf(host).Instances.GetAsync(id))!.PendingEvents.Count == 1, "the event is held");
        var whileSuspended = (await host.Client.GetInstanceAsync(id))!.RuntimeStatus;
        await host.Client.ResumeInstanceAsync(id, "carry on");
        var result = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended);
        Assert.Equal("went", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_deletes_finished_instances_and_leaves_running_ones()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("done"))
            .AddOrchestratorFunc<string>("Waiter", ctx => ctx.WaitForExternalEvent<string>("Never")));
        var done = await RunAsync(host, "Quick");
        var other = await RunAsync(host, "Quick");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.WaitForInstanceStartAsync(running);

        var single = await host.Client.PurgeInstanceAsync(done.InstanceId);
        var runningPurge = await host.Client.PurgeInstanceAsync(running);
        var all = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(1, single.PurgedInstanceCount);
        Assert.Equal(0, runningPurge.PurgedInstanceCount);
        Assert.True(all.PurgedInstanceCount >= 1);
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId));
        Assert.Null(await host.Client.GetInstanceAsync(other.InstanceId));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Eternal_orchestration_continues_as_new_1000_times_with_bounded_history()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
        {
            if (n >= 1000)
            {
                return n + await ctx.WaitForExternalEvent<int>("Carried");
            }

            ctx.ContinueAsNew(n + 1);
            return 0;
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await host.Client.RaiseEventAsync(id, "Carried", 5);

        var result = await CompletionAsync(host, id);

        Assert.Equal(1005, result.ReadOutputAs<int>());
        var record = await BackendOf(host).Instances.GetAsync(id);
        Assert.InRange(record!.History.Count, 1, 10);
    }

    [Fact]
    public async Task Versions_are_picked_at_start_and_ContinueAsNew_can_move_to_a_new_one()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Flow", "1", (ctx, input) =>
            {
                if (input == "upgrade")
                {
                    ctx.ContinueAsNew(new ContinueAsNewOptions { NewVersion = "2" }, "upgraded");
                }

                return Task.FromResult($"v1:{ctx.Version}:{input}");
            })
            .AddOrchestratorFunc<string, string>("Flow", "2", (ctx, input) => Task.FromResult($"v2:{ctx.Version}:{input}")));

        var one = await RunAsync(host, "Flow", "a", new StartOrchestrationOptions { Version = "1" });
        var latest = await RunAsync(host, "Flow", "b");
        var moved = await RunAsync(host, "Flow", "upgrade", new StartOrchestrationOptions { Version = "1" });

        Assert.Equal("v1:1:a", one.ReadOutputAs<string>());
        Assert.Equal("v2:2:b", latest.ReadOutputAs<string>());
        Assert.Equal("v2:2:upgraded", moved.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Replay_that_diverges_from_history_fails_the_instance_naming_the_step()
    {
        var useNewCode = false;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string>("Old", _ => "old")
            .AddActivityFunc<string>("New", _ => "new")
            .AddOrchestratorFunc<string>("Changing", async ctx =>
            {
                var first = await ctx.CallActivityAsync<string>(Volatile.Read(ref useNewCode) ? "New" : "Old");
                return first + await ctx.WaitForExternalEvent<string>("Go");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await WaitForHistoryAsync(host, id, "TaskCompleted");

        Volatile.Write(ref useNewCode, true);
        await host.Client.RaiseEventAsync(id, "Go", "!");
        var result = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("step #0", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'Old'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'New'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_status_and_replay_safe_values_are_visible_to_the_client()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc("Noop", (TaskActivityContext _) => Task.CompletedTask)
            .AddOrchestratorFunc<Guid[]>("Status", async ctx =>
            {
                var before = ctx.NewGuid();
                ctx.SetCustomStatus(new { Stage = "waiting" });
                await ctx.CallActivityAsync("Noop");
                return [before, ctx.NewGuid()];
            }));

        var result = await RunAsync(host, "Status");

        Assert.Equal("waiting", result.ReadCustomStatusAs<System.Text.Json.JsonElement>().GetProperty("stage").GetString());
        var guids = result.ReadOutputAs<Guid[]>()!;
        Assert.NotEqual(guids[0], guids[1]);
        Assert.DoesNotContain(Guid.Empty, guids);
    }
}
