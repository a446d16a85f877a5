using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Delivery.Functions.App.DataProtection;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Controls;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Storage;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Tests.DataProtection;

/// <summary>
/// Subject access and erasure for Rita Patel, who requested a project that was then delivered and closed (her name is
/// in the closure summary, so in the end project report's HTML and Word documents) while Ravi requested another. Her
/// export finds her project's records and documents and not Ravi's; erasure leaves no trace of her address, name or
/// sign-in id in any partition, view, email record or file, keeps every audit entry (hers now under a pseudonym), and
/// changes nothing of Ravi's. Both are for administrators only, bad input is named field by field, and both are logged.
/// </summary>
public sealed class ErasureHttpTests(ClosureHttpTests.SponsorApp app) : IClassFixture<ClosureHttpTests.SponsorApp>
{
    private const string RitaAddress = "rita.patel@example.gov.uk";

    [Fact]
    public async Task Ritas_export_finds_her_records_then_erasure_leaves_no_trace_of_her_anywhere_and_nothing_else_changes()
    {
        var ravis = await app.RequestedByAsync("ravi", "Ravi's library printers");
        var ritas = await ClosedProjectAsync();
        var database = app.App.Services.GetRequiredService<Database>();
        var blobs = app.App.Services.GetRequiredService<BlobServiceClient>();
        var ravisBefore = await PersonalDataScan.PartitionAsync(database, DataContainers.Projects, ravis);
        var auditBefore = await AuditAsync(ritas);
        Assert.Contains(auditBefore, e => e.GetProperty("actor").GetString() == "rita");
        var files = (await PersonalDataScan.FilesAsync(blobs)).Where(f => f.Key.Contains(ritas, StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.Key.EndsWith(".html", StringComparison.Ordinal) && f.Value.Contains("Rita Patel", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Key.EndsWith(".docx", StringComparison.Ordinal) && f.Value.Contains("Rita Patel", StringComparison.Ordinal));

        using var ada = app.As("admin-ada");
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.PostAsJsonAsync("/api/admin/data-protection/subject-access", new { email = RitaAddress })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.PostAsJsonAsync("/api/admin/data-protection/erasure", new { email = RitaAddress, reason = "Request 114" })).StatusCode);
        Assert.Equal(["email"], await ProblemFields.OfAsync(await ada.PostAsJsonAsync("/api/admin/data-protection/subject-access", new { email = "rita at home" })));
        Assert.Equal(["email", "reason"], await ProblemFields.OfAsync(await ada.PostAsJsonAsync("/api/admin/data-protection/erasure", new { email = " ", reason = new string('x', 5_000) })));
        Assert.Equal(["email", "reason"], await ProblemFields.OfAsync(await ada.PostAsJsonAsync("/api/admin/data-protection/erasure", new { })));
        Assert.Equal(auditBefore.Count, (await AuditAsync(ritas)).Count);

        // The export: her project with its records (the project, audit entries, emails sent to her) and both reports; not Ravi's.
        using var exported = await ada.PostAsJsonAsync("/api/admin/data-protection/subject-access", new { email = "Rita.Patel@example.gov.uk" });
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        var export = await exported.Content.ReadFromJsonAsync<JsonElement>();
        var projects = export.GetProperty("projects").EnumerateArray().ToList();
        Assert.Equal([ritas], projects.Select(p => p.GetProperty("projectId").GetString()!).ToArray());
        var types = projects[0].GetProperty("documents").EnumerateArray().Select(d => $"{d.GetProperty("container").GetString()}:{d.GetProperty("type").GetString()}").ToHashSet();
        Assert.Superset(new HashSet<string> { "projects:project", "projects:audit", "projects:email", "projects:business-case", "projects:closure", "views:flow-project" }, types);
        var projectFields = projects[0].GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("type").GetString() == "project").GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal(("Rita Patel", RitaAddress, "rita"), (projectFields["request.requester.name"], projectFields["request.requester.email"], projectFields["submittedBy"]));
        Assert.Equal(["rita", "Rita Patel"], export.GetProperty("knownAs").EnumerateArray().Select(k => k.GetString()!).ToArray());
        var received = export.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.Equal(received.AddMonths(1), export.GetProperty("dueBy").GetDateTimeOffset());
        Assert.Equal([$"{ritas}/end-project-report-v1.docx", $"{ritas}/end-project-report-v1.html"],
            export.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray());

        using var erased = await ada.PostAsJsonAsync("/api/admin/data-protection/erasure", new { email = RitaAddress, reason = "Right to erasure request 114" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var result = await erased.Content.ReadFromJsonAsync<ErasureResult>(JsonSerializerOptions.Web);
        Assert.Equal((1, 2, false), (result!.Projects, result.Files, result.InDirectory));
        Assert.Matches("^Person [0-9a-f]{10}$", result.Pseudonym);
        Assert.Empty(result.FilesToReview);
        var code = result.Pseudonym["Person ".Length..];

        // No trace of her in any partition the app wrote or any of its files; Ravi's partition exactly as it was.
        IEnumerable<string> people = [.. ApprovalApp.Approvers, "rita"];
        var stored = new List<string>();
        foreach (var projectId in new[] { ritas, ravis, "digest~rita", "draft~rita" })
        {
            stored.AddRange((await PersonalDataScan.PartitionAsync(database, DataContainers.Projects, projectId)).Values);
        }

        foreach (var partition in PersonalDataScan.ViewPartitions(people))
        {
            stored.AddRange((await PersonalDataScan.PartitionAsync(database, DataContainers.Views, partition)).Values);
        }

        stored.AddRange((await PersonalDataScan.FilesAsync(blobs)).Where(f => f.Key.Contains(ritas, StringComparison.Ordinal)).Select(f => f.Value));
        Assert.DoesNotContain(stored, s => s.Contains("rita.patel", StringComparison.OrdinalIgnoreCase) || s.Contains("Rita Patel", StringComparison.OrdinalIgnoreCase) || s.Contains("\"rita\"", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(stored, s => s.Contains($"Person {code}", StringComparison.Ordinal));
        Assert.Equal(ravisBefore, await PersonalDataScan.PartitionAsync(database, DataContainers.Projects, ravis));

        // Every audit entry stays, hers under the pseudonym, with one more saying what happened; the Word document still opens.
        var auditAfter = await AuditAsync(ritas);
        Assert.Equal(auditBefore.Count + 1, auditAfter.Count);
        Assert.Equal(auditBefore.Count(e => e.GetProperty("actor").GetString() == "rita"), auditAfter.Count(e => e.GetProperty("actor").GetString() == $"anonymised-{code}"));
        var erasure = Assert.Single(auditAfter, e => e.GetProperty("action").GetString() == "PersonalDataErased");
        Assert.Equal(("admin-ada", code), (erasure.GetProperty("actor").GetString(), erasure.GetProperty("subject").GetString()));
        using (var docx = await sam.GetAsync($"/api/projects/{ritas}/closure/report/download.docx"))
        {
            using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), isEditable: false);
            Assert.Contains($"Person {code} confirmed the handover", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        // The workflow engine's state for her project holds neither her address nor her name.
        var client = app.App.Services.GetRequiredService<DurableTaskClient>();
        var lifecycle = await client.GetInstanceAsync(LifecycleEvents.InstanceIdFor(ritas), getInputsAndOutputs: true);
        var state = string.Join("|", lifecycle!.SerializedInput, lifecycle.SerializedOutput, lifecycle.SerializedCustomStatus);
        Assert.DoesNotContain("rita.patel", state, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Rita Patel", state, StringComparison.OrdinalIgnoreCase);

        // Asking again finds nothing and changes nothing; the log names her only by the pseudonym.
        var again = await (await ada.PostAsJsonAsync("/api/admin/data-protection/subject-access", new { email = RitaAddress })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 0, 0), (again.GetProperty("projects").GetArrayLength(), again.GetProperty("otherRecords").GetArrayLength(), again.GetProperty("files").GetArrayLength()));
        var twice = await (await ada.PostAsJsonAsync("/api/admin/data-protection/erasure", new { email = RitaAddress, reason = "Again" })).Content.ReadFromJsonAsync<ErasureResult>(JsonSerializerOptions.Web);
        Assert.Equal((0, 0, 0), (twice!.Projects, twice.Documents, twice.Files));
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.GetAsync("/api/admin/data-protection/jobs")).StatusCode);
        var log = (await ada.GetFromJsonAsync<DataProtectionRecord[]>("/api/admin/data-protection/jobs", JsonSerializerOptions.Web))!;
        Assert.Equal(
            [(DataProtectionJob.SubjectAccess, code), (DataProtectionJob.SubjectAccess, code), (DataProtectionJob.Erasure, code), (DataProtectionJob.Erasure, code)],
            log.Select(r => (r.Job, r.Subject)).Order().ToArray());
        Assert.All(log, r => Assert.Equal("admin-ada", r.RequestedBy));
        Assert.DoesNotContain(RitaAddress, await ada.GetStringAsync("/api/admin/data-protection/jobs"), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Rita's project, delivered and closed by the sponsor, with her name in the closure summary.</summary>
    private async Task<string> ClosedProjectAsync()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        using var sent = await sam.PostAsJsonAsync($"/api/projects/{projectId}/closure", new
        {
            summary = "Devices in every library; Rita Patel confirmed the handover",
            checklist = new { deliverablesAccepted = true, handoverConfirmed = true, usersTrained = true, supplierContractsClosed = true, lessonsLogged = true, handedOverTo = "IT service desk" },
            handover = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var link = await app.LinkToAsync(ProjectRequestBuilder.SponsorAddress, projectId);
        var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
        using var hana = app.As("head-hana");
        using var decided = await hana.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "approve", comment = "Closed" });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        await app.StageAsync(projectId, "Closed");
        return projectId;
    }

    private async Task<List<JsonElement>> AuditAsync(string projectId)
    {
        using var ada = app.As("admin-ada");
        return (await ada.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit")).EnumerateArray().ToList();
    }
}
