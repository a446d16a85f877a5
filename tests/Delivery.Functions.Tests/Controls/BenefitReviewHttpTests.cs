using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Views;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Benefits realisation after closure, with reviews seconds apart: a project with two benefits (laptop faults per
/// month 40 → 5 owned by Farah, library visits per week 1,000 → 1,500 owned by Ben) is closed; reviews 1, 2 and 3
/// open in order and each owner is emailed a link; Ben leaves review 1 unrecorded, is reminded and it goes to the
/// sponsor, and he records it late; others are refused and bad input is named field by field; the report's figures
/// are checked against hand-computed ones, and after the last review the project is Done and its orchestrations end.
/// </summary>
public sealed class BenefitReviewHttpTests(BenefitReviewHttpTests.BenefitsApp app) : IClassFixture<BenefitReviewHttpTests.BenefitsApp>
{
    /// <summary>The sponsor app with reviews 3, 6 and 9 seconds after closure, reminders after 2 seconds and escalation 2 seconds later.</summary>
    public class BenefitsApp : ClosureHttpTests.SponsorApp
    {
        protected override void Customise(Dictionary<string, string?> settings)
        {
            base.Customise(settings);
            settings["Benefits:ReviewOffsets"] = "00:00:03,00:00:06,00:00:09";
            settings["Benefits:ReminderAfter"] = "00:00:02";
            settings["Benefits:EscalateAfter"] = "00:00:02";
        }

        /// <summary>An approved project with the two benefits, closed by the sponsor; returns its id.</summary>
        public async Task<string> ClosedProjectAsync()
        {
            var projectId = await ApprovedProjectAsync(shape: r => r
                .With("benefits[0].owner", "fin-farah")
                .With("benefits", new JsonArray(
                    JsonNode.Parse(r.Json["benefits"]![0]!.ToJsonString())!,
                    new JsonObject
                    {
                        ["measure"] = "Library visits per week",
                        ["baseline"] = "1000",
                        ["target"] = "1500",
                        ["date"] = r.Json["benefits"]![0]!["date"]!.GetValue<string>(),
                        ["owner"] = "Ben Clarke",
                    })));
            using var sam = As("pm-sam");
            using var sent = await sam.PostAsJsonAsync($"/api/projects/{projectId}/closure", new
            {
                summary = "Devices in every library",
                checklist = new { deliverablesAccepted = true, handoverConfirmed = true, usersTrained = true, supplierContractsClosed = true, lessonsLogged = true, handedOverTo = "IT service desk" },
                handover = Array.Empty<object>(),
            });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            var link = await LinkToAsync(ProjectRequestBuilder.SponsorAddress, projectId);
            var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
            using var hana = As("head-hana");
            using var decided = await hana.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "approve", comment = "Closed" });
            Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
            return projectId;
        }

        /// <summary>The link in the email to an address whose subject starts with the words, for the project.</summary>
        public async Task<string> ReviewLinkAsync(string address, string projectId, string subject, string benefitId, int review)
        {
            var path = $"/api/projects/{projectId}/benefits/{benefitId}/reviews/{review}/page";
            var emails = await Inbox.WaitForAsync(address, e => e.Subject.StartsWith(subject, StringComparison.Ordinal) && e.Text?.Contains(path, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60));
            Assert.NotEmpty(emails);
            return path;
        }
    }

    [Fact]
    public async Task Reviews_open_in_order_are_chased_and_escalated_recorded_by_their_owners_and_reported_then_the_lifecycle_ends()
    {
        var projectId = await app.ClosedProjectAsync();
        var farahAddress = app.EmailOf("fin-farah");
        var benAddress = app.EmailOf("board-ben");
        using var farah = app.As("fin-farah");
        using var ben = app.As("board-ben");
        using var rita = app.As("rita");
        using var sam = app.As("pm-sam");

        // Review 1 opens: each owner is emailed the link to their own benefit's review.
        await app.ReviewLinkAsync(farahAddress, projectId, "Benefits review due", "b1", 1);
        await app.ReviewLinkAsync(benAddress, projectId, "Benefits review due", "b2", 1);
        await app.StageAsync(projectId, "BenefitsReview");

        // Others are refused; bad input is named field by field and stores nothing.
        using var notOwner = await ben.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", Review(30m));
        using var requester = await rita.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", Review(30m));
        using var ravi = app.As("ravi");
        using var stranger = await ravi.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", Review(30m));
        using var manager = await sam.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", Review(30m));
        using var notOpen = await farah.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/4", Review(30m));
        using var bad = await farah.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", new { actual = 1.234m, measuredOn = "2999-01-01", comment = new string('x', 5_000) });
        using var empty = await farah.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", new { });
        Assert.Equal(HttpStatusCode.Forbidden, notOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, manager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notOpen.StatusCode);
        Assert.Equal(["actual", "comment", "measuredOn"], await ProblemFields.OfAsync(bad));
        Assert.Equal(["actual", "measuredOn"], await ProblemFields.OfAsync(empty));

        // The open review waits in its owner's tasks, due when the reminder would go, until it is recorded.
        var tasks = app.App.Services.GetRequiredService<TaskView>();
        var farahsReview = Assert.Single(await tasks.ListAsync("fin-farah", CancellationToken.None), t => t.ProjectId == projectId);
        Assert.Equal((PersonTaskKind.RecordBenefitReview, $"/api/projects/{projectId}/benefits/b1/reviews/1/page", "Benefits review 1: Laptop faults per month"), (farahsReview.Kind, farahsReview.Href, farahsReview.Subject));
        Assert.Equal(farahsReview.Since + TimeSpan.FromSeconds(2), farahsReview.DueAt);

        // Farah records hers (twice: the retry changes nothing); Ben does not, is reminded, and it goes to the sponsor.
        using var recorded = await farah.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", Review(30m));
        using var retried = await farah.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/1", Review(30m));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var first = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((28.6m, 25m), (first.GetProperty("achievedPercent").GetDecimal(), first.GetProperty("shortfall").GetDecimal()));
        Assert.DoesNotContain(await tasks.ListAsync("fin-farah", CancellationToken.None), t => t.ProjectId == projectId && t.Href.EndsWith("/b1/reviews/1/page", StringComparison.Ordinal));
        await app.ReviewLinkAsync(benAddress, projectId, "Reminder: benefits review overdue", "b2", 1);
        await app.ReviewLinkAsync(ProjectRequestBuilder.SponsorAddress, projectId, "Benefits review not recorded", "b2", 1);

        // Reviews 2 and 3 open in order; Ben's late review 1 is still recordable, here by the sponsor on his behalf.
        await app.ReviewLinkAsync(farahAddress, projectId, "Benefits review due", "b1", 2);
        using var hana = app.As("head-hana");
        Assert.Equal(HttpStatusCode.OK, (await hana.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b2/reviews/1", Review(1100m))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await farah.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/2", Review(12m))).StatusCode);
        await app.ReviewLinkAsync(benAddress, projectId, "Benefits review due", "b2", 2);
        Assert.Equal(HttpStatusCode.OK, (await ben.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b2/reviews/2", Review(1300m))).StatusCode);
        await app.ReviewLinkAsync(farahAddress, projectId, "Benefits review due", "b1", 3);
        await app.ReviewLinkAsync(benAddress, projectId, "Benefits review due", "b2", 3);
        Assert.Equal(HttpStatusCode.OK, (await farah.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b1/reviews/3", Review(4m))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ben.PutAsJsonAsync($"/api/projects/{projectId}/benefits/b2/reviews/3", Review(1450m))).StatusCode);

        // After the last review the project is Done and both orchestrations have ended.
        await app.StageAsync(projectId, "Done");
        var client = app.App.Services.GetRequiredService<DurableTaskClient>();
        await UntilCompletedAsync(client, BenefitReviewOrchestrator.InstanceIdFor(projectId));
        await UntilCompletedAsync(client, ProjectControlOrchestrator.InstanceIdFor(projectId));

        // Faults 40 → 5: 30 is (30−40)/(5−40) = 28.6% (25 short), 12 is 80% (7 short), 4 is 102.9% (met).
        // Visits 1,000 → 1,500: 1,100 is 20% (400 short), 1,300 is 60% (200 short), 1,450 is 90% (50 short).
        // Latest: 102.9 and 90, mean 96.45 → 96.5; one met its target; 6 reviews, all recorded.
        var report = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/benefits/report");
        Assert.Equal([28.6m, 80m, 102.9m], Achieved(report, 0));
        Assert.Equal([20m, 60m, 90m], Achieved(report, 1));
        Assert.Equal([25m, 7m, 0m], Figures(report, 0, "shortfall"));
        Assert.Equal([400m, 200m, 50m], Figures(report, 1, "shortfall"));
        Assert.Equal([false, false, false], Reviews(report, 0).Select(r => r.GetProperty("escalated").GetBoolean() && r.GetProperty("review").GetInt32() > 1).ToArray());
        Assert.True(Reviews(report, 1)[0].GetProperty("escalated").GetBoolean());
        Assert.Equal((6, 6, 0, 2, 1, 96.5m), Totals(report));
        Assert.Equal(("40", "5", "1000", "1500"), (Benefit(report, 0).GetProperty("baseline").GetString(), Benefit(report, 0).GetProperty("target").GetString(), Benefit(report, 1).GetProperty("baseline").GetString(), Benefit(report, 1).GetProperty("target").GetString()));

        using var admin = app.As("admin-ada");
        var portfolio = await admin.GetFromJsonAsync<JsonElement>("/api/benefits/report");
        var row = portfolio.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("projectId").GetString() == projectId);
        Assert.Equal((6, 6, 0, 2, 1, 96.5m), Totals(row));
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.GetAsync("/api/benefits/report")).StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        int Count(string action) => audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == action);
        Assert.Equal((6, 6, 1), (Count("BenefitReviewOpened"), Count("BenefitReviewRecorded"), Count("BenefitReviewsFinished")));
        Assert.True(Count("BenefitReviewEscalated") >= 1);
    }

    private static object Review(decimal actual) => new { actual, measuredOn = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), comment = "Measured from the service desk log" };

    private static JsonElement Benefit(JsonElement report, int index) => report.GetProperty("benefits")[index];

    private static JsonElement[] Reviews(JsonElement report, int index) => Benefit(report, index).GetProperty("reviews").EnumerateArray().ToArray();

    private static decimal[] Figures(JsonElement report, int index, string name) => Reviews(report, index).Select(r => r.GetProperty(name).GetDecimal()).ToArray();

    private static decimal[] Achieved(JsonElement report, int index) => Figures(report, index, "achievedPercent");

    private static (int, int, int, int, int, decimal) Totals(JsonElement r) => (
        r.GetProperty("reviewsOpened").GetInt32(), r.GetProperty("reviewsRecorded").GetInt32(), r.GetProperty("reviewsOutstanding").GetInt32(),
        r.GetProperty("benefitsMeasured").GetInt32(), r.GetProperty("benefitsMetTarget").GetInt32(), r.GetProperty("meanAchievedPercent").GetDecimal());

    private static async Task UntilCompletedAsync(DurableTaskClient client, string instanceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetInstanceAsync(instanceId))?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} did not complete.");
            await Task.Delay(200);
        }
    }
}
