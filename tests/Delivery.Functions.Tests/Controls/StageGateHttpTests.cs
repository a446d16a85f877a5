using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Stage boundaries end to end on an approved £9,000 project: the project manager plans the next stage and sends the
/// end stage report of initiation, built from the project's own records; Lee, whose approval set the tolerances,
/// decides at the stage gate. Passed, the project is in Delivery with the next stage current; refused, the stage goes
/// on until a new version is approved. Bad stages and reports are named field by field.
/// </summary>
public sealed class StageGateHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task A_passed_stage_gate_starts_the_next_stage_and_moves_the_project_into_delivery()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal("initiation", (await StagesAsync(projectId)).GetProperty("currentStageId").GetString());

        using var unplanned = await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/initiation/end-report", Report("stage-1"));
        Assert.Equal(["nextStageId"], await ProblemFields.OfAsync(unplanned));
        using var planned = await sam.PutAsJsonAsync($"/api/projects/{projectId}/stages/stage-1", new { name = "Roll-out", plannedEnd = "2027-03-31" });
        using var replanned = await sam.PutAsJsonAsync($"/api/projects/{projectId}/stages/stage-1", new { name = "Roll-out", plannedEnd = "2027-03-31" });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replanned.StatusCode);

        using var sent = await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/initiation/end-report", Report("stage-1"));
        using var retry = await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/initiation/end-report", Report("stage-1"));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var measures = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(["Time", "Cost", "Scope", "Risk", "Benefits"], measures.Select(m => m.GetProperty("kind").GetString()!).ToArray());
        var cost = measures.Single(m => m.GetProperty("kind").GetString() == "Cost");
        Assert.StartsWith("£9,000 approved", cost.GetProperty("plan").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, cost.GetProperty("band").GetInt32());

        var html = await DecideAsync(projectId, "approve", count: 2);
        Assert.Contains("End stage report: Initiation", html, StringComparison.Ordinal);
        Assert.Contains("Actual against plan", html, StringComparison.Ordinal);
        await ReportAsync(projectId, "Approved");
        await app.StageAsync(projectId, "Delivery");
        await app.WaitingForAsync(projectId, "Delivery: Roll-out, to end 31 March 2027");

        var stages = await StagesAsync(projectId);
        Assert.Equal("stage-1", stages.GetProperty("currentStageId").GetString());
        Assert.Equal("Current", stages.GetProperty("stages")[0].GetProperty("status").GetString());
        Assert.Single(await EmailsToSamAsync(projectId, "Next stage approved"));
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "StageEndReported"));
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "StageGateDecided"));

        // Initiation is over: only the current stage can end next.
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/stages/stage-2", new { name = "Handover", plannedEnd = "2027-05-28" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/initiation/end-report", Report("stage-2"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/stage-1/end-report", Report("stage-2"))).StatusCode);
    }

    [Fact]
    public async Task A_refused_stage_gate_keeps_the_stage_going_until_a_new_report_is_approved()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/stages/stage-1", new { name = "Roll-out", plannedEnd = "2027-03-31" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/initiation/end-report", Report("stage-1"))).StatusCode);
        using var early = await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/initiation/end-report", Report("stage-1", summary: "Something else"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await DecideAsync(projectId, "reject", count: 2);
        await ReportAsync(projectId, "Refused");
        await app.WaitingForAsync(projectId, "A new end stage report for Initiation");
        Assert.Equal("Initiation", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
        Assert.Equal("Planned", (await StagesAsync(projectId)).GetProperty("stages")[0].GetProperty("status").GetString());
        Assert.Single(await EmailsToSamAsync(projectId, "Next stage refused"));
        var revise = $"/api/projects/{projectId}/stages/initiation/end-report/edit";
        Assert.Contains(revise, await sam.GetStringAsync("/api/tasks"), StringComparison.Ordinal);

        using var again = await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/initiation/end-report", Report("stage-1", summary: "Suppliers confirmed; plan reworked"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.DoesNotContain(revise, await sam.GetStringAsync("/api/tasks"), StringComparison.Ordinal);
        await DecideAsync(projectId, "approve", count: 3);
        Assert.Equal(2, (await ReportAsync(projectId, "Approved")).GetProperty("version").GetInt32());
        await app.StageAsync(projectId, "Delivery");
    }

    [Fact]
    public async Task Bad_stages_and_reports_are_named_field_by_field_and_only_the_project_manager_sends_them()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");

        using var bad = await sam.PutAsJsonAsync($"/api/projects/{projectId}/stages/stage-1", new { name = " ", plannedEnd = "2000-01-01" });
        using var taken = await sam.PutAsJsonAsync($"/api/projects/{projectId}/stages/initiation", new { name = "Again", plannedEnd = "2027-03-31" });
        using var requester = await rita.PutAsJsonAsync($"/api/projects/{projectId}/stages/stage-1", new { name = "Roll-out", plannedEnd = "2027-03-31" });
        using var report = await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/initiation/end-report", new { summary = "", nextStageId = "nope" });
        using var notCurrent = await sam.PostAsJsonAsync($"/api/projects/{projectId}/stages/stage-9/end-report", Report("stage-1"));

        Assert.Equal(["name", "plannedEnd"], await ProblemFields.OfAsync(bad));
        Assert.Equal(["stageId"], await ProblemFields.OfAsync(taken));
        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);
        Assert.Equal(["nextStageId", "summary"], await ProblemFields.OfAsync(report));
        Assert.Equal(HttpStatusCode.Conflict, notCurrent.StatusCode);
        var stages = await StagesAsync(projectId);
        Assert.Equal(0, stages.GetProperty("stages").GetArrayLength());
        Assert.Equal(0, stages.GetProperty("reports").GetArrayLength());
    }

    private static object Report(string next, string summary = "Suppliers chosen, plan and risks agreed") => new
    {
        summary,
        lessons = "Book the supplier workshops earlier",
        nextStageId = next,
    };

    /// <summary>Lee's decision on the stage gate's step, from the link in his latest approval email; returns the page he saw.</summary>
    private async Task<string> DecideAsync(string projectId, string decision, int count)
    {
        var link = await app.LinkAsync("line-lee", projectId, count);
        var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
        Assert.Contains("stage-initiation", stepId, StringComparison.Ordinal);
        using var lee = app.As("line-lee");
        var (_, html, _) = await ApprovalApp.OpenAsync(lee, link);
        using var response = await lee.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision, comment = "Decided" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return WebUtility.HtmlDecode(html);
    }

    private async Task<JsonElement> StagesAsync(string projectId)
    {
        using var admin = app.As("admin-ada");
        return await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/stages");
    }

    private async Task<JsonElement> ReportAsync(string projectId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var reports = (await StagesAsync(projectId)).GetProperty("reports");
            if (reports.GetArrayLength() > 0 && reports[0].GetProperty("status").GetString() == status)
            {
                return reports[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"The end stage report of {projectId} did not become {status}: {reports}");
            await Task.Delay(100);
        }
    }

    private async Task<List<ReceivedEmail>> EmailsToSamAsync(string projectId, string subject)
    {
        bool Matches(ReceivedEmail e) => e.Subject.StartsWith(subject, StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true;
        return (await app.Inbox.WaitForAsync(app.EmailOf("pm-sam"), Matches)).Where(Matches).ToList();
    }
}
