using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Intake;

/// <summary>
/// Identity in requests: the requester is the signed-in person, so nobody can send a receipt to a stranger; the
/// sponsor must be someone the directory knows, and is told they were named.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RequestIdentityTests(AppFixture fixture)
{
    [Fact]
    public async Task The_requester_is_the_signed_in_person_and_the_receipt_goes_to_them()
    {
        // Arrange
        var request = new ProjectRequestBuilder();
        using var ravi = fixture.App.ClientAs("ravi");

        // Act
        var response = await ravi.PostAsync("/api/projects", request.ToJsonContent());

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = (await ravi.GetFromJsonAsync<JsonElement>(response.Headers.Location)).GetProperty("request").GetProperty("requester");
        Assert.Equal("Ravi Singh", stored.GetProperty("name").GetString());
        Assert.Equal("ravi.singh@example.gov.uk", stored.GetProperty("email").GetString());
        var receipt = Assert.Single(await fixture.Inbox.WaitForAsync(request.Requester with { Address = "ravi.singh@example.gov.uk" }));
        Assert.StartsWith("Dear Ravi Singh,", receipt.Text!.Trim().Split('\n').First(l => l.StartsWith("Dear", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Empty(await fixture.Inbox.ToAsync(request.Requester));
    }

    [Fact]
    public async Task A_requester_named_in_the_body_is_refused_and_no_stranger_gets_an_email()
    {
        // Arrange: a request that tries to send its receipt elsewhere.
        var request = new ProjectRequestBuilder().With("requester", new JsonObject { ["name"] = "A Stranger", ["email"] = "stranger@example.gov.uk" });
        var key = Guid.NewGuid().ToString();
        using var rita = fixture.App.ClientAs("rita");

        // Act
        var response = await rita.SendAsync(ProjectDocuments.Post(request.ToJsonContent(), key));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("requester.email", out _));
        Assert.True(errors.TryGetProperty("requester.name", out _));
        Assert.Null(await ProjectDocuments.StoredAsync(fixture, "rita", key));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await fixture.Inbox.ToAsync(new Mailbox("stranger@example.gov.uk", request.Requester.Tag)));
        Assert.Empty(await fixture.Inbox.ToAsync(request.Requester));
    }

    [Fact]
    public async Task A_sponsor_nobody_knows_is_refused_and_nothing_is_stored()
    {
        // Arrange
        var request = new ProjectRequestBuilder().With("sponsor.email", "not.in.the.directory@example.gov.uk");
        var key = Guid.NewGuid().ToString();
        using var rita = fixture.App.ClientAs("rita");

        // Act
        var response = await rita.SendAsync(ProjectDocuments.Post(request.ToJsonContent(), key));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["sponsor.email"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Null(await ProjectDocuments.StoredAsync(fixture, "rita", key));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await fixture.Inbox.ToAsync(new Mailbox("not.in.the.directory@example.gov.uk", request.Requester.Tag)));
    }

    [Fact]
    public async Task The_named_sponsor_is_told_once_with_the_directory_name_even_when_the_request_is_retried()
    {
        // Arrange: the sponsor's name as the requester typed it differs from the directory's.
        var request = new ProjectRequestBuilder().With("sponsor.name", "H. Kowalski").With("sponsor.email", "Hana.Kowalski@example.gov.uk");
        var key = Guid.NewGuid().ToString();
        using var rita = fixture.App.ClientAs("rita");

        // Act: the same request twice, as a client retrying after a timeout would.
        var first = await rita.SendAsync(ProjectDocuments.Post(request.ToJsonContent(), key));
        var second = await rita.SendAsync(ProjectDocuments.Post(request.ToJsonContent(), key));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var sponsor = (await rita.GetFromJsonAsync<JsonElement>(first.Headers.Location)).GetProperty("request").GetProperty("sponsor");
        Assert.Equal("Hana Kowalski", sponsor.GetProperty("name").GetString());
        Assert.Equal(ProjectRequestBuilder.SponsorAddress, sponsor.GetProperty("email").GetString());
        var told = await fixture.Inbox.WaitForAsync(request.Sponsor);
        await Task.Delay(TimeSpan.FromSeconds(2));
        told = await fixture.Inbox.ToAsync(request.Sponsor);
        var email = Assert.Single(told);
        Assert.Equal($"You are the named sponsor of {request.Title}", email.Subject);
        Assert.Contains("Rita Patel has named you as the sponsor", email.Text, StringComparison.Ordinal);
        Assert.Contains(first.Headers.Location!.ToString().Split('/')[^1], email.Text, StringComparison.Ordinal);
    }
}
