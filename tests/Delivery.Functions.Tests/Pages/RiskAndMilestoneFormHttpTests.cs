using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The risk and milestone forms over HTTP: a good form stores exactly what the API would (sending the same content
/// to the API afterwards is a retry that changes nothing), a bad one names every field in plain words and stores
/// nothing, and a requester is refused (403) with nothing changed.
/// </summary>
public sealed partial class RiskAndMilestoneFormHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private static readonly DateTime Now = DateTime.UtcNow;
    private static readonly DateTime NextMonth = Now.AddDays(30);

    [Fact]
    public async Task A_good_risk_form_stores_what_the_api_would_and_opens_the_delivery_page_with_a_banner()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");

        using var form = await sam.GetAsync($"/api/projects/{projectId}/raid/R1/edit");
        using var posted = await sam.PostAsync($"/api/projects/{projectId}/raid/R1/edit", Form(GoodRisk()));
        using var sameThroughApi = await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", new
        {
            kind = "risk", title = "Laptop supplier cannot meet dates", ownerId = "fin-farah",
            cause = "Only one framework supplier stocks the model", @event = "Deliveries slip", effect = "Branches go live late",
            probability = 3, impact = 4, proximity = "withinStage", response = "reduce", status = "open",
            lastReviewed = Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            actions = new[] { new { actionId = "a1", description = "Agree a second supplier", actioneeId = "pm-sam", due = NextMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), done = true } },
        });

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/api/projects/{projectId}/delivery?saved=risk-R1", posted.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, sameThroughApi.StatusCode);
        var stored = await sameThroughApi.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        Assert.Equal(12, stored.GetProperty("score").GetInt32());
        Assert.True(stored.GetProperty("actions")[0].GetProperty("done").GetBoolean());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "RaidItemRecorded");
        var delivery = await sam.GetStringAsync(posted.Headers.Location);
        Assert.Contains("Risk R1, Laptop supplier cannot meet dates, has been saved.", delivery, StringComparison.Ordinal);
        Assert.Contains($"/api/projects/{projectId}/raid/R2/edit", delivery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_risk_form_names_every_field_in_plain_words_and_stores_nothing()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var bad = new Dictionary<string, string>
        {
            ["impact"] = "9", ["status"] = "Open", ["lastReviewed-day"] = "31", ["lastReviewed-month"] = "2", ["lastReviewed-year"] = "2027",
            ["actions-0-actionId"] = string.Empty, ["actions-0-description"] = "Chase the supplier", ["actions-0-actioneeId"] = string.Empty,
        };

        using var response = await sam.PostAsync($"/api/projects/{projectId}/raid/R1/edit", Form(bad));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["#title", "#ownerId", "#cause", "#event", "#effect", "#probability", "#impact", "#proximity", "#response", "#lastReviewed-day", "#actions-0-actioneeId", "#actions-0-due-day"],
            SummaryLinks().Matches(html).Select(m => m.Groups[1].Value).ToArray());
        Assert.Contains("Choose the impact, from 1 (very low) to 5 (very high).", html, StringComparison.Ordinal);
        Assert.Contains("The date last reviewed must be a real date, like 31 1 2027.", html, StringComparison.Ordinal);
        Assert.Contains("Enter the date action 1 is due.", html, StringComparison.Ordinal);
        Assert.Contains("Chase the supplier", html, StringComparison.Ordinal);
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/raid")).GetArrayLength());
    }

    [Fact]
    public async Task A_requester_is_refused_the_risk_form_and_nothing_changes_but_the_owner_may_review_their_risk()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");
        using var farah = app.As("fin-farah");
        Assert.Equal(HttpStatusCode.Redirect, (await sam.PostAsync($"/api/projects/{projectId}/raid/R1/edit", Form(GoodRisk()))).StatusCode);

        using var ritaForm = await rita.GetAsync($"/api/projects/{projectId}/raid/R1/edit");
        using var ritaPost = await rita.PostAsync($"/api/projects/{projectId}/raid/R1/edit", Form(GoodRisk(title: "Rita's version")));
        using var farahNew = await farah.GetAsync($"/api/projects/{projectId}/raid/R2/edit");
        using var farahReview = await farah.PostAsync($"/api/projects/{projectId}/raid/R1/edit", Form(GoodRisk(probability: "4")));

        Assert.Equal(HttpStatusCode.Forbidden, ritaForm.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ritaPost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, farahNew.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, farahReview.StatusCode);
        var r1 = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/raid"))[0];
        Assert.Equal("Laptop supplier cannot meet dates", r1.GetProperty("title").GetString());
        Assert.Equal(2, r1.GetProperty("version").GetInt32());
        Assert.Equal(16, r1.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task The_milestone_form_stores_what_the_api_would_names_bad_dates_and_refuses_the_requester()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");

        using var bad = await sam.PostAsync($"/api/projects/{projectId}/milestones/m1/edit", Form(new() { ["actual-day"] = "31", ["actual-month"] = "2", ["actual-year"] = "2027" }));
        var badHtml = await bad.Content.ReadAsStringAsync();
        using var refused = await rita.PostAsync($"/api/projects/{projectId}/milestones/m1/edit", Form(Dates("12", "2", "2027")));
        using var good = await sam.PostAsync($"/api/projects/{projectId}/milestones/m1/edit", Form(Dates("12", "2", "2027")));
        using var sameThroughApi = await sam.PutAsJsonAsync($"/api/projects/{projectId}/milestones/m1", new { forecast = "2027-02-12" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["#forecast-day", "#actual-day"], SummaryLinks().Matches(badHtml).Select(m => m.Groups[1].Value).ToArray());
        Assert.Contains("Enter the forecast date.", badHtml, StringComparison.Ordinal);
        Assert.Contains("The date it was reached must be a real date, like 31 1 2027.", badHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal($"/api/projects/{projectId}/delivery?saved=milestone-m1", good.Headers.Location!.ToString());
        var m1 = await sameThroughApi.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, sameThroughApi.StatusCode);
        Assert.Equal(1, m1.GetProperty("version").GetInt32());
        Assert.Equal("2027-01-29", m1.GetProperty("baseline").GetString());
        Assert.Equal("Devices ordered", m1.GetProperty("name").GetString());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "MilestoneRecorded");
        Assert.Contains("The dates of milestone Devices ordered have been saved.", await sam.GetStringAsync(good.Headers.Location), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Dates(string day, string month, string year) =>
        new() { ["forecast-day"] = day, ["forecast-month"] = month, ["forecast-year"] = year };

    /// <summary>The risk form filled in as a person would: Farah owns it, with one action for Sam, done.</summary>
    private static Dictionary<string, string> GoodRisk(string title = "Laptop supplier cannot meet dates", string probability = "3") => new()
    {
        ["title"] = title, ["description"] = string.Empty, ["ownerId"] = "fin-farah",
        ["cause"] = "Only one framework supplier stocks the model", ["event"] = "Deliveries slip", ["effect"] = "Branches go live late",
        ["probability"] = probability, ["impact"] = "4", ["proximity"] = "WithinStage", ["response"] = "Reduce", ["status"] = "Open",
        ["lastReviewed-day"] = Now.Day.ToString(CultureInfo.InvariantCulture), ["lastReviewed-month"] = Now.Month.ToString(CultureInfo.InvariantCulture), ["lastReviewed-year"] = Now.Year.ToString(CultureInfo.InvariantCulture),
        ["actions-0-actionId"] = string.Empty, ["actions-0-description"] = "Agree a second supplier", ["actions-0-actioneeId"] = "pm-sam",
        ["actions-0-due-day"] = NextMonth.Day.ToString(CultureInfo.InvariantCulture), ["actions-0-due-month"] = NextMonth.Month.ToString(CultureInfo.InvariantCulture), ["actions-0-due-year"] = NextMonth.Year.ToString(CultureInfo.InvariantCulture),
        ["actions-0-done"] = "true",
        ["actions-1-actionId"] = string.Empty, ["actions-1-description"] = string.Empty, ["actions-1-actioneeId"] = string.Empty,
    };

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);

    /// <summary>The error summary's links, one per bad field, in page order.</summary>
    [GeneratedRegex("<li><a href=\"(#[^\"]+)\">")]
    private static partial Regex SummaryLinks();
}
