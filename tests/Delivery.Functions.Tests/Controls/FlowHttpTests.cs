using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Audit trails with known answers, written through the app's own <see cref="AuditLog"/> (which keeps the flow view
/// current), in two whole months: A, three months ago, and B, the month after it. Days are counted from each month's start.
/// </summary>
public static class FlowSeed
{
    public static DateTimeOffset MonthA(DateTimeOffset now) => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-3);

    public static DateTimeOffset MonthB(DateTimeOffset now) => MonthA(now).AddMonths(1);

    /// <summary>Seeds seven projects (ids ending p1 to p7 after <paramref name="prefix"/>) and returns that prefix.</summary>
    public static async Task SeedAsync(ApprovalApp app, string prefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var audit = app.App.Services.GetRequiredService<AuditLog>();
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset a = MonthA(now), b = MonthB(now);
        var trails = new (string Project, DateTimeOffset At, AuditAction Action, string Actor, string Subject, string? OnBehalfOf)[]
        {
            // p1: approved in A after 10 days; Lee decides in 1 day, Hana in 3.
            ("p1", a, AuditAction.Submitted, "rita", "p1", null),
            ("p1", a.AddDays(2), AuditAction.StageChanged, AuditEntry.System, "BusinessCase", null),
            ("p1", a.AddDays(5), AuditAction.StageChanged, AuditEntry.System, "Approval", null),
            ("p1", a.AddDays(5), AuditAction.ApprovalRequested, AuditEntry.System, "p1-s1", null),
            ("p1", a.AddDays(6), AuditAction.Decided, "line-lee", "p1-s1", null),
            ("p1", a.AddDays(6), AuditAction.ApprovalRequested, AuditEntry.System, "p1-s2", null),
            ("p1", a.AddDays(9), AuditAction.Decided, "head-hana", "p1-s2", null),
            ("p1", a.AddDays(10), AuditAction.StageChanged, AuditEntry.System, "Initiation", null),

            // p2: approved in A after 11 days; Lee decides in 4 days for Farah.
            ("p2", a.AddDays(1), AuditAction.Submitted, "rita", "p2", null),
            ("p2", a.AddDays(3), AuditAction.StageChanged, AuditEntry.System, "BusinessCase", null),
            ("p2", a.AddDays(8), AuditAction.StageChanged, AuditEntry.System, "Approval", null),
            ("p2", a.AddDays(8), AuditAction.ApprovalRequested, AuditEntry.System, "p2-s3", null),
            ("p2", a.AddDays(12), AuditAction.Decided, "line-lee", "p2-s3", "fin-farah"),
            ("p2", a.AddDays(12), AuditAction.StageChanged, AuditEntry.System, "Initiation", null),

            // p3: approved in B after 3.5 days, straight to approval; Lee decides in 2 days.
            ("p3", b, AuditAction.Submitted, "rita", "p3", null),
            ("p3", b.AddDays(1), AuditAction.StageChanged, AuditEntry.System, "Approval", null),
            ("p3", b.AddDays(1), AuditAction.ApprovalRequested, AuditEntry.System, "p3-s4", null),
            ("p3", b.AddDays(3), AuditAction.Decided, "line-lee", "p3-s4", null),
            ("p3", b.AddDays(3.5), AuditAction.StageChanged, AuditEntry.System, "Initiation", null),

            // p4: in progress, writing its business case since B + 4.
            ("p4", b.AddDays(2), AuditAction.Submitted, "rita", "p4", null),
            ("p4", b.AddDays(4), AuditAction.StageChanged, AuditEntry.System, "BusinessCase", null),

            // p5: in progress, a request since A + 20.
            ("p5", a.AddDays(20), AuditAction.Submitted, "rita", "p5", null),

            // p6: withdrawn; p7: rejected. Neither is in progress nor finished.
            ("p6", a.AddDays(3), AuditAction.Submitted, "rita", "p6", null),
            ("p6", a.AddDays(4), AuditAction.Withdrawn, "rita", "p6", null),
            ("p7", a.AddDays(2), AuditAction.Submitted, "rita", "p7", null),
            ("p7", a.AddDays(3), AuditAction.StageChanged, AuditEntry.System, "BusinessCase", null),
            ("p7", a.AddDays(5), AuditAction.StageChanged, AuditEntry.System, "Rejected", null),
        };
        foreach (var (project, at, action, actor, subject, onBehalfOf) in trails)
        {
            var projectId = prefix + project;
            var entry = new AuditEntry
            {
                Id = string.Empty,
                ProjectId = projectId,
                At = at,
                Actor = actor,
                OnBehalfOf = onBehalfOf,
                Action = action,
                Summary = action.ToString(),
                Subject = subject.StartsWith('p') ? prefix + subject : subject,
            };
            Assert.True(await audit.AppendAsync($"{projectId}:{action}:{subject}", entry, CancellationToken.None));
        }

        // Replaying an entry (a retried writer) changes nothing.
        Assert.False(await audit.AppendAsync($"{prefix}p1:Submitted:p1", new AuditEntry
        {
            Id = string.Empty, ProjectId = prefix + "p1", At = a.AddDays(1), Actor = "rita", Action = AuditAction.Submitted, Summary = "again", Subject = prefix + "p1",
        }, CancellationToken.None));
    }
}

/// <summary>
/// The flow report over seeded audit trails: lead times and their percentiles, throughput per month, time in each
/// stage, approval turnaround per approver, work in progress by stage and each item's age are the known answers; the
/// CSV carries the same figures; a period and bad input; requesters and anonymous callers are refused; the view
/// rebuild gives the same report after the flow view is lost.
/// </summary>
public sealed class FlowHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private const string Prefix = "flow-";

    [Fact]
    public async Task The_flow_report_gives_the_known_answers_in_json_and_csv_and_the_rebuild_gives_them_again()
    {
        await FlowSeed.SeedAsync(app, Prefix);
        using var sam = app.As("pm-sam");
        var report = await sam.GetFromJsonAsync<JsonElement>("/api/reports/flow");
        var now = report.GetProperty("asAt").GetDateTimeOffset();
        var (a, b) = (FlowSeed.MonthA(now), FlowSeed.MonthB(now));

        Assert.Equal(Month(now.AddMonths(-11)), report.GetProperty("from").GetString());
        Assert.Equal(Month(now), report.GetProperty("to").GetString());
        Assert.Equal(
            [("flow-p1", 10d), ("flow-p2", 11d), ("flow-p3", 3.5d)],
            report.GetProperty("finished").EnumerateArray().Select(f => (f.GetProperty("projectId").GetString(), f.GetProperty("leadTimeDays").GetDouble())).ToArray());
        // Nearest rank over 3.5, 10, 11: the 50th percentile is the 2nd, the 85th the 3rd.
        Assert.Equal((3, 8.17, 10d, 11d), Summary(report.GetProperty("leadTime")));

        var throughput = report.GetProperty("throughput").EnumerateArray().ToDictionary(t => t.GetProperty("month").GetString()!, t => t.GetProperty("finished").GetInt32());
        Assert.Equal(12, throughput.Count);
        Assert.Equal((2, 1, 3), (throughput[Month(a)], throughput[Month(b)], throughput.Values.Sum()));

        var stages = report.GetProperty("timeInStage").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!, s => Summary(s.GetProperty("time")));
        Assert.Equal((5, 1.6, 2d, 2d), stages["Request"]); // 2, 2, 1, 2, 1
        Assert.Equal((3, 3.33, 3d, 5d), stages["BusinessCase"]); // 3, 5, 2
        Assert.Equal((3, 3.83, 4d, 5d), stages["Approval"]); // 5, 4, 2.5
        Assert.Equal(3, stages.Count);

        var approvers = report.GetProperty("approvalTurnaround").EnumerateArray().ToDictionary(
            r => r.GetProperty("approver").GetString()!, r => (Summary(r.GetProperty("turnaround")), r.GetProperty("onBehalfOfOthers").GetInt32()));
        Assert.Equal(((3, 2.33, 2d, 4d), 1), approvers["line-lee"]); // 1, 4 (for Farah), 2
        Assert.Equal(((1, 3d, 3d, 3d), 0), approvers["head-hana"]);
        Assert.Equal(2, approvers.Count);

        Assert.Equal(
            [("Request", 1), ("BusinessCase", 1)],
            report.GetProperty("workInProgress").EnumerateArray().Select(w => (w.GetProperty("stage").GetString(), w.GetProperty("count").GetInt32())).ToArray());
        Assert.Equal(
            [("flow-p5", "Request", Age(a.AddDays(20), now)), ("flow-p4", "BusinessCase", Age(b.AddDays(2), now))],
            report.GetProperty("ages").EnumerateArray().Select(x => (x.GetProperty("projectId").GetString(), x.GetProperty("stage").GetString(), x.GetProperty("ageDays").GetDouble())).ToArray());

        // The CSV has the same figures, whichever route asks for it.
        var csv = await sam.GetStringAsync("/api/reports/flow.csv");
        Assert.Equal(csv, await sam.GetStringAsync("/api/reports/flow?format=csv"));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Metric,Subject,Month,Count,Days,Mean days,50th percentile days,85th percentile days", lines[0]);
        Assert.Contains($"Lead time,flow-p3,{Month(b)},1,3.5,,,", lines);
        Assert.Contains("Lead time summary,All approved projects,,3,,8.17,10,11", lines);
        Assert.Contains($"Throughput,Projects approved,{Month(a)},2,,,,", lines);
        Assert.Contains("Time in stage,BusinessCase,,3,,3.33,3,5", lines);
        Assert.Contains("Approval turnaround,line-lee,,3,,2.33,2,4", lines);
        Assert.Contains("Work in progress,Request,,1," + Age(a.AddDays(20), now).ToString(CultureInfo.InvariantCulture) + ",,,", lines);
        Assert.Equal(3 + 1 + 12 + 3 + 2 + 2 + 2 + 1, lines.Length);

        // A period of one month (this one) holds none of it but the work in progress.
        var thisMonth = await sam.GetFromJsonAsync<JsonElement>("/api/reports/flow?months=1");
        Assert.Equal(0, thisMonth.GetProperty("finished").GetArrayLength());
        Assert.Equal(2, thisMonth.GetProperty("ages").GetArrayLength());

        // Lose the flow view, rebuild, and the report is the same.
        var views = app.App.Services.GetRequiredService<Database>().GetContainer(DataContainers.Views);
        foreach (var id in new[] { FlowMonth.IdFor(Month(a)), FlowMonth.IdFor(Month(b)), FlowWip.DocumentId, FlowProjectRow.IdFor("flow-p1") })
        {
            await views.DeleteItemAsync<object>(id, new PartitionKey(ViewIds.Flow));
        }

        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>("/api/reports/flow")).GetProperty("finished").GetArrayLength());
        using var ada = app.As("admin-ada");
        Assert.Equal(HttpStatusCode.OK, (await ada.PostAsync("/api/admin/rebuild-views", null)).StatusCode);
        var rebuilt = await sam.GetFromJsonAsync<JsonElement>("/api/reports/flow");
        foreach (var part in new[] { "finished", "leadTime", "throughput", "timeInStage", "approvalTurnaround", "workInProgress" })
        {
            Assert.Equal(report.GetProperty(part).GetRawText(), rebuilt.GetProperty(part).GetRawText());
        }

        Assert.Equal(
            report.GetProperty("ages").EnumerateArray().Select(x => x.GetProperty("projectId").GetString()).ToArray(),
            rebuilt.GetProperty("ages").EnumerateArray().Select(x => x.GetProperty("projectId").GetString()).ToArray());
    }

    [Fact]
    public async Task Bad_periods_are_named_and_requesters_and_anonymous_callers_are_refused()
    {
        using var sam = app.As("pm-sam");
        foreach (var months in new[] { "0", "37", "twelve", "-1" })
        {
            using var bad = await sam.GetAsync($"/api/reports/flow?months={months}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(["months"], await ProblemFields.OfAsync(bad));
        }

        using var rita = app.As("rita");
        foreach (var route in new[] { "/api/reports/flow", "/api/reports/flow.csv", "/api/reports/flow/page" })
        {
            using var refused = await rita.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.App.BaseAddress };
        using var json = await anonymous.GetAsync("/api/reports/flow");
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
        using var page = await anonymous.GetAsync("/api/reports/flow/page");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    private static (int Count, double Mean, double P50, double P85) Summary(JsonElement s) =>
        (s.GetProperty("count").GetInt32(), s.GetProperty("meanDays").GetDouble(), s.GetProperty("percentile50Days").GetDouble(), s.GetProperty("percentile85Days").GetDouble());

    private static double Age(DateTimeOffset started, DateTimeOffset now) => Math.Round((now - started).TotalDays, 2, MidpointRounding.AwayFromZero);

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
