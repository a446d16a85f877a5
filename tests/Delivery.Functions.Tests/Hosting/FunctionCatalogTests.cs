using Delivery.Functions.App.Hosting;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Delivery.Functions.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class FunctionCatalogTests(AppFixture fixture)
{
    private FunctionCatalog Catalog => fixture.App.Services.GetRequiredService<FunctionCatalog>();

    [Fact]
    public void The_catalog_reads_every_function_folder_in_the_repository()
    {
        var repositoryFunctions = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "functions"), "function.json", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p))!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(repositoryFunctions, Catalog.Functions.Select(f => f.Name));
        Assert.Contains(Catalog.Functions, f => f.Trigger.Type == "timerTrigger");
        Assert.Contains(Catalog.Functions, f => f.Trigger.Type == "queueTrigger");
    }

    [Fact]
    public void Every_http_function_json_has_an_endpoint_and_every_api_endpoint_has_a_function_json()
    {
        var declared = Catalog.Functions.Where(f => f.IsHttp)
            .SelectMany(f => f.Trigger.Methods!.Select(m => $"{m.ToUpperInvariant()} /api/{f.Trigger.Route}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var mapped = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(declared, mapped);
    }

    [Fact]
    public void Every_non_http_function_json_has_a_handler_and_every_handler_has_a_function_json()
    {
        var declared = Catalog.Functions.Where(f => !f.IsHttp).Select(f => f.Name).Order(StringComparer.OrdinalIgnoreCase);
        var handlers = fixture.App.Services.GetRequiredService<FunctionInvoker>().Names.Order(StringComparer.OrdinalIgnoreCase);

        Assert.Equal(declared, handlers, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_timer_schedule_parses_as_the_host_would()
    {
        foreach (var timer in Catalog.Functions.Where(f => f.Trigger.Type == "timerTrigger"))
        {
            var schedule = TimerTriggerRunner.ParseSchedule(timer.Trigger.Schedule!, fixture.App.Services.GetRequiredService<IConfiguration>());
            Assert.True(schedule.GetNextOccurrence(DateTime.UtcNow) > DateTime.UtcNow);
        }
    }

    [Fact]
    public void Host_json_names_the_executable_and_forwards_http()
    {
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");

        Assert.Equal("Delivery.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("base64", host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Delivery.Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }
}
