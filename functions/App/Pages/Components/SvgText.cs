using Microsoft.AspNetCore.Components.Rendering;

namespace Delivery.Functions.App.Pages.Components;

/// <summary>
/// An SVG <c>text</c> element. Razor reserves the <c>&lt;text&gt;</c> tag for its own use, so charts write their
/// labels through this component; the content is escaped like any other.
/// </summary>
public sealed class SvgText : ComponentBase
{
    [Parameter]
    public int X { get; set; }

    [Parameter]
    public int Y { get; set; }

    [Parameter]
    public string? Anchor { get; set; }

    [Parameter]
    public string? Class { get; set; }

    [Parameter, EditorRequired]
    public string Text { get; set; } = string.Empty;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X);
        builder.AddAttribute(2, "y", Y);
        builder.AddAttribute(3, "text-anchor", Anchor);
        builder.AddAttribute(4, "class", Class);
        builder.AddContent(5, Text);
        builder.CloseElement();
    }
}
