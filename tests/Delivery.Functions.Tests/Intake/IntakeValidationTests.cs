using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Intake;

[Collection(AppCollection.Name)]
public sealed class IntakeValidationTests(AppFixture fixture)
{
    public static TheoryData<string, string?, string> BadFields() => new()
    {
        { "title", null, "title" },
        { "title", new string('x', 151), "title" },
        { "description", "  ", "description" },
        { "category", null, "category" },
        { "category", "bridge-building", "category" },
        { "requester.email", "someone.else@example.gov.uk", "requester.email" },
        { "requester.name", "Someone Else", "requester.name" },
        { "sponsor.name", new string('s', 101), "sponsor.name" },
        { "sponsor.email", "sponsor@localhost", "sponsor.email" },
        { "sponsor.email", null, "sponsor.email" },
        { "sponsor.email", "stranger@example.gov.uk", "sponsor.email" },
        { "estimatedCost.capital", "lots", "estimatedCost.capital" },
        { "estimatedCost.capital", "-5", "estimatedCost.capital" },
        { "estimatedCost.revenue", "10.555", "estimatedCost.revenue" },
        { "estimatedCost.revenue", null, "estimatedCost.revenue" },
        { "targetStart", "31/01/2027", "targetStart" },
        { "targetStart", "2020-01-01", "targetStart" },
        { "targetEnd", null, "targetEnd" },
        { "benefits[0].measure", null, "benefits[0].measure" },
        { "benefits[0].baseline", "", "benefits[0].baseline" },
        { "benefits[0].target", null, "benefits[0].target" },
        { "benefits[0].date", "soon", "benefits[0].date" },
        { "benefits[0].owner", null, "benefits[0].owner" },
        { "risks[0].description", null, "risks[0].description" },
        { "risks[0].probability", "0", "risks[0].probability" },
        { "risks[0].probability", "6", "risks[0].probability" },
        { "risks[0].impact", "2.5", "risks[0].impact" },
        { "risks[0].impact", null, "risks[0].impact" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_named_in_a_problem_response_and_nothing_is_stored(string path, string? value, string expectedField)
    {
        var request = new ProjectRequestBuilder().With(path, value is null ? null : JsonValue.Create(value));

        var key = Guid.NewGuid().ToString();

        var problem = await PostExpectingProblemAsync(request.ToJsonContent(), HttpStatusCode.BadRequest, key);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(expectedField, out var messages), $"errors lacks {expectedField}: {errors}");
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.Null(await ProjectDocuments.StoredAsync(fixture, "rita", key));
    }

    [Fact]
    public async Task Cost_must_be_more_than_zero_in_total()
    {
        var request = new ProjectRequestBuilder().With("estimatedCost.capital", 0).With("estimatedCost.revenue", 0);

        var problem = await PostExpectingProblemAsync(request.ToJsonContent(), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("estimatedCost", out _));
    }

    [Fact]
    public async Task End_before_start_and_benefit_before_start_are_both_named()
    {
        var request = new ProjectRequestBuilder();
        var start = DateOnly.Parse(request.Json["targetStart"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        request.With("targetEnd", start.AddDays(-1).ToString("yyyy-MM-dd")).With("benefits[0].date", start.AddDays(-2).ToString("yyyy-MM-dd"));

        var problem = await PostExpectingProblemAsync(request.ToJsonContent(), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("targetEnd", out _));
        Assert.True(errors.TryGetProperty("benefits[0].date", out _));
    }

    [Fact]
    public async Task An_empty_request_names_every_required_field_at_once()
    {
        var problem = await PostExpectingProblemAsync(JsonContent.Create(new { }), HttpStatusCode.BadRequest);

        var named = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet();
        string[] required = ["title", "description", "category", "sponsor.email",
            "estimatedCost.capital", "estimatedCost.revenue", "targetStart", "targetEnd", "benefits"];
        Assert.Empty(required.Except(named));
        Assert.Equal("application/problem+json", problem.GetProperty("__contentType").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_and_stores_nothing_and_sends_no_email()
    {
        // A whole request cut short: its requester's address is there, but the JSON never closes.
        var request = new ProjectRequestBuilder();
        var json = request.Json.ToJsonString();
        var content = new StringContent(json[..^2], System.Text.Encoding.UTF8, "application/json");
        var key = Guid.NewGuid().ToString();

        var problem = await PostExpectingProblemAsync(content, HttpStatusCode.BadRequest, key);

        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await ProjectDocuments.StoredAsync(fixture, "rita", key));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await fixture.Inbox.ToAsync(request.Requester));
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_sends_no_email()
    {
        var request = new ProjectRequestBuilder();
        var content = new StringContent(request.Json.ToJsonString(), System.Text.Encoding.UTF8, "text/plain");
        var key = Guid.NewGuid().ToString();

        await PostExpectingProblemAsync(content, HttpStatusCode.UnsupportedMediaType, key);

        Assert.Null(await ProjectDocuments.StoredAsync(fixture, "rita", key));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await fixture.Inbox.ToAsync(request.Requester));
    }

    [Fact]
    public async Task Oversize_body_is_413_and_stores_nothing_and_sends_no_email()
    {
        var request = new ProjectRequestBuilder().With("description", new string('x', 13 * 1024 * 1024));
        var key = Guid.NewGuid().ToString();

        await PostExpectingProblemAsync(request.ToJsonContent(), HttpStatusCode.RequestEntityTooLarge, key);

        Assert.Null(await ProjectDocuments.StoredAsync(fixture, "rita", key));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await fixture.Inbox.ToAsync(request.Requester));
    }

    private async Task<JsonElement> PostExpectingProblemAsync(HttpContent content, HttpStatusCode expected, string? key = null)
    {
        using var client = fixture.App.ClientAs("rita");
        using var message = ProjectDocuments.Post(content, key ?? Guid.NewGuid().ToString());
        var response = await client.SendAsync(message);
        Assert.Equal(expected, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body["__contentType"] = response.Content.Headers.ContentType?.MediaType;
        Assert.Equal((int)expected, body["status"]!.GetValue<int>());
        return JsonSerializer.SerializeToElement(body);
    }
}
