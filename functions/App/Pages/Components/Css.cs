namespace Delivery.Functions.App.Pages.Components;

/// <summary>Joins a component's classes, leaving out the modifiers that do not apply.</summary>
public static class Css
{
    public static string Classes(params string?[] classes) =>
        string.Join(' ', classes.Where(c => !string.IsNullOrWhiteSpace(c)));
}
