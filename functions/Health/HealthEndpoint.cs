using System.Diagnostics;
using Azure.Storage.Blobs;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Health;

/// <summary><c>GET /api/health</c>: each dependency's state; 503 when any is down. Open to all, reveals no secrets.</summary>
public static class HealthEndpoint
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private const string ProbeInstanceId = "health-probe";

    public static async Task<IResult> HandleAsync(
        Database database, BlobServiceClient blobs, DurableTaskClient durable, IEmailSender email, CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            CheckAsync("cosmos", ct => database.ReadAsync(cancellationToken: ct), cancellationToken),
            CheckAsync("blob", ct => blobs.GetBlobContainerClient(BlobContainers.Attachments).GetPropertiesAsync(cancellationToken: ct), cancellationToken),
            // A lookup of an id no instance has: it answers only when the task hub (queues, tables) can be read.
            CheckAsync("durable", ct => durable.GetInstanceAsync(ProbeInstanceId, getInputsAndOutputs: false, ct), cancellationToken),
            CheckAsync("email", email.CheckAsync, cancellationToken));
        var healthy = checks.All(c => c.Status == HealthStatus.Up);
        var report = new HealthReport(healthy ? HealthStatus.Up : HealthStatus.Down, checks.ToDictionary(c => c.Name));
        return TypedResults.Json(report, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<DependencyHealth> CheckAsync(string name, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            await check(timeout.Token);
            return new DependencyHealth(name, HealthStatus.Up, watch.ElapsedMilliseconds, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception type only: messages can carry endpoints or account names.
            return new DependencyHealth(name, HealthStatus.Down, watch.ElapsedMilliseconds, ex is OperationCanceledException ? "timed out" : ex.GetType().Name);
        }
    }
}

/// <summary>The health answer: overall and per dependency.</summary>
public sealed record HealthReport(HealthStatus Status, IReadOnlyDictionary<string, DependencyHealth> Dependencies);

/// <summary>One dependency's state and how long the check took.</summary>
public sealed record DependencyHealth(string Name, HealthStatus Status, long DurationMs, string? Error);

/// <summary>Up or down.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    Up,
    Down,
}
