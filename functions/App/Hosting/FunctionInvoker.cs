using System.Diagnostics;
using System.Text.Json;
using Delivery.Functions.App.Telemetry;

namespace Delivery.Functions.App.Hosting;

/// <summary>
/// The one invocation path for non-HTTP functions: the host's <c>POST /{FunctionName}</c> and the local trigger
/// runner both come through here, with the same payload shape.
/// </summary>
public sealed class FunctionInvoker(IEnumerable<IFunctionHandler> handlers, ILogger<FunctionInvoker> logger)
{
    private readonly Dictionary<string, IFunctionHandler> _handlers =
        handlers.ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.General);

    public IReadOnlyCollection<string> Names => _handlers.Keys;

    public bool Has(string functionName) => _handlers.ContainsKey(functionName);

    public async Task<InvocationResponse> InvokeAsync(string functionName, InvocationRequest request, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(functionName, out var handler))
        {
            throw new KeyNotFoundException($"No function named {functionName}.");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["FunctionName"] = handler.Name });
        using var span = DeliveryTelemetry.ActivitySource.StartActivity($"function {handler.Name}", ActivityKind.Consumer);
        span?.SetTag(DeliveryTelemetry.FunctionAttribute, handler.Name);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var response = await handler.InvokeAsync(request, cancellationToken);
            outcome = "succeeded";
            return response;
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            var tags = new TagList { { DeliveryTelemetry.FunctionAttribute, handler.Name }, { DeliveryTelemetry.OutcomeAttribute, outcome } };
            DeliveryTelemetry.Invocations.Add(1, tags);
            DeliveryTelemetry.InvocationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>Maps <c>POST /{FunctionName}</c>: 200 with Outputs/Logs/ReturnValue, 404 for an unknown name, 500 when the function fails.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/{functionName}", async (string functionName, HttpContext http, FunctionInvoker invoker) =>
        {
            // Only the Functions host (same machine) invokes functions; nothing outside may reach this route.
            if (http.Connection.RemoteIpAddress is { } remote && !System.Net.IPAddress.IsLoopback(remote))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Functions are invoked by the Functions host only.");
            }

            if (!invoker.Has(functionName))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No function named {functionName}.");
            }

            InvocationRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Request.Body, JsonOptions, http.RequestAborted);
            }
            catch (JsonException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The invocation payload is not valid JSON.");
            }

            try
            {
                var response = await invoker.InvokeAsync(functionName, request ?? new InvocationRequest(), http.RequestAborted);
                return Results.Json(response, JsonOptions);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                invoker.LogFailure(functionName, ex);
                var failed = new InvocationResponse { Logs = [$"{functionName} failed: {ex.GetType().Name}"] };
                return Results.Json(failed, JsonOptions, statusCode: StatusCodes.Status500InternalServerError);
            }
        }).AllowAnonymous().ExcludeFromDescription();

    private void LogFailure(string functionName, Exception ex) => logger.LogError(ex, "Function {FunctionName} failed", functionName);
}
