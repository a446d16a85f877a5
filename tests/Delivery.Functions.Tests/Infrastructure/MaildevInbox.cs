using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>
/// Reads the local maildev inbox through its REST API. Tests never clear it: they look for unique recipient
/// addresses, or for a <see cref="Mailbox"/>, an address's emails about one test's project.
/// </summary>
public sealed class MaildevInbox : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri("http://127.0.0.1:1080/") };

    public async Task<IReadOnlyList<ReceivedEmail>> ToAsync(string address)
    {
        var all = await _http.GetFromJsonAsync<List<ReceivedEmail>>("api/email") ?? [];
        return all.Where(e => e.To.Any(t => t.Address.Equals(address, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    public async Task<IReadOnlyList<ReceivedEmail>> ToAsync(Mailbox mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return (await ToAsync(mailbox.Address)).Where(e => mailbox.Holds(e.Subject)).ToList();
    }

    public Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(Mailbox mailbox, int count = 1, TimeSpan? timeout = null) =>
        PollAsync(() => ToAsync(mailbox), emails => emails.Count >= count, timeout);

    public Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(Mailbox mailbox, Func<ReceivedEmail, bool> match, TimeSpan? timeout = null) =>
        PollAsync(() => ToAsync(mailbox), emails => emails.Any(match), timeout);

    private static async Task<IReadOnlyList<ReceivedEmail>> PollAsync(
        Func<Task<IReadOnlyList<ReceivedEmail>>> read, Func<IReadOnlyList<ReceivedEmail>, bool> enough, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var emails = await read();
            if (enough(emails) || DateTime.UtcNow > deadline)
            {
                return emails;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls until at least <paramref name="count"/> emails to the address arrived, or the time is up.</summary>
    public Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null) =>
        PollAsync(() => ToAsync(address), emails => emails.Count >= count, timeout);

    /// <summary>Polls until an email to the address matches (another test's email to a shared address does not count), or the time is up.</summary>
    public Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string address, Func<ReceivedEmail, bool> match, TimeSpan? timeout = null) =>
        PollAsync(() => ToAsync(address), emails => emails.Any(match), timeout);

    public void Dispose() => _http.Dispose();
}

/// <summary>The parts of a maildev message the tests look at.</summary>
public sealed record ReceivedEmail(
    string Subject,
    string? Html,
    string? Text,
    IReadOnlyList<MailParty> To,
    IReadOnlyList<MailParty> From,
    [property: JsonPropertyName("headers")] Dictionary<string, object>? Headers);

/// <summary>A sender or recipient.</summary>
public sealed record MailParty(string Address, string? Name);
