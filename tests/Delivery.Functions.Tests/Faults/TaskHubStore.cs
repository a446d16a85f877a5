using DurableTask.AzureStorage;
using DurableTask.Core;

namespace Delivery.Functions.Tests.Faults;

/// <summary>
/// A task hub on Azurite read (and finally deleted) straight through DurableTask.AzureStorage, with no engine
/// running: the instance table keeps what the SDK client does not expose (an instance's version), and a test whose
/// app is gone (killed) still has to remove the hub.
/// </summary>
public sealed class TaskHubStore(string taskHubName)
{
    private readonly AzureStorageOrchestrationService _service = new(new AzureStorageOrchestrationServiceSettings
    {
        TaskHubName = taskHubName,
        StorageAccountClientProvider = new StorageAccountClientProvider("UseDevelopmentStorage=true"),

        // TestSettings gives every test hub 2 partitions; deletion removes the control queues this count names.
        PartitionCount = 2,
    });

    public string TaskHubName => taskHubName;

    /// <summary>The instance's latest execution as the instance table holds it, or null if there is none.</summary>
    public async Task<OrchestrationState?> StateAsync(string instanceId) =>
        (await _service.GetOrchestrationStateAsync(instanceId, allExecutions: false)).FirstOrDefault();

    /// <summary>Polls until the instance's runtime status is the one given, or fails when the time is up.</summary>
    public async Task<OrchestrationState> WaitForStatusAsync(string instanceId, OrchestrationStatus status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await StateAsync(instanceId);
            if (state?.OrchestrationStatus == status)
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Instance {instanceId} is {state?.OrchestrationStatus.ToString() ?? "missing"}, not {status}, after {timeout}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Deletes the hub's queues, tables and containers; call only when no engine runs on it.</summary>
    public Task DeleteAsync() => _service.DeleteAsync();
}
