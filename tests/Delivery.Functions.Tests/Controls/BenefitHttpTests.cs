using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Benefit forecasts through the API: each version stored and audited once, the shortfall against the target
/// worked out, bad input named with nothing stored, and the monitor's figures following.
/// </summary>
public sealed class BenefitHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task A_forecast_shortfall_is_recorded_once_per_version_and_read_against_the_target()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var forecast = new { forecast = 12m, asAt = today, reason = "Older branches keep their old laptops" };

        using var first = await sam.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1", forecast);
        using var retry = await sam.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1", forecast);
        using var unknown = await sam.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b9", forecast);
        using var bad = await sam.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1", new { forecast = 1.005m, asAt = "2000-01-01" });
        using var requester = await rita.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1", forecast);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["asAt", "forecast", "reason"], await ProblemFields.OfAsync(bad));
        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);

        var benefits = await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/benefits");
        var b1 = benefits[0];
        Assert.Equal(12m, b1.GetProperty("forecast").GetDecimal());
        Assert.Equal(20m, b1.GetProperty("shortfallPercent").GetDecimal()); // 40 to 5 promised, 40 to 12 forecast
        Assert.Equal(1, b1.GetProperty("version").GetInt32());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "BenefitForecastRecorded"));

        var figures = await app.App.Services.GetRequiredService<Delivery.Workflows.Monitoring.ControlsView>().GetAsync(projectId, CancellationToken.None);
        Assert.Equal(1, Delivery.Workflows.Monitoring.ToleranceEvaluator.Benefits(figures!).Band); // 20 % short against 10 %
    }
}
