using Delivery.Functions.App.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;

namespace Delivery.Functions.App.Auth;

/// <summary>
/// Deny unless authorised: every endpoint needs a signed-in user unless it opts out (health, the host's
/// invocations). One policy scheme picks how the caller signed in.
/// </summary>
public static class AuthRegistration
{
    public const string SelectorScheme = "Delivery";

    public static IServiceCollection AddDeliveryAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new AuthSettings();
        configuration.GetSection(AuthSettings.Section).Bind(settings);

        var auth = services.AddAuthentication(SelectorScheme);
        auth.AddPolicyScheme(SelectorScheme, "Delivery sign-in", o => o.ForwardDefaultSelector = context =>
            {
                if (settings.TrustAppServiceAuthentication && context.Request.Headers.ContainsKey(AppServicePrincipalHandler.Header))
                {
                    return AppServicePrincipalHandler.Scheme;
                }

                return settings.DevSignIn && DevSignInHandler.IsPresent(context.Request)
                    ? DevSignInHandler.Scheme
                    : JwtBearerDefaults.AuthenticationScheme;
            });
        if (settings.BearerConfigured)
        {
            // Entra ID tokens validated by Microsoft.Identity.Web: signing keys and issuers from the tenant's
            // metadata, audience the API's client id or application id URI.
            auth.AddMicrosoftIdentityWebApi(
                jwt =>
                {
                    jwt.MapInboundClaims = false;
                    jwt.TokenValidationParameters.ValidAudiences = [settings.Audience, $"api://{settings.Audience}"];
                    jwt.TokenValidationParameters.RoleClaimType = "roles";
                    jwt.TokenValidationParameters.NameClaimType = "name";
                },
                identity =>
                {
                    identity.Instance = settings.Instance.ToString();
                    identity.TenantId = settings.TenantId;
                    identity.ClientId = settings.Audience;
                },
                JwtBearerDefaults.AuthenticationScheme);
        }
        else
        {
            // No tenant configured (local runs): the scheme exists so the selector can name it, and refuses every token.
            auth.AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidateIssuerSigningKey = true;
                o.TokenValidationParameters.IssuerSigningKeys = [];
            });
        }

        if (settings.TrustAppServiceAuthentication)
        {
            auth.AddScheme<AuthenticationSchemeOptions, AppServicePrincipalHandler>(AppServicePrincipalHandler.Scheme, null);
        }

        if (settings.DevSignIn)
        {
            auth.AddScheme<AuthenticationSchemeOptions, DevSignInHandler>(DevSignInHandler.Scheme, null);
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }
}
