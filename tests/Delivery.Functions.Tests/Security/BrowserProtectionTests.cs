using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Delivery.Functions.App.Http;
using Delivery.Functions.SubmitProject;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Security;

/// <summary>
/// What a browser is protected by: the security headers on every answer, cross-site requests carrying the sign-in
/// cookie refused before they change anything, and the dev sign-in form's anti-forgery and return-URL rules.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class BrowserProtectionTests(AppFixture fixture)
{
    private const string Evil = "https://evil.example";

    [Fact]
    public async Task Every_api_route_and_an_unknown_path_answer_with_the_security_headers()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };
        var paths = ApiRoutes.All(fixture.App.Services)
            .Select(route => (ApiRoutes.Method(route), ApiRoutes.Path(route, "x")))
            .Append(("GET", "/api/no-such-thing"))
            .ToList();
        var missing = new List<string>();

        foreach (var (method, path) in paths)
        {
            using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            var headers = response.Headers;
            if (!headers.TryGetValues("Content-Security-Policy", out var csp) || csp.Single() != SecurityHeaders.ContentSecurityPolicy
                || !headers.TryGetValues("X-Content-Type-Options", out var sniff) || sniff.Single() != "nosniff"
                || !headers.TryGetValues("Referrer-Policy", out var referrer) || referrer.Single() != SecurityHeaders.ReferrerPolicy
                || !headers.TryGetValues("X-Frame-Options", out var frame) || frame.Single() != "DENY")
            {
                missing.Add($"{method} {path} ({(int)response.StatusCode})");
            }
        }

        Assert.True(paths.Count > 10, "every route was tried");
        Assert.Empty(missing);
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("form from another origin", "application/x-www-form-urlencoded", Evil, null)]
    [InlineData("text/plain from another origin", "text/plain", Evil, null)]
    [InlineData("JSON from another origin", "application/json", Evil, null)]
    [InlineData("form marked cross-site, no Origin", "application/x-www-form-urlencoded", null, "cross-site")]
    [InlineData("text/plain marked same-site, no Origin", "text/plain", null, "same-site")]
    [InlineData("form with no Origin and no fetch metadata", "application/x-www-form-urlencoded", null, null)]
    [InlineData("own-origin form without an anti-forgery token", "application/x-www-form-urlencoded", "self", null)]
    [InlineData("own-origin text/plain without an anti-forgery token", "text/plain", "self", "same-origin")]
    public async Task A_request_signed_in_by_cookie_that_another_site_could_send_is_refused_and_stores_nothing(
        string what, string contentType, string? origin, string? fetchSite)
    {
        var key = $"cross-site-{Guid.NewGuid():N}";
        using var cookieClient = CookieSignedIn("rita");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects")
        {
            Content = new StringContent(Body(contentType), Encoding.UTF8, contentType),
        };
        request.Headers.Add(SubmitProjectEndpoint.IdempotencyHeader, key);
        Add(request, origin, fetchSite);

        using var response = await cookieClient.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode}");
        Assert.Contains("Cross-site request refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var admin = fixture.App.ClientAs("admin-ada");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/projects/{ProjectIdentity.NewId("rita", key)}")).StatusCode);
    }

    [Fact]
    public async Task Own_origin_json_signed_in_by_cookie_is_accepted()
    {
        using var cookieClient = CookieSignedIn("rita");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = new ProjectRequestBuilder().ToJsonContent() };
        Add(request, "self", "same-origin");

        using var response = await cookieClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("/\\evil.example", "/api/dev/sign-in")]
    [InlineData("//evil.example", "/api/dev/sign-in")]
    [InlineData("https://evil.example/", "/api/dev/sign-in")]
    [InlineData("/\t/evil.example", "/api/dev/sign-in")]
    [InlineData("/api/approvals/a1?token=t", "/api/approvals/a1?token=t")]
    public async Task Dev_sign_in_returns_only_to_a_local_path(string returnUrl, string expected)
    {
        var (client, cookies) = Browser();
        using (client)
        {
            var token = await SignInFormTokenAsync(client);

            using var response = await client.PostAsync("/api/dev/sign-in", Form(token, ("person", "rita"), ("returnUrl", returnUrl)));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location!.OriginalString);
            Assert.NotNull(cookies.GetCookies(fixture.App.BaseAddress)["delivery-dev-user"]);
        }
    }

    [Fact]
    public async Task Dev_sign_in_without_the_forms_anti_forgery_token_signs_nobody_in()
    {
        var (client, cookies) = Browser();
        using (client)
        {
            _ = await SignInFormTokenAsync(client);

            using var response = await client.PostAsync("/api/dev/sign-in", new FormUrlEncodedContent([new("person", "admin-ada"), new("returnUrl", "/")]));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Null(cookies.GetCookies(fixture.App.BaseAddress)["delivery-dev-user"]);
        }
    }

    private static string Body(string contentType) => contentType switch
    {
        "application/json" => new ProjectRequestBuilder().Json.ToJsonString(),
        "text/plain" => "{\"title\":\"x\"}",
        _ => string.Join('&', new ProjectRequestBuilder().ToFormFields().Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")),
    };

    private void Add(HttpRequestMessage request, string? origin, string? fetchSite)
    {
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin == "self" ? fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority) : origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }
    }

    /// <summary>A browser-like client: its only credential is the dev sign-in cookie, which browsers attach by themselves.</summary>
    private HttpClient CookieSignedIn(string personId)
    {
        var cookies = new CookieContainer();
        cookies.Add(fixture.App.BaseAddress, new Cookie("delivery-dev-user", personId));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };
    }

    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

        // As a browser does on every POST.
        client.DefaultRequestHeaders.Add("Origin", fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority));
        return (client, cookies);
    }

    private static async Task<string> SignInFormTokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/api/dev/sign-in");
        return WebUtility.HtmlDecode(FormToken().Match(page).Groups[1].Value);
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Prepend(new("__RequestVerificationToken", token)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
