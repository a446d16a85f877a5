using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Budget;

/// <summary>
/// Spend and forecasts through the API on an approved project: recorded once however often they are sent, audited
/// once, bad input named field by field with nothing stored, and only the project manager or Finance may record.
/// The budget view adds them up against the approved baseline.
/// </summary>
public sealed class BudgetHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task Spend_and_forecasts_are_recorded_once_audited_once_and_add_up_against_the_baseline()
    {
        var projectId = await app.ApprovedProjectAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var sam = app.As("pm-sam");
        var spend = new { entryId = "inv-1001", date = today, amount = 1500.50m, kind = "capital", supplier = "Laptop Co", description = "First 20 laptops", reference = "INV-1001" };

        using var first = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", spend);
        using var retry = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", spend);
        using var reused = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", spend with { amount = 99m });
        using var revenue = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", spend with { entryId = "inv-1002", amount = 200m, kind = "revenue", reference = "INV-1002" });
        using var forecast = await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f-1", atCompletion = 10_500m, asAt = today, reason = "Prices rose" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, revenue.StatusCode);
        Assert.Equal(HttpStatusCode.Created, forecast.StatusCode);
        var budget = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget");
        Assert.Equal(9_000m, budget.GetProperty("approved").GetDecimal());
        Assert.Equal(1500.50m, budget.GetProperty("actual").GetProperty("capital").GetDecimal());
        Assert.Equal(200m, budget.GetProperty("actual").GetProperty("revenue").GetDecimal());
        Assert.Equal(1700.50m, budget.GetProperty("actual").GetProperty("total").GetDecimal());
        Assert.Equal(10_500m, budget.GetProperty("forecastAtCompletion").GetDecimal());
        Assert.Equal(1_500m, budget.GetProperty("variance").GetDecimal());
        Assert.Equal(16.7m, budget.GetProperty("variancePercent").GetDecimal());
        Assert.Equal(2, budget.GetProperty("spend").GetArrayLength());

        // The project page shows the same figures, as a summary and as a chart with its table.
        var page = System.Net.WebUtility.HtmlDecode(await sam.GetStringAsync($"/api/projects/{projectId}/page"));
        Assert.Contains("£1,500 over (16.7%)", page, StringComparison.Ordinal);
        Assert.Contains("<title id=\"budget-title\">Budget: approved, spent and forecast</title>", page, StringComparison.Ordinal);
        Assert.Contains("Approved: £9,000; Spent to date: " + Money(1700.50m) + "; Forecast: £10,500", page, StringComparison.Ordinal);

        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(2, actions.Count(a => a == "SpendRecorded"));
        Assert.Equal(1, actions.Count(a => a == "ForecastRecorded"));
    }

    [Fact]
    public async Task Bad_spend_is_refused_naming_every_field_and_stores_nothing()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");

        using var bad = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend",
            new { entryId = "has spaces", date = "2000-01-01", amount = -5m, kind = "both", description = "x" });
        using var future = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend",
            new { entryId = "inv-9", date = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), amount = 1.005m, kind = "revenue", supplier = "S", description = "x" });
        using var forecast = await sam.PostAsJsonAsync($"/api/projects/{projectId}/forecast", new { entryId = "f-9", atCompletion = 0m });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["amount", "date", "entryId", "kind", "supplier"], await ProblemFields.OfAsync(bad));
        Assert.Equal(["amount", "date"], await ProblemFields.OfAsync(future));
        Assert.Equal(["asAt", "atCompletion", "reason"], await ProblemFields.OfAsync(forecast));
        var budget = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget");
        Assert.Equal(0, budget.GetProperty("spend").GetArrayLength());
        Assert.Equal(0, budget.GetProperty("forecasts").GetArrayLength());
    }

    [Fact]
    public async Task Only_the_project_manager_or_finance_records_and_only_once_the_project_is_approved()
    {
        var projectId = await app.ApprovedProjectAsync();
        var (waiting, _) = await app.NewProjectAsync(9_000m);
        var spend = new { entryId = "inv-1", date = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), amount = 10m, kind = "revenue", supplier = "S", description = "Cables" };
        using var rita = app.As("rita");
        using var hana = app.As("head-hana");
        using var farah = app.As("fin-farah");
        using var ravi = app.As("ravi");

        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PostAsJsonAsync($"/api/projects/{projectId}/spend", spend)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hana.PostAsJsonAsync($"/api/projects/{projectId}/spend", spend)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await farah.PostAsJsonAsync($"/api/projects/{projectId}/spend", spend)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await farah.PostAsJsonAsync($"/api/projects/{waiting}/spend", spend)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.GetAsync($"/api/projects/{projectId}/budget")).StatusCode);
        Assert.Equal(1, (await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget")).GetProperty("spend").GetArrayLength());
    }

    private static string Money(decimal amount) => Delivery.Workflows.Notifications.Templates.UkFormat.Money(amount);
}
