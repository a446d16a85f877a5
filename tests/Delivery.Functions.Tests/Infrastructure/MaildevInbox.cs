using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>Reads the local maildev inbox through its REST API. Tests use unique recipient addresses, so they never clear it.</summary>
public sealed class MaildevInbox : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri("http://127.0.0.1:1080/") };

    public async Task<IReadOnlyList<ReceivedEmail>> ToAsync(string address)
    {
        var all = await _http.GetFromJsonAsync<List<ReceivedEmail>>("api/email") ?? [];
        return all.Where(e => e.To.Any(t => t.Address.Equals(address, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>Polls until at least <paramref name="count"/> emails to the address arrived, or the time is up.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var emails = await ToAsync(address);
            if (emails.Count >= count || DateTime.UtcNow > deadline)
            {
                return emails;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls until an email to the address matches (another test's email to a shared address does not count), or the time is up.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string address, Func<ReceivedEmail, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var emails = await ToAsync(address);
            if (emails.Any(match) || DateTime.UtcNow > deadline)
            {
                return emails;
            }

            await Task.Delay(200);
        }
    }

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
