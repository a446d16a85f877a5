using System.Net;
using System.Text;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Http;
using Delivery.Workflows.Projects;
using Microsoft.AspNetCore.Antiforgery;

namespace Delivery.Functions.DevSignIn;

/// <summary>
/// <c>/api/dev/sign-in</c>, Development only: pick a seeded person and get a cookie that signs you in as them.
/// Mapped only when dev sign-in is on, which start-up refuses outside Development.
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

        var person = DevPeople.Find(form["person"]);
        if (person is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["person"] = ["Select who to sign in as."] });
        }

        http.Response.Cookies.Append(DevSignInHandler.Cookie, person.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
        });
        return Results.Redirect(LocalUrl.OrDefault(form["returnUrl"].ToString(), "/api/dev/sign-in"));
    }

    public static string Page(HttpContext http, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Sign in (Development)</title></head><body>");
        html.Append("<main><h1>Sign in as a test person</h1><p>Development only. Choose who you want to be.</p>");
        html.Append("<form method=\"post\">");
        html.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(tokens.FormFieldName)}\" value=\"{WebUtility.HtmlEncode(tokens.RequestToken)}\">");
        html.Append("<fieldset><legend>Person</legend>");
        foreach (var person in DevPeople.All)
        {
            var id = WebUtility.HtmlEncode(person.Id);
            html.Append($"<div><input type=\"radio\" name=\"person\" id=\"p-{id}\" value=\"{id}\"><label for=\"p-{id}\">{WebUtility.HtmlEncode(person.Name)} ({string.Join(", ", person.Roles)})</label></div>");
        }

        html.Append($"</fieldset><input type=\"hidden\" name=\"returnUrl\" value=\"{WebUtility.HtmlEncode(LocalUrl.OrDefault(returnUrl, string.Empty))}\"><button type=\"submit\">Sign in</button></form></main></body></html>");
        return html.ToString();
    }
}
