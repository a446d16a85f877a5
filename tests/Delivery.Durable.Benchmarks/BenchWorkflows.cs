using System.Globalization;

namespace Delivery.Durable.Benchmarks;

/// <summary>
/// The benchmark's workflows: the reference workflow of the fault-injection suite (two chained activities, a
/// fan-out of three, a durable timer, an external event, a sub-orchestration with one activity) and a plain chain.
/// </summary>
internal static class BenchWorkflows
{
    public const string Reference = "BenchReference";
    public const string Child = "BenchChild";
    public const string Chain = "BenchChain";
    public const string Activity = "BenchActivity";
    public const string ApprovalEvent = "Approval";

    /// <summary>Activities in one reference orchestration (its child's included).</summary>
    public const int ReferenceActivities = 6;

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<ReferenceInput, string>(Reference, async (context, input) =>
        {
            var chained = await context.CallActivityAsync<string>(Activity, input.Seed + "-1");
            chained = await context.CallActivityAsync<string>(Activity, chained + "-2");
            var fan = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
                context.CallActivityAsync<string>(Activity, "f" + i.ToString(CultureInfo.InvariantCulture))));
            await context.CreateTimer(TimeSpan.FromMilliseconds(input.TimerMilliseconds), CancellationToken.None);
            var approval = await context.WaitForExternalEvent<string>(ApprovalEvent);
            var child = await context.CallSubOrchestratorAsync<string>(
                Child, input.Seed, new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" });
            return $"{chained}|{string.Join('+', fan)}|{approval}|{child}";
        });
        registry.AddOrchestratorFunc<string, string>(Child, (context, seed) => context.CallActivityAsync<string>(Activity, seed + "-c"));
        registry.AddOrchestratorFunc<int, int>(Chain, async (context, length) =>
        {
            for (var i = 0; i < length; i++)
            {
                await context.CallActivityAsync<string>(Activity, "x");
            }

            return length;
        });
        registry.AddActivityFunc<string, string>(Activity, (_, value) => value.ToUpperInvariant());
    }
}

/// <summary>Input of the reference workflow.</summary>
internal sealed record ReferenceInput(string Seed, int TimerMilliseconds);
