using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Functions.Tests.Services;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Tests.Cadence;

/// <summary>
/// Weeknotes and the portfolio: a weeknote posted twice under one id is stored, audited and emailed once to each
/// stakeholder (the sponsor and the highlight plan's stakeholders); bad notes name every field; only the delivery
/// manager posts; the portfolio shows a service's phase, and follows it when the phase changes.
/// </summary>
public sealed class WeeknoteHttpTests(ServiceApp app) : IClassFixture<ServiceApp>
{
    [Fact]
    public async Task A_weeknote_posted_twice_is_emailed_once_to_each_stakeholder()
    {
        var projectId = await app.DigitalServiceAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.OK, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/highlight-plan", new { everyDays = 14, stakeholderIds = new[] { "board-ben" } })).StatusCode);
        var note = new { weekOf = CadenceSeed.Day(0), whatWeDid = "Ran six usability sessions", whatWeLearned = "Nobody reads the bins calendar", whatsNext = "Prototype the report form", blockers = "" };

        using var posted = await sam.PutAsJsonAsync($"/api/projects/{projectId}/weeknotes/week-1", note);
        using var again = await sam.PutAsJsonAsync($"/api/projects/{projectId}/weeknotes/week-1", note);
        using var changed = await sam.PutAsJsonAsync($"/api/projects/{projectId}/weeknotes/week-1", note with { blockers = "Waiting for the bins API" });

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        var client = app.App.Services.GetRequiredService<DurableTaskClient>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var instance = await client.WaitForInstanceCompletionAsync($"weeknote~{projectId}~week-1", getInputsAndOutputs: true, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(2, instance.ReadOutputAs<int>());
        bool Ours(ReceivedEmail e) => e.Subject.StartsWith("Weeknote, week of", StringComparison.Ordinal) && e.Text!.Contains(projectId, StringComparison.Ordinal);
        var bens = await app.Inbox.WaitForAsync(app.EmailOf("board-ben"), Ours);
        Assert.Contains("Nobody reads the bins calendar", Assert.Single(bens, Ours).Text!, StringComparison.Ordinal);
        Assert.Single(await app.Inbox.WaitForAsync(ProjectRequestBuilder.SponsorAddress, Ours), Ours);
        Assert.Equal(1, (await app.AuditActionsAsync(projectId)).Count(a => a == "WeeknotePosted"));
        var notes = await app.As("head-hana").GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/weeknotes");
        Assert.Equal("Ran six usability sessions", Assert.Single(notes.EnumerateArray()).GetProperty("whatWeDid").GetString());
    }

    [Fact]
    public async Task Bad_weeknotes_name_every_field_and_only_the_delivery_manager_posts()
    {
        var projectId = await app.DigitalServiceAsync();
        using var sam = app.As("pm-sam");

        using var bad = await sam.PutAsJsonAsync($"/api/projects/{projectId}/weeknotes/week%201", new { weekOf = CadenceSeed.Day(14), whatWeDid = " ", blockers = new string('x', 10_001) });
        using var wrongType = await sam.PutAsJsonAsync($"/api/projects/{projectId}/weeknotes/w1", new { weekOf = 5 });
        using var dina = await app.As("dev-dina").PutAsJsonAsync($"/api/projects/{projectId}/weeknotes/w1", new { weekOf = CadenceSeed.Day(0), whatWeDid = "a", whatWeLearned = "b", whatsNext = "c" });

        Assert.Equal(["blockers", "weekOf", "weeknoteId", "whatWeDid", "whatWeLearned", "whatsNext"], await ProblemFields.OfAsync(bad));
        Assert.Equal(["weekOf"], await ProblemFields.OfAsync(wrongType));
        Assert.Equal(HttpStatusCode.Forbidden, dina.StatusCode);
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/weeknotes")).GetArrayLength());
        Assert.DoesNotContain("WeeknotePosted", await app.AuditActionsAsync(projectId));
    }

    [Fact]
    public async Task The_portfolio_shows_a_service_beside_projects_with_its_phase()
    {
        var projectId = await app.DigitalServiceAsync();
        var technology = await app.ApprovedProjectAsync();
        using var hana = app.As("head-hana");
        Assert.EndsWith(",Discovery", await CsvLineAsync(hana, projectId, "Discovery"), StringComparison.Ordinal);
        Assert.EndsWith(",", await CsvLineAsync(hana, technology, null), StringComparison.Ordinal);

        using var sam = app.As("pm-sam");
        using var toAlpha = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/to-alpha", ServiceApp.Plan("alpha", "Prototype reporting online"));
        Assert.Equal(HttpStatusCode.Accepted, toAlpha.StatusCode);
        await app.DecideAsync(projectId, "approve", count: 1);
        await app.PhaseAsync(projectId, "Alpha");

        Assert.EndsWith(",Alpha", await CsvLineAsync(hana, projectId, "Alpha"), StringComparison.Ordinal);
        var page = await hana.GetStringAsync("/api/portfolio?category=DigitalService");
        Assert.Contains("Phase: Alpha", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    /// <summary>The project's line of the portfolio CSV, once its last column (the service phase) says <paramref name="phase"/>.</summary>
    private static async Task<string> CsvLineAsync(HttpClient client, string projectId, string? phase)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var csv = await client.GetStringAsync("/api/portfolio/export");
            var line = csv.Split("\r\n").SingleOrDefault(l => l.StartsWith(projectId + ",", StringComparison.Ordinal));
            if (line is not null && line.EndsWith("," + phase, StringComparison.Ordinal))
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The portfolio did not show {projectId} in {phase}: {line}");
            await Task.Delay(200);
        }
    }
}
