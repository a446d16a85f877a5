using Microsoft.AspNetCore.Antiforgery;

namespace Delivery.Functions.App.Pages;

/// <summary>
/// What every page knows about the request it answers, cascaded to the layout and the form components: who is
/// signed in (for the header), where the page is (for the navigation) and the form's anti-forgery token, issued
/// only when a page has a form.
/// </summary>
public sealed class PageContext(string? personName, string path, Func<AntiforgeryTokenSet>? antiforgery, bool isStaff = false)
{
    private AntiforgeryTokenSet? _tokens;

    /// <summary>The signed-in person's name, or null when nobody is.</summary>
    public string? PersonName { get; } = personName;

    /// <summary>Whether they are delivery team or a manager, who see the portfolio.</summary>
    public bool IsStaff { get; } = isStaff;

    /// <summary>The request path, to mark the current navigation item.</summary>
    public string Path { get; } = path;

    public AntiforgeryTokenSet Antiforgery => _tokens ??= antiforgery?.Invoke()
        ?? throw new InvalidOperationException("This page was rendered without anti-forgery tokens, so it cannot have a form.");

    public static PageContext For(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = http.User.Identity?.IsAuthenticated == true ? Auth.DeliveryClaims.DisplayName(http.User) : null;
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        return new PageContext(name, http.Request.Path.Value ?? "/", () => antiforgery.GetAndStoreTokens(http), name is not null && Auth.Roles.IsStaff(http.User));
    }
}
