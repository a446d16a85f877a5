using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Delivery.Functions.App.Standalone;
using Delivery.Functions.AttachmentSweep;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Hosting;

/// <summary>The standalone host invokes functions as the worker does: fresh instances, bound parameters, the sign-in step.</summary>
[Collection(AppCollection.Name)]
public sealed class StandaloneInvocationTests(AppFixture fixture)
{
    [Fact]
    public async Task A_request_without_credentials_to_a_function_not_marked_allow_anonymous_is_a_401_problem_with_a_challenge()
    {
        var response = await fixture.App.Client.GetAsync(new Uri("/api/projects/prj-000000000000000000000000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task A_route_no_function_declares_is_404()
    {
        using var rita = fixture.App.ClientAs("rita");

        var response = await rita.PostAsync(new Uri("/SendEmail", UriKind.Relative), JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_receipt_activity_delivered_again_sends_no_second_receipt()
    {
        var request = new ProjectRequestBuilder();
        using var client = fixture.App.ClientAs("rita");
        var projectId = (await client.PostAsync(new Uri("/api/projects", UriKind.Relative), request.ToJsonContent())).Headers.Location!.ToString().Split('/')[^1];
        await fixture.Inbox.WaitForAsync(request.Requester);
        var activity = ActivatorUtilities.CreateInstance<SendReceiptActivity>(fixture.App.Services);

        // The engine delivers activities at least once: run it again, as a redelivery would.
        var sentAgain = await activity.RunAsync(null!, projectId);

        Assert.False(sentAgain);
        Assert.Single(await fixture.Inbox.ToAsync(request.Requester));
    }

    [Fact]
    public async Task Each_invocation_gets_a_new_instance_and_a_durable_client_parameter_comes_from_the_scope()
    {
        var function = Assert.Single(StandaloneFunction.FindAll([typeof(ProbeFunction)]));
        var client = fixture.App.Services.GetRequiredService<DurableTaskClient>();
        await using var services = new ServiceCollection().AddSingleton(client).BuildServiceProvider();
        var before = ProbeFunction.Instances;

        var first = await StandaloneInvoker.InvokeAsync(function, services, "a", new Dictionary<string, object?> { ["id"] = "7" }, CancellationToken.None);
        var second = await StandaloneInvoker.InvokeAsync(function, services, "b", new Dictionary<string, object?> { ["id"] = "8" }, CancellationToken.None);

        Assert.Equal(before + 2, ProbeFunction.Instances);
        Assert.Equal("a 7 True", first);
        Assert.Equal("b 8 True", second);
        Assert.Same(client, ProbeFunction.LastClient);
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
        var projectId = (await client.PostAsync(new Uri("/api/projects", UriKind.Relative), request.ToJsonContent())).Headers.Location!.ToString().Split('/')[^1];
        var kept = (await fixture.App.Services.GetRequiredService<ProjectRepository>().GetAsync(projectId, CancellationToken.None))!.Attachments[0].BlobName;
        var twoDaysOn = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(2));
        var sweep = new AttachmentSweepFunction(
            fixture.App.Services.GetRequiredService<BlobServiceClient>(), fixture.App.Services.GetRequiredService<ProjectRepository>(), twoDaysOn,
            fixture.App.Services.GetRequiredService<ILogger<AttachmentSweepFunction>>());

        var removed = await sweep.RunAsync(TimerTriggerRunner.BuildTimerInfo(null, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.True(removed >= 1);
        Assert.False(await blobs.GetBlobClient(orphan).ExistsAsync());
        Assert.True(await blobs.GetBlobClient(kept).ExistsAsync());
    }

    /// <summary>Counts its instances and reports what it was bound with.</summary>
    public sealed class ProbeFunction
    {
        private static int _instances;

        public ProbeFunction() => Interlocked.Increment(ref _instances);

        public static int Instances => _instances;

        public static DurableTaskClient? LastClient { get; private set; }

        [Function("Probe")]
        public Task<string> RunAsync([QueueTrigger("probe")] string message, string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        {
            LastClient = client;
            return Task.FromResult($"{message} {id} {!cancellationToken.IsCancellationRequested}");
        }
    }
}
