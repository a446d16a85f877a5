using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Delivery.Functions.Tests.Performance;

/// <summary>
/// Monthly figures from CSV: a good file stores every figure (cost per transaction computed) and the same file again
/// changes nothing and is audited once; a file with a bad row stores nothing and names the row and its fields;
/// the preview stores nothing.
/// </summary>
public sealed class PerformanceImportHttpTests(PerformanceApp app) : IClassFixture<PerformanceApp>
{
    [Fact]
    public async Task A_good_file_stores_every_figure_once_however_often_it_is_sent()
    {
        var (projectId, _) = await app.ServiceInDiscoveryAsync();
        await DefineAsync(projectId);
        var csv = $"Measure,Month,Value,Cost,Transactions\ncost-per-transaction,{PerformanceApp.MonthBefore},,\"10,000\",3000\n"
            + $"cost-per-transaction,{PerformanceApp.LastMonth},,9000.50,3000\nuser-satisfaction,{PerformanceApp.LastMonth},91.5,,\n";
        using var sam = app.As("pm-sam");

        using var preview = await sam.PostAsync($"/api/projects/{projectId}/performance/import/preview", Csv(csv));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(3, (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("figures").GetArrayLength());
        Assert.Equal(0, PerformanceApp.Measure(await app.PerformanceAsync(projectId), "cost-per-transaction").GetProperty("months").GetArrayLength());

        using var first = await sam.PostAsync($"/api/projects/{projectId}/performance/import", Csv(csv));
        using var again = await sam.PostAsync($"/api/projects/{projectId}/performance/import", Csv(csv));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (stored, storedAgain) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await again.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal((3, 3, 0), (stored.GetProperty("rows").GetInt32(), stored.GetProperty("changed").GetInt32(), storedAgain.GetProperty("changed").GetInt32()));
        var performance = await app.PerformanceAsync(projectId);
        var cost = PerformanceApp.Measure(performance, "cost-per-transaction");
        // £10,000 / 3,000 = £3.333… → £3.33; £9,000.50 / 3,000 = £3.0001… → £3.00; change -£0.33.
        Assert.Equal([3.33m, 3.00m], cost.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("value").GetDecimal()).ToArray());
        Assert.Equal(-0.33m, cost.GetProperty("change").GetDecimal());
        Assert.Equal(91.5m, PerformanceApp.Measure(performance, "user-satisfaction").GetProperty("latest").GetDecimal());
        Assert.Equal(1, (await app.AuditActionsAsync(projectId)).Count(a => a == "PerformanceDataImported"));
    }

    [Fact]
    public async Task A_file_with_bad_rows_stores_nothing_and_names_each_row_and_field()
    {
        var (projectId, _) = await app.ServiceInDiscoveryAsync();
        await DefineAsync(projectId);
        var csv = $"measure,month,value,cost,transactions\nuser-satisfaction,{PerformanceApp.LastMonth},90,,\n"
            + $"cost-per-transaction,{PerformanceApp.LastMonth},3,12000,\n"
            + $"calls-avoided,not-a-month,5,,\n"
            + $"user-satisfaction,{PerformanceApp.MonthBefore},lots,,\n"
            + $"user-satisfaction,{PerformanceApp.LastMonth},90,,\n";
        using var sam = app.As("pm-sam");

        using var response = await sam.PostAsync($"/api/projects/{projectId}/performance/import", Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["row 3", "row 4", "row 5", "row 6"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["transactions", "value"], Fields(errors, "row 3"));
        Assert.Equal(["measure", "month"], Fields(errors, "row 4"));
        Assert.Equal(["value"], Fields(errors, "row 5"));
        Assert.Equal(["month"], Fields(errors, "row 6"));
        var performance = await app.PerformanceAsync(projectId);
        Assert.All(performance.GetProperty("measures").EnumerateArray(), m => Assert.Equal(0, m.GetProperty("months").GetArrayLength()));
        Assert.DoesNotContain("PerformanceDataImported", await app.AuditActionsAsync(projectId));

        using var headerless = await sam.PostAsync($"/api/projects/{projectId}/performance/import", Csv("what,ever\n1,2\n"));
        using var empty = await sam.PostAsync($"/api/projects/{projectId}/performance/import", Csv(string.Empty));
        Assert.Equal(["file"], (await Infrastructure.ProblemFields.OfAsync(headerless)).ToArray());
        Assert.Equal(["file"], (await Infrastructure.ProblemFields.OfAsync(empty)).ToArray());

        using var unclosed = await sam.PostAsync($"/api/projects/{projectId}/performance/import", Csv($"measure,month,value\nuser-satisfaction,{PerformanceApp.LastMonth},\"90\n"));
        using var huge = await sam.PostAsync($"/api/projects/{projectId}/performance/import", Csv($"measure,month,value\nuser-satisfaction,{PerformanceApp.LastMonth},{new string('9', 100_000)}\n"));
        Assert.Equal(["row 2"], (await Infrastructure.ProblemFields.OfAsync(unclosed)).ToArray());
        Assert.Equal(["row 2"], (await Infrastructure.ProblemFields.OfAsync(huge)).ToArray());
        Assert.All((await app.PerformanceAsync(projectId)).GetProperty("measures").EnumerateArray(), m => Assert.Equal(0, m.GetProperty("months").GetArrayLength()));
    }

    private async Task DefineAsync(string projectId)
    {
        using var sam = app.As("pm-sam");
        foreach (var id in new[] { "cost-per-transaction", "user-satisfaction" })
        {
            using var defined = await sam.PutAsJsonAsync($"/api/projects/{projectId}/performance/measures/{id}", new { definition = "As GOV.UK defines it", target = id == "user-satisfaction" ? 85m : 3m });
            Assert.Equal(HttpStatusCode.Created, defined.StatusCode);
        }
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>The fields a row's problems name ("value: …"), in order.</summary>
    private static string[] Fields(JsonElement errors, string row) =>
        errors.GetProperty(row).EnumerateArray().Select(m => m.GetString()!.Split(':')[0]).Order(StringComparer.Ordinal).ToArray();
}
