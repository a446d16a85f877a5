using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Assets;

/// <summary>The <c>Assets</c> function: <c>GET /api/assets/{*path}</c>, GOV.UK Frontend's files, open to all (see <see cref="AssetsEndpoint"/>).</summary>
public sealed class AssetsFunction
{
    public const string Name = nameof(Assets);

    [Function(Name)]
    [AllowAnonymous]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{*path}")] HttpRequest req, string? path)
    {
        ArgumentNullException.ThrowIfNull(req);
        return AssetsEndpoint.Handle(path, req.HttpContext.Response);
    }
}
