using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Controls;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Services;

/// <summary>
/// A digital service's team budget through the API, against figures worked out by hand: a £40,000 Discovery of three
/// calendar months from the first of next month, costed at £10,000 a month and then by roles at £15,000 a month;
/// the tolerance monitor raising a cost breach for a service whose team would overspend its phase; every bad field
/// named with nothing stored; and only the delivery manager setting the cost.
/// </summary>
public sealed class TeamBudgetHttpTests(ServiceApp app) : IClassFixture<ServiceApp>
{
    /// <summary>The first of next month: whole calendar months from it make the sums exact.</summary>
    private static readonly DateOnly Start = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(1);

    [Fact]
    public async Task Spend_burn_rate_runway_and_forecast_follow_the_team_costs_as_worked_out_by_hand()
    {
        var projectId = await ServiceAsync();
        using var sam = app.As("pm-sam");

        using var runRate = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", new { effectiveFrom = Day(Start), runRate = 10_000m });
        using var roles = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c2", new
        {
            effectiveFrom = Day(Start.AddMonths(1)),
            roles = new[] { new { role = "User researcher", dayRate = 500m, daysPerMonth = 10m }, new { role = "Developer", dayRate = 500m, daysPerMonth = 20m } },
        });
        var budget = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/team-budget?asAt={Day(Start.AddMonths(2))}");

        Assert.Equal(HttpStatusCode.Created, runRate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, roles.StatusCode);
        var figures = budget.GetProperty("figures");

        // Spent: month 1 at £10,000 + month 2 at 500 × 10 + 500 × 20 = £15,000. Left: £15,000, one month at £15,000,
        // so it runs out at the planned end. Forecast: £25,000 + one more month at £15,000 = £40,000, the budget.
        Assert.Equal(25_000m, figures.GetProperty("spentToDate").GetDecimal());
        Assert.Equal(15_000m, figures.GetProperty("burnRatePerMonth").GetDecimal());
        Assert.Equal(15_000m, figures.GetProperty("remaining").GetDecimal());
        Assert.Equal(1m, figures.GetProperty("runwayMonths").GetDecimal());
        Assert.Equal(Day(Start.AddMonths(3)), figures.GetProperty("runsOutOn").GetString());
        Assert.Equal(Start.AddMonths(3).DayNumber - Start.AddMonths(2).DayNumber, figures.GetProperty("runwayDays").GetInt32());
        Assert.Equal(40_000m, figures.GetProperty("forecastAtPhaseEnd").GetDecimal());
        Assert.True(budget.GetProperty("withinTolerance").GetBoolean());
        Assert.Equal(["c1", "c2"], budget.GetProperty("costs").EnumerateArray().Select(c => c.GetProperty("costId").GetString()!).ToArray());
        Assert.Equal(2, (await app.AuditActionsAsync(projectId)).Count(a => a == "TeamCostSet"));
    }

    [Fact]
    public async Task The_same_cost_again_changes_nothing_and_another_under_its_id_is_refused()
    {
        var projectId = await ServiceAsync();
        using var sam = app.As("pm-sam");
        var cost = new { effectiveFrom = Day(Start), runRate = 10_000m };

        using var first = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", cost);
        using var again = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", cost);
        using var other = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", new { effectiveFrom = Day(Start), runRate = 12_000m });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var budget = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/team-budget");
        Assert.Equal(10_000m, Assert.Single(budget.GetProperty("costs").EnumerateArray()).GetProperty("runRate").GetDecimal());
        Assert.Single(await app.AuditActionsAsync(projectId), a => a == "TeamCostSet");
    }

    [Fact]
    public async Task The_tolerance_monitor_raises_a_cost_breach_when_the_team_would_overspend_its_phase()
    {
        var projectId = await ServiceAsync();
        using var sam = app.As("pm-sam");

        // Three months at £20,000 against the £40,000 Discovery budget: £60,000, 50% over.
        using var set = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", new { effectiveFrom = Day(Start), runRate = 20_000m });
        var report = await ControlTimers.RunMonitorAsync(app, ControlTimers.UkTimeOn(ControlTimers.WorkingDayAfter(app, 1), 7));
        var email = await EmailAsync(projectId, "Cost tolerance exceeded");

        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        Assert.NotNull(report);
        Assert.DoesNotContain(projectId, report!.Failed);
        Assert.Contains("Forecast at the end of Discovery £60,000, 50% over the phase budget of £40,000", email.Text, StringComparison.Ordinal);
        using var admin = app.As("admin-ada");
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "ToleranceBreached" && e.GetProperty("subject").GetString()!.StartsWith("Cost-1-", StringComparison.Ordinal));
        Assert.False((await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/team-budget")).GetProperty("withinTolerance").GetBoolean());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_every_bad_field_and_stores_nothing()
    {
        var projectId = await ServiceAsync();
        using var sam = app.As("pm-sam");

        using var badRunRate = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/bad%20id!", new { effectiveFrom = "1999-01-01", runRate = -5m });
        using var badRoles = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", new
        {
            effectiveFrom = Day(Start),
            roles = new object?[] { new { role = " ", dayRate = 0m, daysPerMonth = 40m }, null },
        });
        using var both = await sam.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", new { runRate = 1m, roles = new[] { new { role = "Developer", dayRate = 500m, daysPerMonth = 20m } } });
        using var wrongType = await sam.PutAsync($"/api/projects/{projectId}/team-budget/costs/c1", new StringContent("""{"runRate":"lots"}""", System.Text.Encoding.UTF8, "application/json"));
        using var badDay = await sam.GetAsync($"/api/projects/{projectId}/team-budget?asAt=31-12-2027");
        using var farDay = await sam.GetAsync($"/api/projects/{projectId}/team-budget?asAt=9999-12-31");

        Assert.Equal(["costId", "effectiveFrom", "runRate"], await FieldsAsync(badRunRate));
        Assert.Equal(["roles[0].dayRate", "roles[0].daysPerMonth", "roles[0].role", "roles[1]"], await FieldsAsync(badRoles));
        Assert.Equal(["effectiveFrom", "roles", "runRate"], await FieldsAsync(both));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("runRate", await wrongType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["asAt"], await FieldsAsync(badDay));
        Assert.Equal(["asAt"], await FieldsAsync(farDay));
        var budget = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/team-budget");
        Assert.Empty(budget.GetProperty("costs").EnumerateArray());
        Assert.DoesNotContain("TeamCostSet", await app.AuditActionsAsync(projectId));
    }

    [Fact]
    public async Task Only_the_delivery_manager_sets_the_cost_and_only_those_who_may_see_the_project_read_it()
    {
        var projectId = await ServiceAsync();
        var cost = new { effectiveFrom = Day(Start), runRate = 10_000m };
        using var dina = app.As("dev-dina");
        using var ada = app.As("admin-ada");
        using var ravi = app.As("ravi");
        var technology = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");

        using var byTeamMember = await dina.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", cost);
        using var byAdmin = await ada.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", cost);
        using var byStranger = await ravi.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", cost);
        using var readByStranger = await ravi.GetAsync($"/api/projects/{projectId}/team-budget");
        using var byNobody = await app.App.Client.PutAsJsonAsync($"/api/projects/{projectId}/team-budget/costs/c1", cost);
        using var onATechnologyProject = await sam.PutAsJsonAsync($"/api/projects/{technology}/team-budget/costs/c1", cost);

        Assert.Equal(HttpStatusCode.Forbidden, byTeamMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readByStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, onATechnologyProject.StatusCode);
        Assert.Empty((await ada.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/team-budget")).GetProperty("costs").EnumerateArray());
        Assert.DoesNotContain("TeamCostSet", await app.AuditActionsAsync(projectId));
    }

    /// <summary>An approved digital service whose delivery manager (Sam) started a £40,000 Discovery of three months from <see cref="Start"/>.</summary>
    private async Task<string> ServiceAsync()
    {
        var projectId = await app.ApprovedProjectAsync(shape: r => r.With("category", "digital-service"));
        using var sam = app.As("pm-sam");
        using var started = await sam.PutAsJsonAsync($"/api/projects/{projectId}/service", new
        {
            goals = "Find out how residents pay for garden waste collection",
            teamIds = new[] { "pm-sam", "dev-dina" },
            budget = 40_000m,
            start = Day(Start),
            plannedEnd = Day(Start.AddMonths(3)),
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return projectId;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string[]> FieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Waits for the email to Sam about the project whose subject starts so.</summary>
    private async Task<ReceivedEmail> EmailAsync(string projectId, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var email = (await app.Inbox.ToAsync(app.EmailOf("pm-sam")))
                .FirstOrDefault(e => e.Subject.StartsWith(subject, StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true);
            if (email is not null)
            {
                return email;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No '{subject}' email for {projectId}.");
            await Task.Delay(100);
        }
    }
}
