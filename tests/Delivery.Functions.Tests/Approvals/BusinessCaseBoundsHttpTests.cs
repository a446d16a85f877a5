using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Delivery.Functions.BusinessCaseDraft;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>A business case cannot be broken for good: out-of-bounds figures are refused on save, and a stored draft that no longer reads is reported, never a 500.</summary>
public sealed class BusinessCaseBoundsHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task An_overflowing_figure_is_a_400_naming_it_and_the_case_stays_readable_and_submittable()
    {
        // Arrange
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        using var rita = app.As("rita");
        Assert.Equal(HttpStatusCode.OK, (await rita.PutAsJsonAsync(CasePath(projectId), BusinessCaseBuilder.Complete(9_000m))).StatusCode);
        var before = await rita.GetStringAsync(CasePath(projectId));
        var overflowing = JsonSerializer.Serialize(BusinessCaseBuilder.Complete(9_000m), JsonSerializerOptions.Web)
            .Replace("\"capital\":9000", "\"capital\":1e400", StringComparison.Ordinal);
        Assert.Contains("1e400", overflowing, StringComparison.Ordinal);

        // Act
        var refused = await rita.PutAsync(CasePath(projectId), new StringContent(overflowing, Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["financial.years[0].capital"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await rita.GetStringAsync(CasePath(projectId)));
        Assert.Equal(HttpStatusCode.Accepted, (await rita.PostAsync($"{CasePath(projectId)}/submit", null)).StatusCode);
        await app.StageAsync(projectId, "Approval");
    }

    [Fact]
    public async Task A_stored_draft_that_no_longer_reads_is_reported_and_can_be_saved_again()
    {
        // Arrange: a draft written before today's limits, with a figure no decimal holds.
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        using var rita = app.As("rita");
        Assert.Equal(HttpStatusCode.OK, (await rita.PutAsJsonAsync(CasePath(projectId), BusinessCaseBuilder.Complete(9_000m))).StatusCode);
        await OverwriteDraftAsync(projectId, "{\"financial\": {\"years\": [{\"year\": \"2026/27\", \"capital\": 1e300, \"revenue\": 0}]}}");

        // Act
        var read = await rita.GetAsync(CasePath(projectId));
        var submit = await rita.PostAsync($"{CasePath(projectId)}/submit", null);

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var view = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, view.GetProperty("draft").ValueKind);
        Assert.Equal(BusinessCaseDraftEndpoint.UnreadableDraft, view.GetProperty("draftProblem").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.True((await submit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("draft", out _));
        Assert.Equal("BusinessCase", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.OK, (await rita.PutAsJsonAsync(CasePath(projectId), BusinessCaseBuilder.Complete(9_000m))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await rita.PostAsync($"{CasePath(projectId)}/submit", null)).StatusCode);
    }

    [Fact]
    public async Task A_stored_draft_whose_total_overflows_is_shown_and_refused_on_submit_with_nothing_started()
    {
        // Arrange: each figure reads as a decimal, but their sum does not fit one.
        var (projectId, _) = await app.NewProjectAsync(9_000m);
        using var rita = app.As("rita");
        Assert.Equal(HttpStatusCode.OK, (await rita.PutAsJsonAsync(CasePath(projectId), BusinessCaseBuilder.Complete(9_000m))).StatusCode);
        var huge = JsonSerializer.Serialize(BusinessCaseBuilder.Complete(9_000m), JsonSerializerOptions.Web)
            .Replace("\"capital\":9000,\"revenue\":0", "\"capital\":70000000000000000000000000000,\"revenue\":70000000000000000000000000000", StringComparison.Ordinal);
        Assert.Contains("70000000000000000000000000000", huge, StringComparison.Ordinal);
        await OverwriteDraftAsync(projectId, huge);

        // Act
        var read = await rita.GetAsync(CasePath(projectId));
        var submit = await rita.PostAsync($"{CasePath(projectId)}/submit", null);

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        var errors = (await submit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("financial.years[0].capital", out _), errors.ToString());
        Assert.Equal("BusinessCase", (await app.ProjectAsync(projectId)).GetProperty("stage").GetString());
        Assert.Empty((await rita.GetFromJsonAsync<JsonElement>(CasePath(projectId))).GetProperty("versions").EnumerateArray());
    }

    private static string CasePath(string projectId) => $"/api/projects/{projectId}/business-case";

    private async Task OverwriteDraftAsync(string projectId, string json)
    {
        var blobs = app.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobContainers.Documents);
        await blobs.GetBlobClient(BusinessCaseDocuments.DraftBlob(projectId)).UploadAsync(BinaryData.FromString(json), overwrite: true);
    }
}
