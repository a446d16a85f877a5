using Delivery.Functions.App.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>Renders a page component to HTML as the app does, without a request: for structural checks of the markup.</summary>
public static class PageHtml
{
    private static readonly PageRenderer Renderer = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    public static Task<string> RenderAsync<TPage, TModel>(TModel model, string? personName = "Lee Morgan", string path = "/api/test")
        where TPage : PageBase<TModel> =>
        Renderer.RenderAsync<TPage, TModel>(
            new PageContext(personName, path, () => new AntiforgeryTokenSet("af", "cookie", "__RequestVerificationToken", null)),
            model);

    /// <summary>One component on its own, with the given parameters.</summary>
    public static async Task<string> ComponentAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
