namespace Delivery.Functions.App.Pages;

/// <summary>
/// A page: a Razor component with one typed model, rendered on the server by <see cref="PageRenderer"/>. Razor
/// escapes every value it writes, so no page builds HTML from strings.
/// </summary>
public abstract class PageBase<TModel> : ComponentBase
{
    [Parameter, EditorRequired]
    public TModel Model { get; set; } = default!;

    /// <summary>The request the page answers: who is signed in, where the page is, the form's anti-forgery token.</summary>
    [CascadingParameter]
    public PageContext Context { get; set; } = default!;
}
