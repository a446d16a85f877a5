using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Delivery.Functions.Tests.Approvals;

namespace Delivery.Functions.Tests.Budget;

/// <summary>
/// The spend form over HTTP on an approved project: a good post records the entry the API would, under the id the
/// form was opened with, once however often it is sent, audited once; a bad post names every field and records
/// nothing; the project manager and Finance may record, the requester may not.
/// </summary>
public sealed partial class SpendPageHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    private static readonly DateTime Today = DateTime.UtcNow;

    [Fact]
    public async Task A_good_post_records_what_the_api_would_once()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var farah = app.As("fin-farah");
        var entryId = EntryIdField().Match(await farah.GetStringAsync(Path(projectId))).Groups[1].Value;

        using var sent = await farah.PostAsync(Path(projectId), Good(entryId));
        using var again = await farah.PostAsync(Path(projectId), Good(entryId));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Spending recorded", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var budget = await farah.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget");
        var entry = budget.GetProperty("spend").EnumerateArray().Single();
        Assert.Equal(entryId, entry.GetProperty("entryId").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.GetProperty("date").GetString());
        Assert.Equal(1500.50m, entry.GetProperty("amount").GetDecimal());
        Assert.Equal("Capital", entry.GetProperty("kind").GetString(), ignoreCase: true);
        Assert.Equal("Laptop Co", entry.GetProperty("supplier").GetString());
        Assert.Equal("First 20 laptops", entry.GetProperty("description").GetString());
        Assert.Equal("INV-1001", entry.GetProperty("reference").GetString());
        Assert.Equal("fin-farah", entry.GetProperty("recordedBy").GetString());
        Assert.Equal(1500.50m, budget.GetProperty("actual").GetProperty("capital").GetDecimal());
        var audit = await farah.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "SpendRecorded"));
    }

    [Fact]
    public async Task A_bad_post_names_every_field_and_records_nothing()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var entryId = EntryIdField().Match(await sam.GetStringAsync(Path(projectId))).Groups[1].Value;
        var tomorrow = Today.AddDays(2);

        using var bad = await sam.PostAsync(Path(projectId), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["entryId"] = entryId,
            ["date-day"] = tomorrow.Day.ToString(CultureInfo.InvariantCulture),
            ["date-month"] = tomorrow.Month.ToString(CultureInfo.InvariantCulture),
            ["date-year"] = tomorrow.Year.ToString(CultureInfo.InvariantCulture),
            ["amount"] = "lots",
            ["supplier"] = " ",
        }));
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["#date-day", "#amount", "#kind", "#supplier", "#description"], ErrorLinks(html));
        Assert.Contains("The date cannot be in the future", html, StringComparison.Ordinal);
        var budget = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget");
        Assert.Equal(0, budget.GetProperty("spend").GetArrayLength());
    }

    [Fact]
    public async Task The_requester_is_refused_and_nothing_is_recorded()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var rita = app.As("rita");
        using var sam = app.As("pm-sam");

        using var opened = await rita.GetAsync(Path(projectId));
        using var posted = await rita.PostAsync(Path(projectId), Good("sp-rita"));

        Assert.Equal(HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget")).GetProperty("spend").GetArrayLength());
        Assert.Contains(Path(projectId), await sam.GetStringAsync($"/api/projects/{projectId}/delivery"), StringComparison.Ordinal);
        Assert.DoesNotContain(Path(projectId), await rita.GetStringAsync($"/api/projects/{projectId}/delivery"), StringComparison.Ordinal);
    }

    private static string Path(string projectId) => $"/api/projects/{projectId}/record-spend";

    private static FormUrlEncodedContent Good(string entryId) => new(new Dictionary<string, string>
    {
        ["entryId"] = entryId,
        ["date-day"] = Today.Day.ToString(CultureInfo.InvariantCulture),
        ["date-month"] = Today.Month.ToString(CultureInfo.InvariantCulture),
        ["date-year"] = Today.Year.ToString(CultureInfo.InvariantCulture),
        ["amount"] = "£1,500.50",
        ["kind"] = "capital",
        ["supplier"] = "Laptop Co",
        ["description"] = "First 20 laptops",
        ["reference"] = "INV-1001",
    });

    private static string[] ErrorLinks(string html) =>
        Regex.Matches(html, "<div class=\"govuk-error-summary__body\">.*?</ul>", RegexOptions.Singleline)
            .SelectMany(m => Regex.Matches(m.Value, "href=\"([^\"]+)\"").Select(l => l.Groups[1].Value))
            .ToArray();

    [GeneratedRegex("name=\"entryId\" value=\"(sp-[0-9a-f]{10})\"")]
    private static partial Regex EntryIdField();
}
