namespace Delivery.Durable.Tests.Conformance;

public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Activity_chain_passes_each_output_to_the_next_step()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Append", (_, s) => s + "!")
            .AddOrchestratorFunc<string, string>("Chain", async (ctx, input) =>
            {
                var value = input;
                for (var i = 0; i < 5; i++)
                {
                    value = await ctx.CallActivityAsync<string>("Append", value);
                }

                return value;
            }));

        var result = await RunAsync(host, "Chain", "go");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("go!!!!!", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Fan_out_of_100_activities_fans_in_every_result()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Square", (_, n) => n * n)
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, count) =>
            {
                var tasks = Enumerable.Range(1, count).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum(x => (long)x);
            }));

        var result = await RunAsync(host, "FanOut", 100);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 100).Sum(i => (long)i * i), result.ReadOutputAs<long>());
    }

    [Fact]
    public async Task Sub_orchestration_returns_its_output_and_knows_its_parent()
    {
        var childId = NewId("child");
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Child", (ctx, n) => Task.FromResult($"{ctx.Parent?.Name}/{ctx.Parent?.InstanceId}:{n * 2}"))
            .AddOrchestratorFunc<int, string[]>("Parent", async (ctx, n) =>
            {
                var named = ctx.CallSubOrchestratorAsync<string>("Child", n, new SubOrchestrationOptions(instanceId: childId));
                var generated = ctx.CallSubOrchestratorAsync<string>("Child", n + 1);
                return await Task.WhenAll(named, generated);
            }));
        var parentId = NewId("parent");

        var result = await RunAsync(host, "Parent", 10, new StartOrchestrationOptions(parentId));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal([$"Parent/{parentId}:20", $"Parent/{parentId}:22"], result.ReadOutputAs<string[]>()!);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(childId))!.RuntimeStatus);
    }

    [Fact]
    public async Task Failed_sub_orchestration_surfaces_as_TaskFailedException_with_the_cause()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc("Broken", (TaskOrchestrationContext _) => Task.FromException(new InvalidOperationException("child broke")))
            .AddOrchestratorFunc<string>("Parent", async ctx =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync("Broken");
                    return "no error";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}";
                }
            }));

        var result = await RunAsync(host, "Parent");

        Assert.Equal("Broken|System.InvalidOperationException|child broke", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TaskFailedException_carries_error_type_message_and_inner_failure()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc("Fail", (TaskActivityContext _) => Task.FromException(new InvalidOperationException("outer", new FormatException("inner"))))
            .AddOrchestratorFunc("Caller", ctx => ctx.CallActivityAsync("Fail")));

        var result = await RunAsync(host, "Caller");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = result.FailureDetails!;
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("Fail", failure.ErrorMessage, StringComparison.Ordinal);
        var activityFailure = failure.InnerFailure!;
        Assert.Equal("System.InvalidOperationException", activityFailure.ErrorType);
        Assert.Equal("outer", activityFailure.ErrorMessage);
        Assert.Equal("System.FormatException", activityFailure.InnerFailure!.ErrorType);
        Assert.Equal("inner", activityFailure.InnerFailure.ErrorMessage);
        Assert.True(activityFailure.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public async Task Retry_policy_backs_off_with_durable_timers_until_the_activity_succeeds()
    {
        var attempts = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int>("Flaky", _ => Interlocked.Increment(ref attempts) < 3 ? throw new TimeoutException("busy") : attempts)
            .AddOrchestratorFunc<int>("Retrying", ctx => ctx.CallActivityAsync<int>(
                "Flaky", options: TaskOptions.FromRetryPolicy(new RetryPolicy(5, ShortDelay, backoffCoefficient: 2)))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying");

        await WaitForHistoryAsync(host, id, "TimerCreated", 1);
        await AdvanceAsync(ShortDelay);
        await WaitForHistoryAsync(host, id, "TimerCreated", 2);
        await AdvanceAsync(ShortDelay * 2);
        var result = await CompletionAsync(host, id);

        Assert.Equal(3, result.ReadOutputAs<int>());
        var timers = (await host.Client.GetOrchestrationHistoryAsync(id)).Where(e => e.EventType == "TimerCreated").ToList();
        Assert.Equal(ShortDelay * 2, (timers[1].FireAt - timers[1].Timestamp)!.Value);
    }

    [Fact]
    public async Task Retry_policy_Handle_stops_retrying_failures_it_does_not_handle()
    {
        var attempts = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc("Bad", (TaskActivityContext _) =>
            {
                Interlocked.Increment(ref attempts);
                return Task.FromException(new ArgumentException("bad input"));
            })
            .AddOrchestratorFunc("Retrying", ctx => ctx.CallActivityAsync("Bad", options: TaskOptions.FromRetryPolicy(
                new RetryPolicy(5, TimeSpan.FromSeconds(1)) { Handle = ex => ex is TaskFailedException f && !f.FailureDetails.IsCausedBy<ArgumentException>() }))));

        var result = await RunAsync(host, "Retrying");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Payloads_of_100_KB_and_2_MB_round_trip_through_input_activity_and_output()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Echo", (_, s) => s)
            .AddOrchestratorFunc<string, string>("Big", (ctx, s) => ctx.CallActivityAsync<string>("Echo", s)));
        var small = new string('a', 100 * 1024);
        var large = string.Concat(Enumerable.Repeat("0123456789abcdef", 2 * 1024 * 1024 / 16));

        var first = await RunAsync(host, "Big", small);
        var second = await RunAsync(host, "Big", large);

        Assert.Equal(small, first.ReadOutputAs<string>());
        Assert.Equal(large, second.ReadOutputAs<string>());
    }
}
