using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>Every /api route the running app maps, as "METHOD /api/template", for tests that try them all.</summary>
public static partial class ApiRoutes
{
    public static List<string> All(IServiceProvider services) => services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
        .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
        .ToList();

    public static string Method(string route) => route[..route.IndexOf(' ', StringComparison.Ordinal)];

    /// <summary>The route's path with every route value set to <paramref name="id"/>.</summary>
    public static string Path(string route, string id) =>
        RouteValue().Replace(route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..], id);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();
}
