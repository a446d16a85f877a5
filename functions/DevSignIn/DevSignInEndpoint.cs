using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Http;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Projects;
using Microsoft.AspNetCore.Antiforgery;

namespace Delivery.Functions.DevSignIn;

/// <summary>What the dev sign-in page shows: where to go afterwards, and the error when nobody was chosen.</summary>
public sealed record DevSignInModel(string ReturnUrl, string? Error = null);

/// <summary>
/// <c>/api/dev/sign-in</c>, Development only: pick a seeded person and get a cookie that signs you in as them.
/// Answers 404 unless dev sign-in is on, which start-up refuses outside Development.
/// </summary>
public static class DevSignInEndpoint
{
    public static async Task<IResult> SignIn(HttpContext http)
    {
        var (form, bad) = await FormBody.ReadAsync(http.Request, http.RequestServices.GetRequiredService<InputLimits>(), http.RequestAborted);
        if (form is null || bad is not null)
        {
            return Problems.Status(bad!.Status, "The sign-in form could not be read", bad.Message);
        }

        // Without this another site could sign a visitor in as someone else (login forgery).
        if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Sign-in form expired", "Go back to the sign-in page, refresh it and try again.");
        }

        var returnUrl = LocalUrl.OrDefault(form["returnUrl"].ToString(), string.Empty);
        var person = DevPeople.Find(form["person"]);
        if (person is null)
        {
            return await PageAsync(http, new DevSignInModel(returnUrl, "Select who you want to sign in as"), StatusCodes.Status400BadRequest);
        }

        http.Response.Cookies.Append(DevSignInHandler.Cookie, person.Id, DevSignInHandler.CookieOptions(http.Request));
        return Results.Redirect(returnUrl.Length > 0 ? returnUrl : "/api/dev/sign-in");
    }

    public static Task<IResult> PageAsync(HttpContext http, DevSignInModel model, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<PageRenderer>().PageAsync<DevSignInPage, DevSignInModel>(http, model, status);
    }
}
