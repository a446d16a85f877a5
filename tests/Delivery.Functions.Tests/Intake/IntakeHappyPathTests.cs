using Delivery.Workflows.Projects;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Intake;

[Collection(AppCollection.Name)]
public sealed class IntakeHappyPathTests(AppFixture fixture)
{
    [Fact]
    public async Task Json_request_is_stored_readable_at_its_location_and_receipted_by_email()
    {
        var request = new ProjectRequestBuilder();
        using var client = fixture.App.ClientAs("rita");

        var response = await client.PostAsync("/api/projects", request.ToJsonContent());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/api/projects/prj-[0-9a-f]{24}$", location);
        var project = await client.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal(request.Title, project.GetProperty("request").GetProperty("title").GetString());
        Assert.Equal("TechnologyProject", project.GetProperty("request").GetProperty("category").GetString());
        Assert.Equal(90000m, project.GetProperty("request").GetProperty("estimatedCost").GetProperty("total").GetDecimal());
        // Intake starts the lifecycle, which may already have moved the project on to its business case.
        Assert.Contains(project.GetProperty("stage").GetString(), new[] { "Request", "BusinessCase" });
        Assert.Equal("rita", project.GetProperty("submittedBy").GetString());

        var emails = await fixture.Inbox.WaitForAsync(request.Requester);
        var receipt = Assert.Single(emails);
        Assert.Equal($"Project request received: {request.Title}", receipt.Subject);
        Assert.Contains(location.Split('/')[^1], receipt.Text, StringComparison.Ordinal);
        Assert.Contains("Estimated cost: £90,000", receipt.Text, StringComparison.Ordinal);
        Assert.Contains(request.Title, receipt.Html, StringComparison.Ordinal);
        Assert.Equal("delivery@example.gov.uk", receipt.From[0].Address);
    }

    [Fact]
    public async Task Url_encoded_form_post_is_accepted_like_json()
    {
        var request = new ProjectRequestBuilder();
        using var client = fixture.App.ClientAs("rita");

        var response = await client.PostAsync("/api/projects", new FormUrlEncodedContent(request.ToFormFields()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var project = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal(request.Requester.Address, project.GetProperty("request").GetProperty("requester").GetProperty("email").GetString());
        Assert.Equal(4, project.GetProperty("request").GetProperty("risks")[0].GetProperty("impact").GetInt32());
        Assert.Single(await fixture.Inbox.WaitForAsync(request.Requester));
    }

    [Fact]
    public async Task Multipart_form_with_a_file_stores_the_attachment_in_blob_storage()
    {
        var request = new ProjectRequestBuilder();
        using var client = fixture.App.ClientAs("rita");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in request.ToFormFields())
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent("quote from supplier"u8.ToArray());
        file.Headers.ContentType = new("text/plain");
        form.Add(file, "attachments", "quote.txt");

        var response = await client.PostAsync("/api/projects", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var project = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        var attachment = project.GetProperty("attachments")[0];
        Assert.Equal("quote.txt", attachment.GetProperty("fileName").GetString());
        Assert.False(attachment.TryGetProperty("blobName", out _), "the API must not show where the file is stored");
        var stored = await fixture.App.Services.GetRequiredService<ProjectRepository>().GetAsync(project.GetProperty("id").GetString()!, CancellationToken.None);
        var blob = fixture.App.Services.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient("attachments").GetBlobClient(stored!.Attachments[0].BlobName);
        var content = await blob.DownloadContentAsync();
        Assert.Equal("quote from supplier", content.Value.Content.ToString());
        Assert.Equal("text/plain", content.Value.Details.ContentType);
    }

    [Fact]
    public async Task A_project_is_hidden_from_a_requester_who_did_not_submit_it()
    {
        var request = new ProjectRequestBuilder();
        using var rita = fixture.App.ClientAs("rita");
        using var sam = fixture.App.ClientAs("pm-sam");
        using var ada = fixture.App.ClientAs("admin-ada");
        var location = (await rita.PostAsync("/api/projects", request.ToJsonContent())).Headers.Location;

        // Sam is a project manager, so may see it; a requester who is not involved gets 404, as if it did not exist.
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync(location)).StatusCode);
        using var ravi = fixture.App.ClientAs("ravi");
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rita.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rita.GetAsync("/api/projects/prj-000000000000000000000000")).StatusCode);
    }
}
