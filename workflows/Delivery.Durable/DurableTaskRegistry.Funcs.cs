namespace Delivery.Durable;

/// <summary>The SDK's function-based registrations (including the void-returning ones), plus versioned ones.</summary>
public sealed partial class DurableTaskRegistry
{
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator)
        => AddOrchestrator(name, string.Empty, _ => new FuncOrchestrator<TInput, TOutput>(orchestrator));

    /// <summary>Registers one version of an orchestration (ours; see <see cref="DurableTaskVersionAttribute"/>).</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, string version, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator)
        => AddOrchestrator(name, version, _ => new FuncOrchestrator<TInput, TOutput>(orchestrator));

    public DurableTaskRegistry AddOrchestratorFunc<TInput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task> orchestrator)
        => AddOrchestratorFunc<TInput, object?>(name, async (c, i) =>
        {
            await orchestrator(c, i);
            return null;
        });

    public DurableTaskRegistry AddOrchestratorFunc<TOutput>(TaskName name, Func<TaskOrchestrationContext, Task<TOutput>> orchestrator)
        => AddOrchestratorFunc<object?, TOutput>(name, (c, _) => orchestrator(c));

    public DurableTaskRegistry AddOrchestratorFunc(TaskName name, Func<TaskOrchestrationContext, Task> orchestrator)
        => AddOrchestratorFunc<object?, object?>(name, async (c, _) =>
        {
            await orchestrator(c);
            return null;
        });

    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, TOutput> orchestrator)
        => AddOrchestratorFunc<TInput, TOutput>(name, (c, i) => Task.FromResult(orchestrator(c, i)));

    public DurableTaskRegistry AddOrchestratorFunc<TInput>(TaskName name, Action<TaskOrchestrationContext, TInput> orchestrator)
        => AddOrchestratorFunc<TInput, object?>(name, (c, i) =>
        {
            orchestrator(c, i);
            return Task.FromResult<object?>(null);
        });

    public DurableTaskRegistry AddOrchestratorFunc<TOutput>(TaskName name, Func<TaskOrchestrationContext, TOutput> orchestrator)
        => AddOrchestratorFunc<object?, TOutput>(name, (c, _) => Task.FromResult(orchestrator(c)));

    public DurableTaskRegistry AddOrchestratorFunc(TaskName name, Action<TaskOrchestrationContext> orchestrator)
        => AddOrchestratorFunc<object?, object?>(name, (c, _) =>
        {
            orchestrator(c);
            return Task.FromResult<object?>(null);
        });

    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> activity)
        => AddActivity(name, _ => new FuncActivity<TInput, TOutput>(activity));

    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Func<TaskActivityContext, TInput, Task> activity)
        => AddActivityFunc<TInput, object?>(name, async (c, i) =>
        {
            await activity(c, i);
            return null;
        });

    public DurableTaskRegistry AddActivityFunc<TOutput>(TaskName name, Func<TaskActivityContext, Task<TOutput>> activity)
        => AddActivityFunc<object?, TOutput>(name, (c, _) => activity(c));

    public DurableTaskRegistry AddActivityFunc(TaskName name, Func<TaskActivityContext, Task> activity)
        => AddActivityFunc<object?, object?>(name, async (c, _) =>
        {
            await activity(c);
            return null;
        });

    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> activity)
        => AddActivityFunc<TInput, TOutput>(name, (c, i) => Task.FromResult(activity(c, i)));

    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Action<TaskActivityContext, TInput> activity)
        => AddActivityFunc<TInput, object?>(name, (c, i) =>
        {
            activity(c, i);
            return Task.FromResult<object?>(null);
        });

    public DurableTaskRegistry AddActivityFunc<TOutput>(TaskName name, Func<TaskActivityContext, TOutput> activity)
        => AddActivityFunc<object?, TOutput>(name, (c, _) => Task.FromResult(activity(c)));

    public DurableTaskRegistry AddActivityFunc(TaskName name, Action<TaskActivityContext> activity)
        => AddActivityFunc<object?, object?>(name, (c, _) =>
        {
            activity(c);
            return Task.FromResult<object?>(null);
        });

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }
}
