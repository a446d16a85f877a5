namespace Delivery.Functions.App.Http;

/// <summary>
/// Standalone: every answer carries the <see cref="SecurityHeaders"/>, including those of middleware that runs
/// before the functions (the sign-in fallback's 401 on an unknown path, the router's 404, the exception handler's
/// 500). A startup filter wraps the whole pipeline, and the headers are set as the response starts because the
/// exception handler clears headers set earlier.
/// </summary>
public sealed class SecurityHeadersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            http.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(http.Response);
                return Task.CompletedTask;
            });
            return nextMiddleware(http);
        });
        next(app);
    };
}
