namespace Delivery.Functions.App.Pages.Components;

/// <summary>
/// One task: its title (a link when it can be done now), an optional hint, and its status, shown as a tag when
/// <paramref name="StatusColour"/> is given (things still to do) and as plain text otherwise ("Completed"), greyed
/// when the task <paramref name="CannotStartYet"/>.
/// </summary>
public sealed record TaskListItem(string Title, string? Href, string Status, string? Hint = null, TagColour? StatusColour = null, bool CannotStartYet = false);
