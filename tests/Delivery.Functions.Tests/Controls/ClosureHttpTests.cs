using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// Closing an approved £9,000 project with £2,000 spent, an open risk and an open issue: the project manager asks
/// with the checklist and a new owner for each; the end project report is built from the records and kept as a
/// document; the sponsor asks for changes, the manager sends it again, the sponsor approves; the project is Closed
/// and the risk and issue have their new owners. Bad requests are named field by field and store nothing.
/// </summary>
public sealed class ClosureHttpTests(ClosureHttpTests.SponsorApp app) : IClassFixture<ClosureHttpTests.SponsorApp>
{
    /// <summary>The test app with Hana, who can sign in, as every project's sponsor (the directory finds the sponsor by address).</summary>
    public class SponsorApp : ApprovalApp
    {
        protected override void Customise(Dictionary<string, string?> settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            settings["Approvals:People:1:Email"] = ProjectRequestBuilder.SponsorAddress;
        }
    }

    [Fact]
    public async Task The_sponsor_sends_closure_back_then_approves_it_and_the_project_closes_with_its_risks_handed_on()
    {
        var projectId = await ProjectWithRecordsAsync();
        using var sam = app.As("pm-sam");

        using var sent = await sam.PostAsJsonAsync($"/api/projects/{projectId}/closure", Closure("Devices in every library"));
        using var retry = await sam.PostAsJsonAsync($"/api/projects/{projectId}/closure", Closure("Devices in every library"));
        using var early = await sam.PostAsJsonAsync($"/api/projects/{projectId}/closure", Closure("Something else"));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var report = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report");
        Assert.Equal(9_000m, report.GetProperty("cost").GetProperty("approved").GetDecimal());
        Assert.Equal(2_000m, report.GetProperty("cost").GetProperty("outturn").GetDecimal());
        Assert.Equal(-7_000m, report.GetProperty("cost").GetProperty("variance").GetDecimal());
        Assert.Equal((1, 1, 16), (report.GetProperty("risk").GetProperty("openRisks").GetInt32(), report.GetProperty("risk").GetProperty("openIssues").GetInt32(), report.GetProperty("risk").GetProperty("highestOpenScore").GetInt32()));
        Assert.Equal(["Farah Ahmed", "Hana Kowalski"], report.GetProperty("handedOn").EnumerateArray().Select(h => h.GetProperty("newOwner").GetString()!).Order().ToArray());
        Assert.Equal("Closure", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());

        await DecideAsync(projectId, "request-changes", count: 1);
        await ClosureAsync(projectId, "ChangesRequested");
        using var again = await sam.PostAsJsonAsync($"/api/projects/{projectId}/closure", Closure("Devices in every library; support contract signed"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var html = await DecideAsync(projectId, "approve", count: 2);
        Assert.Contains("Closure of the project", html, StringComparison.Ordinal);

        await ClosureAsync(projectId, "Approved");
        await app.StageAsync(projectId, "Closed");
        using var admin = app.As("admin-ada");
        var raid = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/raid");
        var owners = raid.EnumerateArray().ToDictionary(i => i.GetProperty("itemId").GetString()!, i => i.GetProperty("owner").GetProperty("id").GetString()!);
        Assert.Equal(("fin-farah", "sponsor-hana"), (owners["R1"], owners["I1"]));

        using var download = await sam.GetAsync($"/api/projects/{projectId}/closure/report/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var document = await download.Content.ReadAsStringAsync();
        Assert.Contains("End project report: ", document, StringComparison.Ordinal);
        Assert.Contains("£2,000 spent", document, StringComparison.Ordinal);
        Assert.Contains("support contract signed", document, StringComparison.Ordinal);
        await TheWordDocumentSaysTheSameAsync(sam, projectId);
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(2, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "ClosureRequested"));
        Assert.Equal(2, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "ClosureDecided"));
        Assert.Single(await app.Inbox.WaitForAsync(app.EmailOf("pm-sam"), e => e.Subject.StartsWith("Project closed", StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true),
            e => e.Subject.StartsWith("Project closed", StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_incomplete_checklist_and_a_missing_handover_are_named_field_by_field_and_only_the_manager_may_ask()
    {
        var projectId = await ProjectWithRecordsAsync();
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");

        using var bad = await sam.PostAsJsonAsync($"/api/projects/{projectId}/closure", new
        {
            summary = " ",
            checklist = new { deliverablesAccepted = true, handoverConfirmed = false },
            handover = new[] { new { itemId = "R1", newOwnerId = "nobody" } },
        });
        using var requester = await rita.PostAsJsonAsync($"/api/projects/{projectId}/closure", Closure("Done"));

        Assert.Equal(
            ["checklist.handedOverTo", "checklist.handoverConfirmed", "checklist.lessonsLogged", "checklist.supplierContractsClosed", "checklist.usersTrained", "handover[0].newOwnerId", "handover[1].newOwnerId", "summary"],
            await ProblemFields.OfAsync(bad));
        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);
        using var admin = app.As("admin-ada");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/projects/{projectId}/closure")).StatusCode);
        Assert.Equal("Initiation", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
    }

    /// <summary>The report's Word document: valid Office Open XML, titled, with heading styles and the report's figures.</summary>
    private static async Task TheWordDocumentSaysTheSameAsync(HttpClient sam, string projectId)
    {
        using var download = await sam.GetAsync($"/api/projects/{projectId}/closure/report/download.docx");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await download.Content.ReadAsByteArrayAsync());
        using var word = WordprocessingDocument.Open(stream, isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        Assert.StartsWith("End project report: ", word.PackageProperties.Title, StringComparison.Ordinal);
        var paragraphs = word.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().ToList();
        var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToArray();
        Assert.Equal(["Objectives", "Summary", "Baseline against outturn", "Changes and exceptions", "Lessons", "Open risks and issues handed on"], headings);
        var text = string.Join("\n", paragraphs.Select(p => p.InnerText));
        Assert.Contains("£2,000 spent (£2,000 capital, £0 revenue): £7,000 under the approved budget", text, StringComparison.Ordinal);
        Assert.Contains("support contract signed", text, StringComparison.Ordinal);
        var handedOn = word.MainDocumentPart.Document.Body.Elements<Table>().Last().Elements<TableRow>().ToList();
        Assert.NotNull(handedOn[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal(["Farah Ahmed", "Hana Kowalski"], handedOn.Skip(1).Select(r => r.Elements<TableCell>().Last().InnerText).Order().ToArray());
    }

    private async Task<string> ProjectWithRecordsAsync()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", new { entryId = "inv-1", date = today, amount = 2_000m, kind = "capital", supplier = "Laptop Co", description = "Laptops" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", new
        {
            kind = "risk", title = "Supplier support ends", ownerId = "pm-sam", cause = "Contract", @event = "Support lapses", effect = "Outages",
            probability = 4, impact = 4, proximity = "withinProject", response = "transfer",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/I1", new { kind = "issue", title = "Two branches lack network points", ownerId = "pm-sam", issueType = "offSpecification", priority = "high", severity = "medium" })).StatusCode);
        return projectId;
    }

    private static object Closure(string summary) => new
    {
        summary,
        checklist = new { deliverablesAccepted = true, handoverConfirmed = true, usersTrained = true, supplierContractsClosed = true, lessonsLogged = true, handedOverTo = "IT service desk" },
        handover = new[] { new { itemId = "R1", newOwnerId = "fin-farah" }, new { itemId = "I1", newOwnerId = "sponsor-hana" } },
    };

    /// <summary>The sponsor's decision on the closure gate's step, from the link in her latest approval email; returns the page she saw.</summary>
    private async Task<string> DecideAsync(string projectId, string decision, int count)
    {
        var link = await app.LinkToAsync(ProjectRequestBuilder.SponsorAddress, projectId, count);
        var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
        Assert.Contains("closure-v", stepId, StringComparison.Ordinal);
        using var hana = app.As("head-hana");
        var (_, html, _) = await ApprovalApp.OpenAsync(hana, link);
        using var response = await hana.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision, comment = "Decided" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return WebUtility.HtmlDecode(html);
    }

    private async Task ClosureAsync(string projectId, string status)
    {
        using var admin = app.As("admin-ada");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await admin.GetAsync($"/api/projects/{projectId}/closure");
            var closure = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.IsSuccessStatusCode && closure.GetProperty("status").GetString() == status)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The closure of {projectId} did not become {status}: {closure}");
            await Task.Delay(100);
        }
    }
}
