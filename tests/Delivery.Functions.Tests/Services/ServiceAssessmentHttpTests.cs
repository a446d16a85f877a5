using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Controls;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Services;

/// <summary>
/// Service Standard assessments: a panel with someone from the team (or someone who is not an assessor) is refused,
/// named and audited, and nothing is stored; only an assessment lead assigns a panel and only the panel records the
/// outcome; an outcome that does not cover every point, or says met with a point not met, is named field by field;
/// the conditions of a met outcome reach their owner's daily reminder until done; the report is kept in Blob Storage.
/// </summary>
public sealed class ServiceAssessmentHttpTests(ServiceApp app) : IClassFixture<ServiceApp>
{
    [Fact]
    public async Task A_panel_member_from_the_team_is_refused_and_the_refusal_audited()
    {
        var projectId = await app.DigitalServiceAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/assessments/discovery-1", new { kind = "external", preferredDates = new[] { ServiceApp.Today } })).StatusCode);
        using var lola = app.As("lead-lola");

        using var fromTeam = await lola.PutAsJsonAsync($"/api/projects/{projectId}/assessments/discovery-1/panel", new { leadAssessorId = "dev-dina", assessorIds = new[] { "fin-farah", "assessor-kim" } });
        using var again = await lola.PutAsJsonAsync($"/api/projects/{projectId}/assessments/discovery-1/panel", new { leadAssessorId = "dev-dina", assessorIds = new[] { "fin-farah", "assessor-kim" } });
        using var notLead = await sam.PutAsJsonAsync($"/api/projects/{projectId}/assessments/discovery-1/panel", new { leadAssessorId = "assessor-ash" });

        Assert.Equal(HttpStatusCode.BadRequest, fromTeam.StatusCode);
        var problem = await fromTeam.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["assessorIds[0]", "leadAssessorId"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("in the service's team", problem.GetProperty("errors").GetProperty("leadAssessorId")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not an assessor", problem.GetProperty("errors").GetProperty("assessorIds[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notLead.StatusCode);
        using var admin = app.As("admin-ada");
        var assessment = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/assessments/discovery-1");
        Assert.Equal("Requested", assessment.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, assessment.GetProperty("panel").ValueKind);
        Assert.Equal(1, (await app.AuditActionsAsync(projectId)).Count(a => a == "AssessmentPanelRefused"));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        var refusal = audit.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "AssessmentPanelRefused");
        Assert.Equal("lead-lola", refusal.GetProperty("actor").GetString());
        Assert.Contains("dev-dina", refusal.GetProperty("summary").GetString(), StringComparison.Ordinal);

        using var outsider = await app.As("assessor-kim").PutAsJsonAsync($"/api/projects/{projectId}/assessments/discovery-1/outcome", new { outcome = "met" });
        Assert.Equal(HttpStatusCode.Conflict, outsider.StatusCode);
    }

    [Fact]
    public async Task An_outcome_is_checked_point_by_point_and_only_the_panel_records_it()
    {
        var projectId = await app.DigitalServiceAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/assessments/d1", new { kind = "internal", preferredDates = new[] { ServiceApp.Today } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.As("lead-lola").PutAsJsonAsync($"/api/projects/{projectId}/assessments/d1/panel", new { leadAssessorId = "assessor-ash" })).StatusCode);
        using var ash = app.As("assessor-ash");

        using var bad = await ash.PutAsJsonAsync($"/api/projects/{projectId}/assessments/d1/outcome", new
        {
            results = new object[] { new { point = 1, met = false, reasons = "" }, new { point = 15, met = true, reasons = "Fine" } },
            outcome = "met",
            conditions = new[] { new { conditionId = "c1", description = "Publish the data", ownerId = "nobody", due = "2000-01-01" } },
        });
        using var notPanel = await app.As("assessor-kim").PutAsJsonAsync($"/api/projects/{projectId}/assessments/d1/outcome", new { outcome = "met" });

        Assert.Equal(
            ["conditions[0].due", "conditions[0].ownerId", "outcome", "results", "results[0].reasons", "results[1].point"],
            await ProblemFields.OfAsync(bad));
        Assert.Equal(HttpStatusCode.Forbidden, notPanel.StatusCode);
        using var admin = app.As("admin-ada");
        Assert.Equal("PanelAssigned", (await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/assessments/d1")).GetProperty("status").GetString());
        Assert.DoesNotContain("AssessmentOutcomeRecorded", await app.AuditActionsAsync(projectId));
    }

    [Fact]
    public async Task Conditions_are_reminded_to_their_owner_until_done_and_the_report_is_kept()
    {
        var projectId = await app.DigitalServiceAsync();
        var assessed = await app.AssessAsync(projectId, "discovery-1", notMet: [], conditions:
        [
            new { conditionId = "c1", description = "Publish the accessibility statement", ownerId = "fin-farah", due = ServiceApp.Today },
        ]);
        Assert.Equal("fin-farah", assessed.GetProperty("conditions")[0].GetProperty("ownerId").GetString());
        var day = ControlTimers.UkTimeOn(ControlTimers.WorkingDayFrom(app, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40)), 8);
        var nextDay = ControlTimers.UkTimeOn(ControlTimers.WorkingDayAfter(app, 1, DateOnly.FromDateTime(day.UtcDateTime)), 8);

        await ControlTimers.RunRemindersAsync(app, day);
        var farahs = await app.Inbox.WaitForAsync(app.EmailOf("fin-farah"), e => e.Subject.StartsWith("Your reminders for", StringComparison.Ordinal));
        var text = Assert.Single(farahs).Text!;
        Assert.Contains("Service assessment condition due", text, StringComparison.Ordinal);
        Assert.Contains("Publish the accessibility statement", text, StringComparison.Ordinal);
        Assert.Contains(projectId, text, StringComparison.Ordinal);

        using var farah = app.As("fin-farah");
        using var done = await farah.PostAsync($"/api/projects/{projectId}/assessments/discovery-1/conditions/c1/done", null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var report = await ControlTimers.RunRemindersAsync(app, nextDay);
        Assert.NotNull(report);
        Assert.Single(await app.Inbox.ToAsync(app.EmailOf("fin-farah")), e => e.Subject.StartsWith("Your reminders for", StringComparison.Ordinal));
        Assert.Equal(1, (await app.AuditActionsAsync(projectId)).Count(a => a == "AssessmentConditionDone"));

        using var download = await farah.GetAsync($"/api/projects/{projectId}/assessments/discovery-1/report/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var html = WebUtility.HtmlDecode(await download.Content.ReadAsStringAsync());
        Assert.Contains("Service assessment report", html, StringComparison.Ordinal);
        Assert.Contains("14. Operate a reliable service: met", html, StringComparison.Ordinal);
        Assert.Contains("Publish the accessibility statement", html, StringComparison.Ordinal);
    }
}
