using System.Collections.Concurrent;
using System.Net;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Security;

/// <summary>
/// A decision link's token must not reach any log: every provider the app writes to (console included) sees the
/// raw messages, so this captures them all at the most verbose level while decision links are opened.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RequestLogTests(AppFixture fixture)
{
    [Fact]
    public async Task Opening_a_decision_link_logs_no_token_at_any_level()
    {
        var capture = new CapturingLoggerProvider();
        var settings = fixture.Settings();
        await using var app = await RunningApp.StartAsync(settings, configure: b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Trace);
            b.Logging.AddProvider(capture);
        });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        await WaitForWorkflowsAsync(app);
        const string token = "s3cr3t-decision-link-token";

        var signedOut = await client.GetAsync($"/api/approvals/prj-000000000000000000000000~business-case~1~budget-holder?token={token}");
        client.DefaultRequestHeaders.Add("X-Dev-User", "line-lee");
        var signedIn = await client.GetAsync($"/api/approvals/prj-000000000000000000000000~business-case~1~budget-holder?token={token}&x=1");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.True((int)signedIn.StatusCode < 500);

        // The request-level lines were captured (routing names the endpoint it ran), so a token in them would show.
        Assert.Contains(capture.Lines, line => line.Contains("/api/approvals/{id}", StringComparison.Ordinal));
        var leaks = capture.Lines.Where(line => line.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "Logged with the token: " + string.Join(" | ", leaks.Select(l => l[..Math.Min(l.Length, 300)])));
    }

    /// <summary>
    /// Until a lifecycle runs, so the durable engine has fully started: stopping it earlier crashes the sidecar's
    /// fire-and-forget stop handler inside the Durable Task test sidecar.
    /// </summary>
    private static async Task WaitForWorkflowsAsync(RunningApp app)
    {
        using var rita = app.ClientAs("rita");
        var response = await rita.PostAsync("/api/projects", new ProjectRequestBuilder().ToJsonContent());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await rita.GetStringAsync(response.Headers.Location)).Contains("\"stage\":\"BusinessCase\"", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the lifecycle did not start");
            await Task.Delay(100);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                provider.Lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
