using Delivery.Durable.Backends;

namespace Delivery.Durable.Tests.Cosmos;

/// <summary>Builders for instance records in backend tests.</summary>
public static class InstanceRecords
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static InstanceRecord New(
        string instanceId,
        string name = "Workflow",
        OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Pending,
        string? input = null,
        DateTimeOffset? createdAt = null,
        string? customStatus = null) => new()
        {
            InstanceId = instanceId,
            ExecutionId = "exec-" + instanceId,
            Name = name,
            RuntimeStatus = status,
            CreatedAt = createdAt ?? Created,
            LastUpdatedAt = createdAt ?? Created,
            SerializedInput = input,
            SerializedCustomStatus = customStatus,
        };

    /// <summary>A record with every field set, including parent links, history and pending events.</summary>
    public static InstanceRecord Full(string instanceId)
    {
        var record = New(instanceId, "Approval", OrchestrationRuntimeStatus.Running, "{\"projectId\":\"p-1\"}", customStatus: "\"waiting\"");
        record.Version = "2";
        record.SerializedOutput = "{\"ok\":true}";
        record.SerializedFailureDetails = "{\"ErrorType\":\"X\"}";
        record.ParentInstanceId = "parent";
        record.ParentExecutionId = "parent-exec";
        record.ParentTaskId = 3;
        record.History.Add("{\"kind\":\"ExecutionStarted\"}");
        record.History.Add("{\"kind\":\"TaskScheduled\",\"text\":\"<b>&'é\\\"\"}");
        record.PendingEvents.Add("{\"name\":\"Approved\"}");
        return record;
    }

    /// <summary>A JSON string of about <paramref name="size"/> characters.</summary>
    public static string Json(int size, char fill, int tag = 0) => $"{{\"tag\":{tag},\"data\":\"{new string(fill, size)}\"}}";

    public static void AssertSameContent(InstanceRecord expected, InstanceRecord actual)
    {
        Assert.Equal(expected.InstanceId, actual.InstanceId);
        Assert.Equal(expected.ExecutionId, actual.ExecutionId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.RuntimeStatus, actual.RuntimeStatus);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.LastUpdatedAt, actual.LastUpdatedAt);
        Assert.Equal(expected.SerializedInput, actual.SerializedInput);
        Assert.Equal(expected.SerializedOutput, actual.SerializedOutput);
        Assert.Equal(expected.SerializedCustomStatus, actual.SerializedCustomStatus);
        Assert.Equal(expected.SerializedFailureDetails, actual.SerializedFailureDetails);
        Assert.Equal(expected.ParentInstanceId, actual.ParentInstanceId);
        Assert.Equal(expected.ParentExecutionId, actual.ParentExecutionId);
        Assert.Equal(expected.ParentTaskId, actual.ParentTaskId);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.PendingEvents, actual.PendingEvents);
    }
}
