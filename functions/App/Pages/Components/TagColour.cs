namespace Delivery.Functions.App.Pages.Components;

/// <summary>GOV.UK Frontend's tag colours. RAG status uses <see cref="Red"/>, <see cref="Yellow"/> and <see cref="Green"/>.</summary>
public enum TagColour
{
    Blue,
    Grey,
    Green,
    Turquoise,
    LightBlue,
    Purple,
    Pink,
    Red,
    Orange,
    Yellow,
}

public static class TagColours
{
    /// <summary>The modifier class; blue is the tag's own colour and has none.</summary>
    public static string? CssClass(TagColour colour) => colour switch
    {
        TagColour.Blue => null,
        TagColour.LightBlue => "govuk-tag--light-blue",
        _ => "govuk-tag--" + colour.ToString().ToLowerInvariant(),
    };
}
