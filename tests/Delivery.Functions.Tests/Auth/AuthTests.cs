using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Delivery.Functions.App.Settings;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Delivery.Functions.Tests.Auth;

[Collection(AppCollection.Name)]
public sealed class AuthTests(AppFixture fixture)
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string Audience = "api://delivery-tests";
    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")));

    /// <summary>
    /// The /api routes open to anyone, and why: health for probes, the page's own CSS and scripts, the dev sign-in
    /// (Development only), sign-out (which says you are signed out), and the pages, which send a visitor who is not
    /// signed in to sign in.
    /// </summary>
    private static readonly Dictionary<string, HttpStatusCode> OpenRoutes = new()
    {
        ["GET /api/health"] = HttpStatusCode.OK,
        ["GET /api/assets/{*path}"] = HttpStatusCode.NotFound,
        ["GET /api/dev/sign-in"] = HttpStatusCode.OK,
        ["POST /api/dev/sign-in"] = HttpStatusCode.UnsupportedMediaType,
        ["GET /api/approvals/{id}"] = HttpStatusCode.Redirect,
        ["POST /api/approvals/{id}"] = HttpStatusCode.Redirect,
        ["GET /api/tasks"] = HttpStatusCode.Redirect,
        ["GET /api/portfolio"] = HttpStatusCode.Redirect,
        ["GET /api/portfolio/export"] = HttpStatusCode.Redirect,
        ["GET /api/lessons/page"] = HttpStatusCode.Redirect,
        ["GET /api/portfolio/export.xlsx"] = HttpStatusCode.Redirect,
        ["GET /api/reports/flow.csv"] = HttpStatusCode.Redirect,
        ["GET /api/reports/flow/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/backlog/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/backlog-import/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/backlog-import/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/team-flow.csv"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/team-flow/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/delivery"] = HttpStatusCode.Redirect,
        ["GET /api/start"] = HttpStatusCode.OK,
        ["GET /api/request/{slug}/{index?}"] = HttpStatusCode.Redirect,
        ["POST /api/request/{slug}/{index?}"] = HttpStatusCode.Redirect,
        ["GET /api/request-sent/{id}"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/business-case/edit/{section?}"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/business-case/edit/{section?}"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/attachments/{number}"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/withdraw-request"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/withdraw-request"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/exceptions/{exceptionId}/report/edit"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/exceptions/{exceptionId}/report/edit"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/change-request"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/change-request"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/record-spend"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/record-spend"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/highlight-reports"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/highlight-reports/new"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/highlight-reports/new"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/raid/{itemId}/edit"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/raid/{itemId}/edit"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/milestones/{milestoneId}/edit"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/milestones/{milestoneId}/edit"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/closure/request"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/closure/request"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/closure/report"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/closure/report/download"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/closure/report/download.docx"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/benefits/{benefitId}/reviews/{review}/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/benefits/{benefitId}/reviews/{review}/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/benefits/report/page"] = HttpStatusCode.Redirect,
        ["GET /api/benefits/report/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/stage-plan/{stageId?}"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/stage-plan/{stageId?}"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/stages/{stageId}/end-report/edit"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/stages/{stageId}/end-report/edit"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/service/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/service/assessment-request"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/service/assessment-request"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/assessments/{assessmentId}/panel/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/assessments/{assessmentId}/panel/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/assessments/{assessmentId}/self-assessment/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/assessments/{assessmentId}/self-assessment/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/assessments/{assessmentId}/outcome/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/assessments/{assessmentId}/outcome/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/service/next-phase"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/service/next-phase"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/service/stop/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/service/stop/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/team-budget/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/team-budget/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/performance/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/performance/record"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/performance/record"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/performance/measure"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/performance/measure"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/performance/import/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/performance/import/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/assessments/{assessmentId}/report"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/assessments/{assessmentId}/report/download"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/retrospectives/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/cadence/page"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/cadence/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/retrospectives/new"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/retrospectives/new"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/research/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/research/new"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/research/new"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/weeknotes/page"] = HttpStatusCode.Redirect,
        ["GET /api/projects/{id}/weeknotes/new"] = HttpStatusCode.Redirect,
        ["POST /api/projects/{id}/weeknotes/new"] = HttpStatusCode.Redirect,
        ["GET /api/admin/data-protection/subject-access/page"] = HttpStatusCode.Redirect,
        ["POST /api/admin/data-protection/subject-access/page"] = HttpStatusCode.Redirect,
        ["GET /api/sign-out"] = HttpStatusCode.OK,
        ["POST /api/sign-out"] = HttpStatusCode.OK,
    };

    [Fact]
    public async Task No_credentials_is_401_on_every_api_route_but_the_open_ones()
    {
        // No cookie jar: the sign-in page's anti-forgery cookie would make later POSTs cookie-borne (and refused as such).
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.App.BaseAddress };
        var routes = ApiRoutes();
        var answers = new Dictionary<string, HttpStatusCode>();

        foreach (var route in routes)
        {
            var method = route[..route.IndexOf(' ', StringComparison.Ordinal)];
            using var request = new HttpRequestMessage(new HttpMethod(method), Path(route, "prj-000000000000000000000000")) { Content = method == "GET" ? null : new ProjectRequestBuilder().ToJsonContent() };
            answers[route] = (await anonymous.SendAsync(request)).StatusCode;
        }

        Assert.True(routes.Count > OpenRoutes.Count, "the app maps more than its open routes");
        Assert.All(routes, route => Assert.Equal(OpenRoutes.GetValueOrDefault(route, HttpStatusCode.Unauthorized), answers[route]));
    }

    [Fact]
    public async Task No_route_fails_with_a_500_on_a_body_of_the_wrong_type_or_malformed_ids()
    {
        using var rita = fixture.App.ClientAs("rita");
        var failures = new List<string>();

        foreach (var route in ApiRoutes().Where(r => !r.StartsWith("GET ", StringComparison.Ordinal)))
        {
            foreach (var body in new HttpContent[] { new StringContent("hello", Encoding.UTF8, "text/plain"), new StringContent("{", Encoding.UTF8, "application/json") })
            {
                var method = route[..route.IndexOf(' ', StringComparison.Ordinal)];
                using var request = new HttpRequestMessage(new HttpMethod(method), Path(route, "not-an-id")) { Content = body };
                var status = (int)(await rita.SendAsync(request)).StatusCode;
                if (status >= 500)
                {
                    failures.Add($"{route} with {body.Headers.ContentType}: {status}");
                }
            }
        }

        Assert.Empty(failures);
    }

    private List<string> ApiRoutes() => Infrastructure.ApiRoutes.All(fixture.App.Services);

    private static string Path(string route, string id) => Infrastructure.ApiRoutes.Path(route, id);

    [Fact]
    public async Task An_unknown_dev_person_is_401()
    {
        using var stranger = fixture.App.ClientAs("mallory");

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/projects/prj-000000000000000000000000")).StatusCode);
    }

    [Fact]
    public async Task Bearer_tokens_are_accepted_for_the_right_audience_and_refused_for_another()
    {
        await using var app = await StartEntraAppAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(Audience));
        var right = await client.PostAsync("/api/projects", new ProjectRequestBuilder().ToJsonContent());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("api://someone-else"));
        var wrong = await client.PostAsync("/api/projects", new ProjectRequestBuilder().ToJsonContent());

        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task A_bearer_sign_in_names_the_requester_and_one_without_an_address_cannot_request()
    {
        await using var app = await StartEntraAppAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(Audience));
        var named = await client.PostAsync("/api/projects", new ProjectRequestBuilder().ToJsonContent());
        var stored = await client.GetFromJsonAsync<JsonElement>(named.Headers.Location);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(Audience, email: null));
        var nameless = await client.PostAsync("/api/projects", new ProjectRequestBuilder().ToJsonContent());

        Assert.Equal(HttpStatusCode.Accepted, named.StatusCode);
        Assert.Equal("Test Person", stored.GetProperty("request").GetProperty("requester").GetProperty("name").GetString());
        Assert.Equal("test.person@example.gov.uk", stored.GetProperty("request").GetProperty("requester").GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.True((await nameless.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("requester", out _));
    }

    [Fact]
    public async Task A_forged_app_service_principal_is_401_when_the_app_is_not_behind_app_service_auth()
    {
        await using var app = await StartEntraAppAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("attacker"));

        var response = await client.GetAsync("/api/projects/prj-000000000000000000000000");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_app_service_principal_is_trusted_only_when_the_setting_says_so()
    {
        await using var app = await StartEntraAppAsync(new() { ["Auth:TrustAppServiceAuthentication"] = "true" });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("approver-1"));

        var response = await client.PostAsync("/api/projects", new ProjectRequestBuilder().ToJsonContent());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Behind_app_service_auth_a_page_sends_visitors_to_entra_sign_in_and_sign_out_to_its_logout()
    {
        await using var app = await StartEntraAppAsync(new() { ["Auth:TrustAppServiceAuthentication"] = "true" });
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        using var signedIn = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        signedIn.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("approver-1"));

        using var page = await anonymous.GetAsync("/api/tasks?x=1");
        using var api = await anonymous.GetAsync("/api/projects/prj-000000000000000000000000");
        using var signOut = await signedIn.PostAsync("/api/sign-out", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Ftasks%3Fx%3D1", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/.auth/logout?post_logout_redirect_uri=", signOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_sign_in_is_refused_at_start_up_outside_development()
    {
        var settings = fixture.Settings(new() { ["Auth:TenantId"] = Tenant, ["Auth:Audience"] = Audience });

        var error = await Assert.ThrowsAsync<SettingsException>(() => RunningApp.StartAsync(settings, environment: "Production"));

        Assert.Contains("Auth__DevSignIn", error.Message, StringComparison.Ordinal);
    }

    private Task<RunningApp> StartEntraAppAsync(Dictionary<string, string?>? extra = null)
    {
        var overrides = new Dictionary<string, string?> { ["Auth:TenantId"] = Tenant, ["Auth:Audience"] = Audience, ["Auth:DevSignIn"] = "false" };
        foreach (var (key, value) in extra ?? [])
        {
            overrides[key] = value;
        }

        // The production sign-in paths (dev sign-in off; Microsoft.Identity.Web's bearer scheme), with the signing key
        // and the issuer check supplied locally instead of fetched from Entra's metadata, which this machine cannot
        // reach. Development only so the local Cosmos server's certificate is accepted.
        return RunningApp.StartAsync(fixture.Settings(overrides), configure: builder =>
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                o.Configuration.SigningKeys.Add(SigningKey);
                o.TokenValidationParameters.IssuerSigningKey = SigningKey;
                o.TokenValidationParameters.IssuerValidator = (issuer, _, _) =>
                    issuer == Issuer ? issuer : throw new SecurityTokenInvalidIssuerException($"Issuer {issuer} is not the tenant's.");
            }));
    }

    private static string Issuer => $"https://login.microsoftonline.com/{Tenant}/v2.0";

    /// <summary>A token shaped like Entra's v2 access tokens, whose <c>preferred_username</c> is the person's address.</summary>
    private static string Token(string audience, string? email = "test.person@example.gov.uk") => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
        Issuer,
        audience,
        [
            new Claim("oid", Guid.NewGuid().ToString()), new Claim("name", "Test Person"), new Claim("roles", "Requester"),
            .. email is null ? Array.Empty<Claim>() : [new Claim("preferred_username", email)],
        ],
        DateTime.UtcNow.AddMinutes(-1),
        DateTime.UtcNow.AddMinutes(10),
        new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256)));

    private static string Principal(string objectId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        $$"""{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"{{objectId}}"},{"typ":"name","val":"Test Approver"},{"typ":"preferred_username","val":"test.approver@example.gov.uk"},{"typ":"roles","val":"Approver"}]}"""));
}
