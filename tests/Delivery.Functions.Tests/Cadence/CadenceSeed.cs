using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Cadence;

/// <summary>Dates and records a service team's tests share: today and days from it, a story in the backlog, a cadence.</summary>
internal static class CadenceSeed
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Day(int fromToday) => Today.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Sam sets iterations of <paramref name="days"/> days beginning today.</summary>
    public static async Task CadenceAsync(ServiceApp app, string projectId, int days)
    {
        using var sam = app.As("pm-sam");
        using var set = await sam.PutAsJsonAsync($"/api/projects/{projectId}/cadence", new { iterationDays = days, firstIterationStart = Day(0) });
        Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
    }

    /// <summary>A story in the service's backlog, put there by Sam.</summary>
    public static async Task StoryAsync(ServiceApp app, string projectId, string storyId)
    {
        using var sam = app.As("pm-sam");
        using var saved = await sam.PutAsJsonAsync($"/api/projects/{projectId}/backlog/{storyId}", new { title = $"Story {storyId}", priority = 1 });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }
}
