using System.Collections.Concurrent;
using System.Globalization;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>
/// The fault-injection suite's reference workflow: an activity chain, a fan-out, a durable timer, an external event
/// and a sub-orchestration. Every activity applies its effect through <see cref="EffectLedger"/> under an
/// idempotency key made of the instance id and the step, as STYLE.md asks of real activities.</summary>
/// <remarks>Not <c>context.NewGuid()</c>: as in Microsoft.DurableTask it depends on the turn's time, so two attempts
/// of a turn that was never committed draw different guids for the same step.
/// </remarks>
public static class ReferenceWorkflow
{
    public const string Orchestrator = "FaultReference";
    public const string Child = "FaultReferenceChild";
    public const string Activity = "FaultEffect";
    public const string ApprovalEvent = "Approval";

    public static string ExpectedOutput(string seed) =>
        $"chain:{seed}-1-2|fan:f0+f1+f2|event:yes|child:{seed}-c";

    public static void Register(DurableTaskRegistry registry, EffectLedger ledger)
    {
        registry.AddOrchestratorFunc<string, string>(Orchestrator, async (context, seed) =>
        {
            var chained = await context.CallActivityAsync<string>(Activity, Input(context, "chain-1", seed, "-1"));
            chained = await context.CallActivityAsync<string>(Activity, Input(context, "chain-2", chained, "-2"));
            var fan = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
                context.CallActivityAsync<string>(Activity, Input(context, $"fan-{i}", "f", i.ToString(CultureInfo.InvariantCulture)))));
            await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
            var approval = await context.WaitForExternalEvent<string>(ApprovalEvent);
            var child = await context.CallSubOrchestratorAsync<string>(
                Child, seed, new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" });
            return $"chain:{chained}|fan:{string.Join('+', fan)}|event:{approval}|child:{child}";
        });
        registry.AddOrchestratorFunc<string, string>(Child, (context, seed) =>
            context.CallActivityAsync<string>(Activity, Input(context, "child", seed, "-c")));
        registry.AddActivityFunc<EffectInput, string>(Activity, (_, input) =>
        {
            ledger.Apply(input.Key);
            return $"{input.Value}{input.Suffix}";
        });
    }

    /// <summary>The effect keys a run of <paramref name="instanceId"/> must leave, each exactly once.</summary>
    public static IEnumerable<string> ExpectedKeys(string instanceId) =>
        new[] { "chain-1", "chain-2", "fan-0", "fan-1", "fan-2" }.Select(step => $"{instanceId}/{step}").Append($"{instanceId}-child/child");

    private static EffectInput Input(TaskOrchestrationContext context, string step, string value, string suffix) =>
        new($"{context.InstanceId}/{step}", value, suffix);
}

/// <summary>Input of the reference activity: its idempotency key and what it returns.</summary>
public sealed record EffectInput(string Key, string Value, string Suffix);

/// <summary>
/// A shared test store of applied effects: an activity applies its effect only when its key is new (as a real
/// idempotent activity would) and executions are counted apart. A retried activity adds an execution; an extra
/// key means an effect was duplicated (an activity scheduled twice, or a replay that drew another guid).
/// </summary>
public sealed class EffectLedger
{
    private readonly ConcurrentDictionary<string, byte> _effects = new(StringComparer.Ordinal);
    private int _executions;

    public int Executions => Volatile.Read(ref _executions);

    public IReadOnlyCollection<string> Keys => _effects.Keys.ToList();

    public void Apply(string key)
    {
        Interlocked.Increment(ref _executions);
        _effects.TryAdd(key, 0);
    }
}
