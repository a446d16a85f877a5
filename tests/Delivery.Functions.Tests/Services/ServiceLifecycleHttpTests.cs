using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Tests.Services;

/// <summary>
/// A digital service's phases: from Discovery to Live through the sponsor's approval of Alpha and two assessments of
/// Alpha (the first not met, the reassessment of its points not met, met), each move audited; a service that stops
/// after Discovery with its reasons; bad input named field by field with nothing stored.
/// </summary>
public sealed class ServiceLifecycleHttpTests(ServiceApp app) : IClassFixture<ServiceApp>
{
    [Fact]
    public async Task A_service_goes_from_Discovery_to_Live_through_the_sponsor_and_two_assessments_of_Alpha()
    {
        var projectId = await app.DigitalServiceAsync();
        using var sam = app.As("pm-sam");
        using var retry = await sam.PutAsJsonAsync($"/api/projects/{projectId}/service", ServiceApp.Plan(null, "Find out what residents need to report a missed bin"));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        using var toAlpha = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/to-alpha", ServiceApp.Plan("alpha", "Prototype reporting online"));
        using var again = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/to-alpha", ServiceApp.Plan("alpha", "Prototype reporting online"));
        Assert.Equal(HttpStatusCode.Accepted, toAlpha.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await app.WaitingForAsync(projectId, "The sponsor's decision on moving the service from Discovery to Alpha");
        Assert.Equal("Discovery", (await app.ServiceAsync(projectId)).GetProperty("phase").GetString());
        await app.DecideAsync(projectId, "approve", count: 1);
        await app.PhaseAsync(projectId, "Alpha");

        using var unassessed = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/to-private-beta", ServiceApp.Plan("privateBeta", "Private beta with two wards"));
        Assert.Equal(HttpStatusCode.Conflict, unassessed.StatusCode);
        Assert.Contains("needs a met Service Standard assessment", await unassessed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var first = await app.AssessAsync(projectId, "alpha-1", notMet: [5, 12]);
        Assert.Equal("NotMet", first.GetProperty("outcome").GetString());
        using var stillNot = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/to-private-beta", ServiceApp.Plan("privateBeta", "Private beta with two wards"));
        Assert.Equal(HttpStatusCode.Conflict, stillNot.StatusCode);

        var second = await app.AssessAsync(projectId, "alpha-2", notMet: [], reassessmentOf: "alpha-1");
        Assert.Equal([5, 12], second.GetProperty("points").EnumerateArray().Select(p => p.GetInt32()).ToArray());
        Assert.Equal("Met", second.GetProperty("outcome").GetString());

        foreach (var (moveId, to, phase) in new[] { ("to-private-beta", "privateBeta", "PrivateBeta"), ("to-public-beta", "publicBeta", "PublicBeta"), ("to-live", "live", "Live"), ("to-retirement", "retirement", "Retirement") })
        {
            using var moved = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/{moveId}", ServiceApp.Plan(to, $"Goals of {phase}"));
            Assert.Equal(HttpStatusCode.Accepted, moved.StatusCode);
            await app.PhaseAsync(projectId, phase);
        }

        var service = await app.ServiceAsync(projectId);
        Assert.Equal("Retired", service.GetProperty("status").GetString());
        Assert.Equal(["Discovery", "Alpha", "PrivateBeta", "PublicBeta", "Live", "Retirement"], service.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()!).ToArray());
        var moves = service.GetProperty("moves").EnumerateArray().ToList();
        Assert.All(moves, m => Assert.True(m.GetProperty("approved").GetBoolean()));
        Assert.Equal("head-hana", moves[0].GetProperty("decidedBy").GetString());
        Assert.Equal("alpha-2", moves[1].GetProperty("assessmentId").GetString());
        var actions = await app.AuditActionsAsync(projectId);
        Assert.Equal(1, actions.Count(a => a == "ServiceStarted"));
        Assert.Equal(5, actions.Count(a => a == "ServicePhaseRequested"));
        Assert.Equal(5, actions.Count(a => a == "ServicePhaseChanged"));
        Assert.Equal(2, actions.Count(a => a == "AssessmentRequested"));
        Assert.Equal(2, actions.Count(a => a == "AssessmentOutcomeRecorded"));
        Assert.Equal("\"retired\"", await OrchestrationOutputAsync(projectId));
    }

    [Fact]
    public async Task The_sponsor_rejecting_Alpha_keeps_the_service_in_Discovery_and_it_stops_with_its_reasons()
    {
        var projectId = await app.DigitalServiceAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Accepted, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/to-alpha", ServiceApp.Plan("alpha", "Prototype"))).StatusCode);
        await app.DecideAsync(projectId, "reject", count: 1);
        await WaitAsync(projectId, s => s.GetProperty("moves").GetArrayLength() == 1);
        var declined = await app.ServiceAsync(projectId);
        Assert.Equal("Discovery", declined.GetProperty("phase").GetString());
        Assert.False(declined.GetProperty("moves")[0].GetProperty("approved").GetBoolean());

        using var empty = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/stop", new { reasons = " " });
        using var stopped = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/stop", new { reasons = "Residents already report missed bins by phone and are content: we learned not to build it." });
        using var retried = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/stop", new { reasons = "Residents already report missed bins by phone and are content: we learned not to build it." });
        using var moveAfter = await sam.PostAsJsonAsync($"/api/projects/{projectId}/service/moves/late", ServiceApp.Plan("alpha", "Prototype"));

        Assert.Equal(["reasons"], await ProblemFields.OfAsync(empty));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, moveAfter.StatusCode);
        var service = await app.ServiceAsync(projectId);
        Assert.Equal("Stopped", service.GetProperty("status").GetString());
        Assert.Equal("Discovery", service.GetProperty("stop").GetProperty("after").GetString());
        var actions = await app.AuditActionsAsync(projectId);
        Assert.Equal(1, actions.Count(a => a == "ServiceStopped"));
        Assert.Equal(1, actions.Count(a => a == "ServicePhaseDeclined"));
        await app.WaitingForAsync(projectId, "Nothing: the service stopped after Discovery");
        Assert.Equal("\"stopped\"", await OrchestrationOutputAsync(projectId));
    }

    [Fact]
    public async Task Bad_phase_plans_are_named_field_by_field_nothing_is_stored_and_only_the_delivery_manager_of_a_digital_service_may_start_it()
    {
        var projectId = await app.ApprovedProjectAsync(shape: r => r.With("category", "digital-service"));
        var technology = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");

        using var bad = await sam.PutAsJsonAsync($"/api/projects/{projectId}/service", new { goals = "", teamIds = new[] { "nobody" }, budget = -5m, start = "2026-13-01", plannedEnd = (string?)null });
        using var badTypes = await sam.PutAsJsonAsync($"/api/projects/{projectId}/service", new { goals = " ", teamIds = Array.Empty<string>(), budget = 10m, start = ServiceApp.Today, plannedEnd = "2000-01-01" });
        using var requester = await rita.PutAsJsonAsync($"/api/projects/{projectId}/service", ServiceApp.Plan(null, "Goals"));
        using var notAService = await sam.PutAsJsonAsync($"/api/projects/{technology}/service", ServiceApp.Plan(null, "Goals"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["goals", "plannedEnd", "teamIds"], await ProblemFields.OfAsync(badTypes));
        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notAService.StatusCode);
        using var admin = app.As("admin-ada");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/projects/{projectId}/service")).StatusCode);
        Assert.DoesNotContain("ServiceStarted", await app.AuditActionsAsync(projectId));
    }

    /// <summary>The service orchestration's output once it has ended.</summary>
    private async Task<string?> OrchestrationOutputAsync(string projectId)
    {
        var client = app.App.Services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var instance = await client.GetInstanceAsync($"service-{projectId}", getInputsAndOutputs: true);
            if (instance is { IsCompleted: true })
            {
                return instance.SerializedOutput;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The service orchestration of {projectId} did not end: {instance?.RuntimeStatus}");
            await Task.Delay(100);
        }
    }

    private async Task WaitAsync(string projectId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done(await app.ServiceAsync(projectId)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The service {projectId} did not change as expected.");
            await Task.Delay(100);
        }
    }
}
