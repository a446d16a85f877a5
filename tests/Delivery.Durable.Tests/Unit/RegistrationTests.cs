using Delivery.Durable.Testing;

namespace Delivery.Durable.Tests.Unit;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Attributes_NameAndVersionClassBasedOrchestrators()
    {
        await using var host = await DurableTaskTestHost.StartAsync(r => r.AddOrchestrator<FlowV1>().AddOrchestrator<FlowV2>());

        var v1 = await RunAsync(host, "Flow", new StartOrchestrationOptions { Version = "1" });
        var newest = await RunAsync(host, "Flow", null);

        Assert.Equal("one", v1.ReadOutputAs<string>());
        Assert.Equal("two", newest.ReadOutputAs<string>());
        Assert.Equal("2", newest.Version);
    }

    [Fact]
    public async Task UnknownActivity_FailsTheCallWithActivityTaskNotFound()
    {
        await using var host = await DurableTaskTestHost.StartAsync(r => r.AddOrchestratorFunc<string>("Caller", async ctx =>
        {
            try
            {
                await ctx.CallActivityAsync("Missing");
                return "called";
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.ErrorType;
            }
        }));

        var result = await RunAsync(host, "Caller", null);

        Assert.Equal("ActivityTaskNotFound", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UnknownOrchestrator_FailsTheInstance()
    {
        await using var host = await DurableTaskTestHost.StartAsync(_ => { });

        var result = await RunAsync(host, "Nobody", null);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("No orchestrator named 'Nobody'", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host, string name, StartOrchestrationOptions? options)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(name, null, options);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await host.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);
    }

    [DurableTask("Flow")]
    [DurableTaskVersion("1")]
    private sealed class FlowV1 : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult("one");
    }

    [DurableTask("Flow")]
    [DurableTaskVersion("2")]
    private sealed class FlowV2 : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult("two");
    }
}
