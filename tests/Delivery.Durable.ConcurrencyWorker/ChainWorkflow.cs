using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.ConcurrencyWorker;

/// <summary>The concurrency suite's workflow: three activities in a chain, each recording its effect once per key.</summary>
public static class ChainWorkflow
{
    public const string Orchestrator = "ConcurrencyChain";
    public const string Step = "ConcurrencyStep";
    public const string EffectsContainer = "effects";

    public static void Register(DurableTaskRegistry registry, Container effects)
    {
        registry.AddOrchestratorFunc<int, int>(Orchestrator, async (context, start) =>
        {
            var value = start;
            for (var step = 1; step <= 3; step++)
            {
                value = await context.CallActivityAsync<int>(Step, new StepInput(context.InstanceId, step, value));
            }

            return value;
        });
        registry.AddActivityFunc<StepInput, int>(Step, async (_, input) =>
        {
            await RecordEffectAsync(effects, $"{input.InstanceId}-{input.Step}");
            return input.Value + input.Step;
        });
    }

    /// <summary>Records the effect under its idempotency key; a second execution finds it there (409) and adds nothing.</summary>
    public static async Task RecordEffectAsync(Container effects, string key)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"id\":\"{key}\",\"key\":\"{key}\"}}"));
        using var response = await effects.CreateItemStreamAsync(body, new PartitionKey(key));
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            response.EnsureSuccessStatusCode();
        }
    }
}

/// <summary>Input of one step.</summary>
public sealed record StepInput(string InstanceId, int Step, int Value);
