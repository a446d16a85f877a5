using Delivery.Functions.App.Http;
using Delivery.Functions.App.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.DevSignIn;

/// <summary>
/// The <c>DevSignIn</c> function: <c>GET</c> and <c>POST /api/dev/sign-in</c> (see <see cref="DevSignInEndpoint"/>).
/// A function is declared whatever the settings say, so with dev sign-in off it answers 404 as if it were not there.
/// </summary>
public sealed class DevSignInFunction(IOptions<AuthSettings> auth)
{
    public const string Name = nameof(DevSignIn);

    [Function(Name)]
    [AllowAnonymous]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "dev/sign-in")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!auth.Value.DevSignIn)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Not found", "Dev sign-in is off.");
        }

        return HttpMethods.IsPost(req.Method)
            ? await DevSignInEndpoint.SignIn(req.HttpContext)
            : await DevSignInEndpoint.PageAsync(req.HttpContext, new DevSignInModel(LocalUrl.OrDefault(req.Query["returnUrl"].FirstOrDefault(), string.Empty)));
    }
}
