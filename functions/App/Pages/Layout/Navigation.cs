namespace Delivery.Functions.App.Pages.Layout;

/// <summary>One link in the service navigation.</summary>
public sealed record NavigationItem(string Text, string Href);

/// <summary>The service navigation every page shows to a signed-in person; each feature adds its page here.</summary>
public static class Navigation
{
    public const string ServiceName = "Delivery";
    public const string SignOutHref = "/api/sign-out";

    public static IReadOnlyList<NavigationItem> Items { get; } = [];

    /// <summary>The item is current on its own page and on the pages under it.</summary>
    public static bool IsCurrent(NavigationItem item, string path) =>
        path.Equals(item.Href, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith(item.Href + "/", StringComparison.OrdinalIgnoreCase);
}
