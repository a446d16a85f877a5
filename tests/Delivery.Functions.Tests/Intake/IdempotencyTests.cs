using System.Net;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Intake;

[Collection(AppCollection.Name)]
public sealed class IdempotencyTests(AppFixture fixture)
{
    [Fact]
    public async Task Same_key_and_body_twice_gives_the_same_project_once_and_one_receipt()
    {
        var request = new ProjectRequestBuilder();
        using var client = fixture.App.ClientAs("rita");
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(client, request, key);
        var second = await PostAsync(client, request, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(request.Title, (await ProjectDocuments.StoredAsync(fixture, "rita", key))!.Request.Title);
        Assert.Single(await fixture.Inbox.WaitForAsync(request.Requester));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await fixture.Inbox.ToAsync(request.Requester));
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_422_and_changes_nothing()
    {
        var request = new ProjectRequestBuilder();
        using var client = fixture.App.ClientAs("rita");
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(client, request, key);

        var changed = await PostAsync(client, request.With("description", "Something else entirely"), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        var stored = await client.GetStringAsync(first.Headers.Location);
        Assert.Contains("Replace 120 ageing public laptops", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_concurrent_retries_with_one_key_make_one_project_and_one_receipt()
    {
        var request = new ProjectRequestBuilder();
        using var client = fixture.App.ClientAs("rita");
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(client, request, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.EndsWith((await ProjectDocuments.StoredAsync(fixture, "rita", key))!.ProjectId, responses[0].Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Single(await fixture.Inbox.WaitForAsync(request.Requester));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await fixture.Inbox.ToAsync(request.Requester));
    }

    [Fact]
    public async Task The_same_key_from_two_people_makes_two_projects()
    {
        var key = Guid.NewGuid().ToString();
        using var rita = fixture.App.ClientAs("rita");
        using var ravi = fixture.App.ClientAs("ravi");

        var fromRita = await PostAsync(rita, new ProjectRequestBuilder(), key);
        var fromRavi = await PostAsync(ravi, new ProjectRequestBuilder(), key);

        Assert.Equal(HttpStatusCode.Accepted, fromRavi.StatusCode);
        Assert.NotEqual(fromRita.Headers.Location, fromRavi.Headers.Location);
    }

    [Fact]
    public async Task A_malformed_key_is_named_in_the_problem()
    {
        using var client = fixture.App.ClientAs("rita");

        var response = await PostAsync(client, new ProjectRequestBuilder(), new string('k', 201));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, ProjectRequestBuilder request, string key) =>
        client.SendAsync(ProjectDocuments.Post(request.ToJsonContent(), key));
}
