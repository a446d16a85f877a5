using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Intake;

[Collection(AppCollection.Name)]
public sealed class AttachmentLimitTests(AppFixture fixture)
{
    [Fact]
    public async Task Json_attachment_within_limits_is_stored()
    {
        var request = new ProjectRequestBuilder().With("attachments", new JsonArray(Attachment("plan.pdf", "application/pdf", 2048)));
        using var client = fixture.App.ClientAs("rita");

        var response = await client.PostAsync("/api/projects", request.ToJsonContent());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var project = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal(2048, project.GetProperty("attachments")[0].GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task Too_big_wrong_type_and_too_many_are_each_named_and_nothing_is_stored()
    {
        var attachments = new JsonArray(
            Attachment("huge.pdf", "application/pdf", (5 * 1024 * 1024) + 1),
            Attachment("run.exe", "application/x-msdownload", 10),
            Attachment("a.txt", "text/plain", 10),
            Attachment("b.txt", "text/plain", 10),
            Attachment("c.txt", "text/plain", 10),
            Attachment("d.txt", "text/plain", 10));
        var request = new ProjectRequestBuilder().With("attachments", attachments);
        using var client = fixture.App.ClientAs("rita");
        var key = Guid.NewGuid().ToString();
        using var message = ProjectDocuments.Post(request.ToJsonContent(), key);

        var response = await client.SendAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("attachments", out _));
        Assert.True(errors.TryGetProperty("attachments[0]", out _));
        Assert.True(errors.TryGetProperty("attachments[1].contentType", out _));
        Assert.Null(await ProjectDocuments.StoredAsync(fixture, "rita", key));
        var projectId = Functions.SubmitProject.ProjectIdentity.NewId("rita", key);
        var blobs = fixture.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("attachments");
        Assert.Empty(await blobs.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = projectId }).ToListAsync());
    }

    private static JsonObject Attachment(string name, string type, int size) => new()
    {
        ["fileName"] = name,
        ["contentType"] = type,
        ["content"] = Convert.ToBase64String(new byte[size]),
    };
}
