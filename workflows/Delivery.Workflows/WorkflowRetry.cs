using Microsoft.DurableTask;

namespace Delivery.Workflows;

/// <summary>How workflow activities are retried: they touch Cosmos DB and email, which fail now and then.</summary>
public static class WorkflowRetry
{
    public static TaskOptions Activity { get; } =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(5), backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(5)));
}
