using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Services;

namespace Delivery.Functions.Tests.Performance;

/// <summary>
/// The test app for service performance: the services' app with no assessment needed to move on (so a service
/// reaches private beta through the sponsor's approval of Alpha alone), and the months the figures are for: the
/// month just ended (<see cref="LastMonth"/>) and the one before it (<see cref="MonthBefore"/>).
/// </summary>
public sealed class PerformanceApp : ServiceApp
{
    public static readonly DateOnly ThisMonth = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);

    public static readonly string LastMonth = ThisMonth.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static readonly string MonthBefore = ThisMonth.AddMonths(-2).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"November 2026".</summary>
    public static string Name(string month) => DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    protected override void Customise(Dictionary<string, string?> settings)
    {
        base.Customise(settings);
        settings["Services:AssessedPhases"] = string.Empty;
    }

    /// <summary>An approved digital service with a unique title whose delivery manager (Sam) has started Discovery.</summary>
    public async Task<(string ProjectId, string Title)> ServiceInDiscoveryAsync()
    {
        var title = $"Report a missed bin {Guid.NewGuid().ToString("N")[..10]}";
        var projectId = await ApprovedProjectAsync(title, r => r.With("category", "digital-service"));
        using var sam = As("pm-sam");
        using var started = await sam.PutAsJsonAsync($"/api/projects/{projectId}/service", Plan(null, "Find out what residents need to report a missed bin"));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (projectId, title);
    }

    /// <summary>A service moved on to private beta: Alpha approved by the sponsor, then private beta (no assessment needed here).</summary>
    public async Task<(string ProjectId, string Title)> ServiceInPrivateBetaAsync()
    {
        var (projectId, title) = await ServiceInDiscoveryAsync();
        using var sam = As("pm-sam");
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/to-alpha", Plan("alpha", "Prototype reporting online"))).StatusCode);
        await DecideAsync(projectId, "approve", count: 1);
        await PhaseAsync(projectId, "Alpha");
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/to-private-beta", Plan("privateBeta", "Private beta with two wards"))).StatusCode);
        await PhaseAsync(projectId, "PrivateBeta");
        return (projectId, title);
    }

    /// <summary>
    /// The four KPIs and one measure of the service's own, with figures for the last two months:
    /// cost per transaction £12,000 / 4,000 = £3.00, then £12,500 / 4,000 = £3.125, to the penny £3.13 (target £3.00 or less);
    /// user satisfaction 80% then 86.5% (target 85%); completion rate 88% last month only (target 90%);
    /// digital take-up 71.25% then 70% (target 70%); reports per ward (target 40) with no figures.
    /// </summary>
    public async Task SeedFiguresAsync(string projectId)
    {
        using var sam = As("pm-sam");
        foreach (var (id, target) in new[] { ("cost-per-transaction", 3.00m), ("user-satisfaction", 85m), ("completion-rate", 90m), ("digital-take-up", 70m) })
        {
            await OkAsync(sam.PutAsJsonAsync($"/api/projects/{projectId}/performance/measures/{id}", new { definition = $"How {id} is counted", target }));
        }

        await OkAsync(sam.PutAsJsonAsync($"/api/projects/{projectId}/performance/measures/reports-per-ward", new
        {
            name = "Reports per ward", definition = "Missed bin reports per ward each month", unit = "count", betterWhen = "higher", target = 40,
        }));
        (string Measure, string Month, object Body)[] figures =
        [
            ("cost-per-transaction", MonthBefore, new { cost = 12_000m, transactions = 4_000 }),
            ("cost-per-transaction", LastMonth, new { cost = 12_500m, transactions = 4_000 }),
            ("user-satisfaction", MonthBefore, new { value = 80m }),
            ("user-satisfaction", LastMonth, new { value = 86.5m }),
            ("completion-rate", LastMonth, new { value = 88m }),
            ("digital-take-up", MonthBefore, new { value = 71.25m }),
            ("digital-take-up", LastMonth, new { value = 70m }),
        ];
        foreach (var (measure, month, body) in figures)
        {
            await OkAsync(sam.PutAsJsonAsync($"/api/projects/{projectId}/performance/measures/{measure}/months/{month}", body));
        }
    }

    public async Task<JsonElement> PerformanceAsync(string projectId)
    {
        using var admin = As("admin-ada");
        return await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/performance");
    }

    /// <summary>The measure's entry in <c>GET …/performance</c>.</summary>
    public static JsonElement Measure(JsonElement performance, string measureId) =>
        performance.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measureId").GetString() == measureId);

    private static async Task OkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
