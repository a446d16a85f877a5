using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Controls;

/// <summary>Approved projects whose cost tolerance the monitor found exceeded, for tests of exception reports by API and page.</summary>
internal static class BreachedProjects
{
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An approved £9,000 project (Sam its manager) forecast at the given cost, swept at the given moment: exception Cost-1 is open.</summary>
    public static async Task<string> CreateAsync(ApprovalApp app, decimal forecast, DateTimeOffset sweepAt)
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f1", atCompletion = forecast, asAt = Today, reason = "Prices rose" })).StatusCode);
        Assert.True((await ControlTimers.RunMonitorAsync(app, sweepAt))!.Breaches >= 1);
        await ExceptionAsync(app, projectId, "AwaitingReport");
        return projectId;
    }

    /// <summary>The project's first exception once it has the given status (the orchestration gets there shortly).</summary>
    public static async Task<JsonElement> ExceptionAsync(ApprovalApp app, string projectId, string status)
    {
        using var admin = app.As("admin-ada");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var exceptions = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/exceptions");
            if (exceptions.GetArrayLength() > 0 && exceptions[0].GetProperty("status").GetString() == status)
            {
                return exceptions[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"Exception of {projectId} did not become {status}: {exceptions}");
            await Task.Delay(100);
        }
    }

    /// <summary>07:00 in London on the <paramref name="n"/>th working day from today, when the monitor sweeps.</summary>
    public static DateTimeOffset SevenInLondon(ApprovalApp app, int n) => ControlTimers.UkTimeOn(ControlTimers.WorkingDayAfter(app, n), 7);
}
