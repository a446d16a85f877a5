using Delivery.Functions.App.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

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

        var auth = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Delivery sign-in", o => o.ForwardDefaultSelector = context =>
            {
                if (settings.TrustAppServiceAuthentication && context.Request.Headers.ContainsKey(AppServicePrincipalHandler.Header))
                {
                    return AppServicePrincipalHandler.Scheme;
                }

                return settings.DevSignIn && DevSignInHandler.IsPresent(context.Request)
                    ? DevSignInHandler.Scheme
                    : JwtBearerDefaults.AuthenticationScheme;
            })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                if (settings.BearerConfigured)
                {
                    o.Authority = new Uri(settings.Instance, $"{settings.TenantId}/v2.0").ToString();
                    o.TokenValidationParameters.ValidAudiences = [settings.Audience, $"api://{settings.Audience}"];
                    o.TokenValidationParameters.ValidIssuers =
                    [
                        new Uri(settings.Instance, $"{settings.TenantId}/v2.0").ToString(),
                        $"https://sts.windows.net/{settings.TenantId}/",
                    ];
                }

                o.TokenValidationParameters.RoleClaimType = "roles";
                o.TokenValidationParameters.NameClaimType = "name";
            });

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
