using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Performance;

/// <summary>
/// A digital service's performance through the API: the KPI figures (latest month, against target, change from the
/// month before, cost per transaction computed from cost and transactions) against hand-computed values; the same
/// figure sent again stored and audited once; bad input named field by field with nothing stored; who may record.
/// </summary>
public sealed class PerformanceHttpTests(PerformanceApp app) : IClassFixture<PerformanceApp>
{
    [Fact]
    public async Task The_KPI_figures_are_the_hand_computed_ones()
    {
        var (projectId, _) = await app.ServiceInDiscoveryAsync();

        await app.SeedFiguresAsync(projectId);

        var performance = await app.PerformanceAsync(projectId);
        Assert.Equal(["cost-per-transaction", "user-satisfaction", "completion-rate", "digital-take-up", "reports-per-ward"],
            performance.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("measureId").GetString()!).ToArray());
        var cost = PerformanceApp.Measure(performance, "cost-per-transaction");
        Assert.Equal(("Cost per transaction", "Pounds", "Lower", true), (cost.GetProperty("name").GetString(), cost.GetProperty("unit").GetString(), cost.GetProperty("betterWhen").GetString(), cost.GetProperty("kpi").GetBoolean()));
        Assert.Equal([3.00m, 3.13m], cost.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("value").GetDecimal()).ToArray());
        Assert.Equal(12_500m, cost.GetProperty("months")[1].GetProperty("cost").GetDecimal());
        Assert.Equal(4_000, cost.GetProperty("months")[1].GetProperty("transactions").GetInt64());
        Assert.Equal((PerformanceApp.LastMonth, 3.13m, false, 0.13m), Figures(cost));
        Assert.Equal((PerformanceApp.LastMonth, 86.5m, true, 6.5m), Figures(PerformanceApp.Measure(performance, "user-satisfaction")));
        Assert.Equal((PerformanceApp.LastMonth, 70m, true, -1.25m), Figures(PerformanceApp.Measure(performance, "digital-take-up")));
        var completion = PerformanceApp.Measure(performance, "completion-rate");
        Assert.Equal((88m, false), (completion.GetProperty("latest").GetDecimal(), completion.GetProperty("onTarget").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, completion.GetProperty("change").ValueKind);
        Assert.Equal(JsonValueKind.Null, PerformanceApp.Measure(performance, "reports-per-ward").GetProperty("latest").ValueKind);
    }

    [Fact]
    public async Task The_same_figure_again_is_stored_and_audited_once_and_a_correction_once_more()
    {
        var (projectId, _) = await app.ServiceInDiscoveryAsync();
        await app.SeedFiguresAsync(projectId);
        using var sam = app.As("pm-sam");
        var path = $"/api/projects/{projectId}/performance/measures/user-satisfaction/months/{PerformanceApp.LastMonth}";

        using var again = await sam.PutAsJsonAsync(path, new { value = 86.5m });
        using var corrected = await sam.PutAsJsonAsync(path, new { value = 87m });
        using var correctedAgain = await sam.PutAsJsonAsync(path, new { value = 87m });
        using var measureAgain = await sam.PutAsJsonAsync($"/api/projects/{projectId}/performance/measures/user-satisfaction", new { definition = "How user-satisfaction is counted", target = 85m });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (again.StatusCode, corrected.StatusCode, correctedAgain.StatusCode, measureAgain.StatusCode));
        Assert.Equal(87m, PerformanceApp.Measure(await app.PerformanceAsync(projectId), "user-satisfaction").GetProperty("latest").GetDecimal());
        var actions = await app.AuditActionsAsync(projectId);
        Assert.Equal(5, actions.Count(a => a == "PerformanceMeasureDefined"));
        Assert.Equal(8, actions.Count(a => a == "PerformanceDataRecorded"));
    }

    [Fact]
    public async Task Bad_input_names_every_bad_field_and_stores_nothing()
    {
        var (projectId, _) = await app.ServiceInDiscoveryAsync();
        await app.SeedFiguresAsync(projectId);
        var before = await app.PerformanceAsync(projectId);
        using var sam = app.As("pm-sam");
        var measures = $"/api/projects/{projectId}/performance/measures";
        var future = PerformanceApp.ThisMonth.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        using var badKpi = await sam.PutAsJsonAsync($"{measures}/user-satisfaction", new { name = "Happiness", unit = "count", target = 120m });
        using var badOwn = await sam.PutAsJsonAsync($"{measures}/calls-avoided", new { definition = " ", unit = "furlongs", betterWhen = "sideways", target = 1.5m });
        using var badCost = await sam.PutAsJsonAsync($"{measures}/cost-per-transaction/months/{PerformanceApp.LastMonth}", new { value = 3m, cost = -1m });
        using var badMonth = await sam.PutAsJsonAsync($"{measures}/completion-rate/months/{future}", new { value = 100.5m, transactions = 3 });
        using var notAMonth = await sam.PutAsJsonAsync($"{measures}/completion-rate/months/2027-13", new { value = 90m });
        using var noMeasure = await sam.PutAsJsonAsync($"{measures}/calls-avoided/months/{PerformanceApp.LastMonth}", new { value = 3m });
        using var badStakeholders = await sam.PutAsJsonAsync($"/api/projects/{projectId}/performance/stakeholders", new { stakeholderIds = new[] { "fin-farah", "nobody", " " } });
        using var wrongType = await sam.PutAsJsonAsync($"{measures}/completion-rate/months/{PerformanceApp.LastMonth}", new { value = "lots" });

        Assert.Equal(["definition", "name", "target", "unit"], await ProblemFields.OfAsync(badKpi));
        Assert.Equal(["betterWhen", "definition", "name", "unit"], await ProblemFields.OfAsync(badOwn));
        Assert.Equal(["cost", "transactions", "value"], await ProblemFields.OfAsync(badCost));
        Assert.Equal(["month", "transactions", "value"], await ProblemFields.OfAsync(badMonth));
        Assert.Equal(["month"], await ProblemFields.OfAsync(notAMonth));
        Assert.Equal(HttpStatusCode.NotFound, noMeasure.StatusCode);
        Assert.Equal(["stakeholderIds[1]", "stakeholderIds[2]"], await ProblemFields.OfAsync(badStakeholders));
        Assert.Equal(["value"], await ProblemFields.OfAsync(wrongType));
        Assert.Equal(before.ToString(), (await app.PerformanceAsync(projectId)).ToString());
    }

    [Fact]
    public async Task Only_the_delivery_manager_of_a_started_digital_service_records_and_whoever_may_see_it_reads()
    {
        var (projectId, _) = await app.ServiceInDiscoveryAsync();
        var technology = await app.ApprovedProjectAsync();
        var unstarted = await app.ApprovedProjectAsync(shape: r => r.With("category", "digital-service"));
        var body = new { definition = "Satisfied or very satisfied", target = 85m };
        var path = "/performance/measures/user-satisfaction";
        var csv = new StringContent("measure,month,value\n", Encoding.UTF8, "text/csv");

        using var rita = app.As("rita");
        using var hana = app.As("head-hana");
        using var ravi = app.As("ravi");
        using var sam = app.As("pm-sam");
        using var anonymous = new HttpClient { BaseAddress = app.App.BaseAddress };

        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PutAsJsonAsync($"/api/projects/{projectId}{path}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hana.PutAsJsonAsync($"/api/projects/{projectId}/performance/stakeholders", new { stakeholderIds = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PostAsync($"/api/projects/{projectId}/performance/import", csv)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.PutAsJsonAsync($"/api/projects/{projectId}{path}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.GetAsync($"/api/projects/{projectId}/performance")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/projects/{projectId}/performance")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sam.PutAsJsonAsync($"/api/projects/{technology}{path}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sam.PutAsJsonAsync($"/api/projects/{unstarted}{path}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rita.GetAsync($"/api/projects/{projectId}/performance")).StatusCode);
        Assert.Empty((await app.PerformanceAsync(projectId)).GetProperty("measures").EnumerateArray());
        Assert.DoesNotContain(await app.AuditActionsAsync(projectId), a => a.StartsWith("Performance", StringComparison.Ordinal));
    }

    private static (string? Month, decimal Latest, bool OnTarget, decimal Change) Figures(JsonElement measure) =>
        (measure.GetProperty("latestMonth").GetString(), measure.GetProperty("latest").GetDecimal(), measure.GetProperty("onTarget").GetBoolean(), measure.GetProperty("change").GetDecimal());
}
