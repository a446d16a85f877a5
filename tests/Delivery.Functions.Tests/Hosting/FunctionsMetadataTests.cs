using System.Text.Json;
using Delivery.Functions.App.Standalone;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Delivery.Functions.Tests.Hosting;

/// <summary>
/// Standalone serves exactly what the Worker SDK's functions.metadata declares, which is what the Functions host
/// serves: the same names, HTTP routes and methods, timer schedules and queues, compared both ways.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FunctionsMetadataTests(AppFixture fixture)
{
    private static readonly Lazy<List<JsonElement>> Metadata = new(() =>
        JsonDocument.Parse(File.ReadAllText(Repository.FunctionsMetadata())).RootElement.EnumerateArray().ToList());

    private FunctionIndex Index => fixture.App.Services.GetRequiredService<FunctionIndex>();

    [Fact]
    public void Standalone_serves_every_function_in_functions_metadata_and_no_other()
    {
        var declared = Metadata.Value.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(declared, Index.Functions.Select(f => f.Name));
        Assert.Contains(Index.Functions, f => f.Timer is not null);
        Assert.Contains(Index.Functions, f => f.Http is not null);
    }

    [Fact]
    public void Http_routes_and_methods_mapped_standalone_are_those_functions_metadata_declares_under_the_route_prefix()
    {
        var declared = Metadata.Value.Select(f => Trigger(f, "httpTrigger")).OfType<JsonElement>()
            .SelectMany(t => t.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} /api/{t.GetProperty("route").GetString()}"))
            .Order(StringComparer.Ordinal);
        var mapped = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, mapped);
    }

    [Fact]
    public void Timer_schedules_and_queue_names_standalone_are_those_functions_metadata_declares()
    {
        var declared = Metadata.Value
            .SelectMany(f => new[] { Describe(f, "timerTrigger", "schedule"), Describe(f, "queueTrigger", "queueName") })
            .OfType<string>()
            .Order(StringComparer.Ordinal);
        var served = Index.Timers.Select(f => $"{f.Name} timer {f.Timer!.Schedule}")
            .Concat(Index.Queues.Select(f => $"{f.Name} queue {f.Queue!.QueueName} {f.Queue.Connection}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, served);
    }

    [Fact]
    public void Every_timer_schedule_parses_as_six_fields_as_the_host_reads_it()
    {
        foreach (var timer in Index.Timers)
        {
            var schedule = TimerTriggerRunner.ParseSchedule(timer.Timer!.Schedule, fixture.App.Services.GetRequiredService<IConfiguration>());

            Assert.True(schedule.GetNextOccurrence(DateTime.UtcNow) > DateTime.UtcNow);
        }
    }

    [Fact]
    public void Host_json_is_an_isolated_apps_with_the_api_prefix_and_base64_queue_messages()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root(), "host.json")));

        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("base64", host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
        Assert.Equal(new HostJson("api", 5, "base64"), fixture.App.Services.GetRequiredService<HostJson>());
    }

    private static JsonElement? Trigger(JsonElement function, string type) =>
        function.GetProperty("bindings").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString()!.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(b => (JsonElement?)b)
            .FirstOrDefault();

    private static string? Describe(JsonElement function, string type, string property) =>
        Trigger(function, type) is { } trigger
            ? $"{function.GetProperty("name").GetString()} {(type == "timerTrigger" ? "timer" : "queue")} {trigger.GetProperty(property).GetString()}"
              + (type == "queueTrigger" ? $" {trigger.GetProperty("connection").GetString()}" : string.Empty)
            : null;
}
