using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Delivery.Benchmarks;

/// <summary>A maildev message, the parts the benchmark reads.</summary>
internal sealed record MailItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("to")] IReadOnlyList<MailTo> To);

internal sealed record MailTo([property: JsonPropertyName("address")] string Address);

/// <summary>An email seen in maildev and when the poller first saw it (a <see cref="Stopwatch"/> timestamp).</summary>
internal sealed record SeenMail(MailItem Mail, long SeenAt);

/// <summary>
/// One poller of maildev's REST API for the whole run (every <see cref="Interval"/>), however many lifecycles wait
/// on it. Emails to this run's addresses or about its projects (address or subject contains <c>tag</c>) are kept here and then deleted from maildev one
/// by one, so the inbox stays small; nobody else's email is touched.
/// </summary>
internal sealed class MailWatcher : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly HttpClient _http = new() { BaseAddress = new Uri("http://127.0.0.1:1080/") };
    private readonly string _tag;
    private readonly List<SeenMail> _seen = [];
    private readonly List<(Func<MailItem, bool> Match, TaskCompletionSource<SeenMail> Done)> _waiters = [];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MailWatcher(string tag)
    {
        _tag = tag;
        _loop = Task.Run(LoopAsync);
    }

    public Task<SeenMail> WaitAsync(Func<MailItem, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<SeenMail>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_seen)
        {
            var already = _seen.FirstOrDefault(s => match(s.Mail));
            if (already is not null)
            {
                return Task.FromResult(already);
            }

            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(timeout);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var all = await _http.GetFromJsonAsync<List<MailItem>>("api/email", _stop.Token) ?? [];
                var now = Stopwatch.GetTimestamp();
                var mine = new List<string>();
                lock (_seen)
                {
                    foreach (var mail in all)
                    {
                        if (!(mail.To.Any(t => t.Address.Contains(_tag, StringComparison.Ordinal)) || mail.Subject.Contains(_tag, StringComparison.Ordinal)) || !_known.Add(mail.Id))
                        {
                            continue;
                        }

                        var seen = new SeenMail(mail, now);
                        _seen.Add(seen);
                        mine.Add(mail.Id);
                        for (var i = _waiters.Count - 1; i >= 0; i--)
                        {
                            if (_waiters[i].Match(mail))
                            {
                                _waiters[i].Done.TrySetResult(seen);
                                _waiters.RemoveAt(i);
                            }
                        }
                    }
                }

                foreach (var id in mine)
                {
                    using var _ = await _http.DeleteAsync($"api/email/{id}", _stop.Token);
                }

                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(Interval);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _http.Dispose();
    }
}
