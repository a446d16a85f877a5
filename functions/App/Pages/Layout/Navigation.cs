namespace Delivery.Functions.App.Pages.Layout;

/// <summary>One link in the service navigation; some are only for the delivery team and managers.</summary>
public sealed record NavigationItem(string Text, string Href, bool StaffOnly = false);

/// <summary>The service navigation every page shows to a signed-in person; each feature adds its page here.</summary>
public static class Navigation
{
    public const string ServiceName = "Delivery";
    public const string SignOutHref = "/api/sign-out";

    public static IReadOnlyList<NavigationItem> Items { get; } =
    [
        new("My tasks", "/api/tasks"),
        new("Request a project", "/api/start"),
        new("Portfolio", "/api/portfolio", StaffOnly: true),
    ];

    public static IEnumerable<NavigationItem> For(PageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Items.Where(i => !i.StaffOnly || context.IsStaff);
    }

    /// <summary>The item is current on its own page and on the pages under it.</summary>
    public static bool IsCurrent(NavigationItem item, string path) =>
        path.Equals(item.Href, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith(item.Href + "/", StringComparison.OrdinalIgnoreCase);
}
