using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace Delivery.Functions.App.Pages;

/// <summary>
/// Renders a page component to a complete HTML document with ASP.NET Core's <see cref="HtmlRenderer"/>: static
/// server rendering, no circuit, no script, so every page works without JavaScript.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    private readonly IServiceProvider _services = new WithEncoder(services);

    /// <summary>The page as an HTML answer with the given status.</summary>
    public async Task<IResult> PageAsync<TPage, TModel>(HttpContext http, TModel model, int status = StatusCodes.Status200OK)
        where TPage : PageBase<TModel>
    {
        var html = await RenderAsync<TPage, TModel>(PageContext.For(http), model);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A page of a heading and a message (not found, not allowed, done) with the given status.</summary>
    public Task<IResult> MessageAsync(HttpContext http, PageMessage message, int status) =>
        PageAsync<MessagePage, PageMessage>(http, message, status);

    /// <summary>
    /// An API refusal (a problem response: 403, 404, 409) as a message page with the same status, so a page and its
    /// API refuse alike; <paramref name="title"/> heads it when the problem has none.
    /// </summary>
    public Task<IResult> RefusalAsync(HttpContext http, IResult refusal, string title) => refusal is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem
        ? MessageAsync(http, new(problem.ProblemDetails.Title ?? title, problem.ProblemDetails.Detail ?? string.Empty), problem.StatusCode)
        : MessageAsync(http, new(title, "This cannot be done."), StatusCodes.Status403Forbidden);

    public async Task<string> RenderAsync<TPage, TModel>(PageContext context, TModel model)
        where TPage : PageBase<TModel>
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var renderer = new HtmlRenderer(_services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PageHost<TPage, TModel>.Context)] = context,
                [nameof(PageHost<TPage, TModel>.Model)] = model,
            });
            var output = await renderer.RenderComponentAsync<PageHost<TPage, TModel>>(parameters);
            return "<!DOCTYPE html>" + output.ToHtmlString();
        });
    }

    /// <summary>
    /// The renderer's HTML encoder escapes what HTML needs escaped and leaves other characters as they are (the
    /// default would write £ and é as character references): pages are sent as UTF-8.
    /// </summary>
    private sealed class WithEncoder(IServiceProvider inner) : IServiceProvider
    {
        private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : inner.GetService(serviceType);
    }

    /// <summary>Renders the page inside a fixed cascading <see cref="PageContext"/>, so the layout and forms can read it.</summary>
    private sealed class PageHost<TPage, TModel> : ComponentBase
        where TPage : PageBase<TModel>
    {
        [Parameter]
        public PageContext Context { get; set; } = default!;

        [Parameter]
        public TModel Model { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<CascadingValue<PageContext>>(0);
            builder.AddComponentParameter(1, nameof(CascadingValue<PageContext>.Value), Context);
            builder.AddComponentParameter(2, nameof(CascadingValue<PageContext>.IsFixed), true);
            builder.AddComponentParameter(3, nameof(CascadingValue<PageContext>.ChildContent), (RenderFragment)(page =>
            {
                page.OpenComponent<TPage>(0);
                page.AddComponentParameter(1, nameof(PageBase<TModel>.Model), Model);
                page.CloseComponent();
            }));
            builder.CloseComponent();
        }
    }
}
