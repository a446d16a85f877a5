using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Delivery.Functions.AttachmentSweep;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Projects;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Hosting;

/// <summary>The payloads the Functions host POSTs to /{FunctionName} get well-formed answers.</summary>
[Collection(AppCollection.Name)]
public sealed class InvocationContractTests(AppFixture fixture)
{
    private static readonly string TimerObject =
        """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-23T02:30:00Z","Next":"2026-11-24T02:30:00Z","LastUpdated":"2026-11-23T02:30:00Z"},"IsPastDue":false}""";

    [Fact]
    public async Task Timer_payload_as_an_object_gets_outputs_logs_and_return_value()
    {
        var body = "{\"Data\":{\"timer\":" + TimerObject + "},\"Metadata\":{\"sys\":{\"MethodName\":\"AttachmentSweep\",\"UtcNow\":\"2026-11-24T02:30:00Z\",\"RandGuid\":\"" + Guid.NewGuid() + "\"}}}";

        var reply = await InvokeAsync("AttachmentSweep", body, HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Object, reply.GetProperty("Outputs").ValueKind);
        Assert.Contains("orphaned attachments", reply.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, reply.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task Timer_payload_as_a_json_string_is_read_the_same_way()
    {
        var body = JsonSerializer.Serialize(new { Data = new { timer = TimerObject }, Metadata = new { } });

        var reply = await InvokeAsync("AttachmentSweep", body, HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Number, reply.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task Queue_message_payload_sends_the_receipt_once()
    {
        var request = new ProjectRequestBuilder();
        using var client = fixture.App.ClientAs("rita");
        var projectId = (await client.PostAsync("/api/projects", request.ToJsonContent())).Headers.Location!.ToString().Split('/')[^1];
        await fixture.Inbox.WaitForAsync(request.RequesterEmail);
        var message = JsonSerializer.Serialize(new { ProjectId = projectId, Template = "receipt", RequestedAt = DateTimeOffset.UtcNow });
        var body = JsonSerializer.Serialize(new
        {
            Data = new { message },
            Metadata = new { DequeueCount = 2, Id = Guid.NewGuid().ToString(), InsertionTime = DateTimeOffset.UtcNow },
        });

        var reply = await InvokeAsync("SendEmail", body, HttpStatusCode.OK);

        Assert.Equal("already sent", reply.GetProperty("Logs")[0].GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await fixture.Inbox.ToAsync(request.RequesterEmail));
    }

    [Fact]
    public async Task A_failing_queue_function_answers_500_so_the_host_retries()
    {
        var body = JsonSerializer.Serialize(new { Data = new { message = "not json" }, Metadata = new { DequeueCount = 1 } });

        var reply = await InvokeAsync("SendEmail", body, HttpStatusCode.InternalServerError);

        Assert.Contains("SendEmail failed", reply.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_function_is_404()
    {
        var response = await fixture.App.Client.PostAsync("/NoSuchFunction", JsonContent.Create(new { Data = new { } }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_sweep_removes_old_orphaned_attachments_and_keeps_those_of_stored_projects()
    {
        var blobs = fixture.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("attachments");
        var orphan = $"prj-orphan{Guid.NewGuid():N}"[..28] + "/0-abc";
        await blobs.UploadBlobAsync(orphan, BinaryData.FromString("left behind"));
        var request = new ProjectRequestBuilder().With("attachments", new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["fileName"] = "kept.txt", ["contentType"] = "text/plain", ["content"] = Convert.ToBase64String("kept"u8.ToArray()),
        }));
        using var client = fixture.App.ClientAs("rita");
        var project = await client.GetFromJsonAsync<JsonElement>((await client.PostAsync("/api/projects", request.ToJsonContent())).Headers.Location);
        var kept = project.GetProperty("attachments")[0].GetProperty("blobName").GetString()!;
        var twoDaysOn = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(2));
        var sweep = new AttachmentSweepFunction(
            fixture.App.Services.GetRequiredService<BlobServiceClient>(), fixture.App.Services.GetRequiredService<ProjectRepository>(), twoDaysOn,
            fixture.App.Services.GetRequiredService<ILogger<AttachmentSweepFunction>>());

        await sweep.InvokeAsync(new() { Data = new() { ["timer"] = JsonDocument.Parse(TimerObject).RootElement } }, CancellationToken.None);

        Assert.False(await blobs.GetBlobClient(orphan).ExistsAsync());
        Assert.True(await blobs.GetBlobClient(kept).ExistsAsync());
    }

    private async Task<JsonElement> InvokeAsync(string function, string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await fixture.App.Client.PostAsync($"/{function}", content);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
