using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Controls;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Functions.Tests.Services;
using Delivery.Workflows.Notifications.Templates;

namespace Delivery.Functions.Tests.Cadence;

/// <summary>
/// A service team's cadence: the delivery manager is reminded of a retrospective once its iteration has ended and it
/// is not recorded, and not once it is; its actions reach their owners' grouped daily reminder until done; bad
/// cadences and retrospectives are named field by field and store nothing; only the delivery manager records them.
/// </summary>
public sealed class RetrospectiveHttpTests(ServiceApp app) : IClassFixture<ServiceApp>
{
    [Fact]
    public async Task A_retrospective_due_and_not_recorded_is_reminded_to_the_delivery_manager_and_its_actions_to_their_owners()
    {
        var projectId = await app.DigitalServiceAsync();
        await CadenceSeed.CadenceAsync(app, projectId, days: 14);
        var day = ControlTimers.UkTimeOn(ControlTimers.WorkingDayFrom(app, CadenceSeed.Today.AddDays(14)), 8);
        var nextDay = ControlTimers.UkTimeOn(ControlTimers.WorkingDayAfter(app, 1, DateOnly.FromDateTime(day.UtcDateTime)), 8);
        var dayAfter = ControlTimers.UkTimeOn(ControlTimers.WorkingDayAfter(app, 1, DateOnly.FromDateTime(nextDay.UtcDateTime)), 8);

        // Iteration 1 ended the day before: Sam's grouped reminder says its retrospective is not recorded.
        await ControlTimers.RunRemindersAsync(app, day);
        bool OnDay(ReceivedEmail e) => e.Subject == $"Your reminders for {UkFormat.Date(DateOnly.FromDateTime(day.UtcDateTime))}";
        var sams = await app.Inbox.WaitForAsync(app.EmailOf("pm-sam"), OnDay);
        var text = Assert.Single(sams, OnDay).Text!;
        Assert.Contains($"Retrospective not recorded for Iteration 1, which ended {UkFormat.Date(CadenceSeed.Today.AddDays(13))}", Section(text, projectId), StringComparison.Ordinal);

        using var sam = app.As("pm-sam");
        using var recorded = await sam.PutAsJsonAsync($"/api/projects/{projectId}/retrospectives/1", new
        {
            heldOn = CadenceSeed.Day(0),
            wentWell = "Pairing with the contact centre",
            toImprove = "Stand-ups run long",
            actions = new[] { new { actionId = "a1", description = "Timebox stand-ups to 15 minutes", ownerId = "fin-farah", due = CadenceSeed.Day(0) } },
        });
        using var again = await sam.PutAsJsonAsync($"/api/projects/{projectId}/retrospectives/1", new
        {
            heldOn = CadenceSeed.Day(0),
            wentWell = "Pairing with the contact centre",
            toImprove = "Stand-ups run long",
            actions = new[] { new { actionId = "a1", description = "Timebox stand-ups to 15 minutes", ownerId = "fin-farah", due = CadenceSeed.Day(0) } },
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // Recorded: no retrospective reminder for Sam; the action is in Farah's grouped reminder.
        await ControlTimers.RunRemindersAsync(app, nextDay);
        static bool Reminders(ReceivedEmail e) => e.Subject.StartsWith("Your reminders for", StringComparison.Ordinal);
        var farahs = await app.Inbox.WaitForAsync(app.EmailOf("fin-farah"), Reminders);
        var farahText = Assert.Single(farahs, Reminders).Text!;
        Assert.Contains($"Retrospective action due {UkFormat.Date(CadenceSeed.Today)}: Timebox stand-ups to 15 minutes", farahText, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.Inbox.ToAsync(app.EmailOf("pm-sam")), e => e.Subject.EndsWith(UkFormat.Date(DateOnly.FromDateTime(nextDay.UtcDateTime)), StringComparison.Ordinal)
            && Section(e.Text!, projectId).Contains("Retrospective not recorded", StringComparison.Ordinal));

        using var farah = app.As("fin-farah");
        using var ben = app.As("board-ben");
        using var notOwner = await ben.PostAsync($"/api/projects/{projectId}/retrospectives/1/actions/a1/done", null);
        using var done = await farah.PostAsync($"/api/projects/{projectId}/retrospectives/1/actions/a1/done", null);
        Assert.Equal(HttpStatusCode.Forbidden, notOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await ControlTimers.RunRemindersAsync(app, dayAfter);
        Assert.Single(await app.Inbox.ToAsync(app.EmailOf("fin-farah")), Reminders);

        var cadence = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/cadence");
        Assert.Equal(2, cadence.GetProperty("nextRetrospective").GetProperty("iteration").GetInt32());
        Assert.Equal(CadenceSeed.Day(27), cadence.GetProperty("nextRetrospective").GetProperty("due").GetString());
        Assert.True(cadence.GetProperty("retrospectives")[0].GetProperty("actions")[0].GetProperty("done").GetBoolean());
        var actions = await app.AuditActionsAsync(projectId);
        Assert.Equal(1, actions.Count(a => a == "CadenceSet"));
        Assert.Equal(1, actions.Count(a => a == "RetrospectiveRecorded"));
        Assert.Equal(1, actions.Count(a => a == "RetrospectiveActionDone"));
    }

    [Fact]
    public async Task Bad_cadences_and_retrospectives_name_every_field_and_store_nothing()
    {
        var projectId = await app.DigitalServiceAsync();
        using var sam = app.As("pm-sam");

        using var early = await sam.PutAsJsonAsync($"/api/projects/{projectId}/retrospectives/1", new { heldOn = CadenceSeed.Day(0), wentWell = "a", toImprove = "b" });
        using var badCadence = await sam.PutAsJsonAsync($"/api/projects/{projectId}/cadence", new { iterationDays = 0 });
        using var notJson = await sam.PutAsync($"/api/projects/{projectId}/cadence", new StringContent("{\"iterationDays\":", System.Text.Encoding.UTF8, "application/json"));
        await CadenceSeed.CadenceAsync(app, projectId, days: 42);
        using var badRetro = await sam.PutAsJsonAsync($"/api/projects/{projectId}/retrospectives/0", new
        {
            heldOn = CadenceSeed.Day(3),
            actions = new object?[] { new { actionId = "a 1", ownerId = "nobody" }, null },
        });
        using var future = await sam.PutAsJsonAsync($"/api/projects/{projectId}/retrospectives/3", new { heldOn = CadenceSeed.Day(0), wentWell = "a", toImprove = "b" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(["firstIterationStart", "iterationDays"], await ProblemFields.OfAsync(badCadence));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(
            ["actions[0].actionId", "actions[0].description", "actions[0].due", "actions[0].ownerId", "actions[1]", "heldOn", "iteration", "toImprove", "wentWell"],
            await ProblemFields.OfAsync(badRetro));
        Assert.Equal(["iteration"], await ProblemFields.OfAsync(future));
        var cadence = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/cadence");
        Assert.Equal(42, cadence.GetProperty("iterationDays").GetInt32());
        Assert.Equal(0, cadence.GetProperty("retrospectives").GetArrayLength());
        Assert.DoesNotContain("RetrospectiveRecorded", await app.AuditActionsAsync(projectId));
    }

    [Fact]
    public async Task Only_the_delivery_manager_keeps_the_cadence_and_only_of_a_started_digital_service()
    {
        var projectId = await app.DigitalServiceAsync();
        var technology = await app.ApprovedProjectAsync();
        var notStarted = await app.ApprovedProjectAsync(shape: r => r.With("category", "digital-service"));
        var cadence = new { iterationDays = 14, firstIterationStart = CadenceSeed.Day(0) };

        using var dina = await app.As("dev-dina").PutAsJsonAsync($"/api/projects/{projectId}/cadence", cadence);
        using var ravi = await app.As("ravi").PutAsJsonAsync($"/api/projects/{projectId}/cadence", cadence);
        using var anonymous = await app.App.Client.PutAsJsonAsync($"/api/projects/{projectId}/cadence", cadence);
        using var sam = app.As("pm-sam");
        using var project = await sam.PutAsJsonAsync($"/api/projects/{technology}/cadence", cadence);
        using var before = await sam.PutAsJsonAsync($"/api/projects/{notStarted}/cadence", cadence);
        using var none = await sam.GetAsync($"/api/projects/{projectId}/cadence");

        Assert.Equal(HttpStatusCode.Forbidden, dina.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ravi.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, project.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.DoesNotContain("CadenceSet", await app.AuditActionsAsync(projectId));
    }

    /// <summary>The lines of a grouped reminder about one project: from its heading to the next project's.</summary>
    private static string Section(string text, string projectId)
    {
        var start = text.IndexOf($"({projectId})", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var next = text.IndexOf("(prj-", start + projectId.Length, StringComparison.Ordinal);
        return next < 0 ? text[start..] : text[start..next];
    }
}
