using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Health;

[Collection(AppCollection.Name)]
public sealed class HealthTests(AppFixture fixture)
{
    [Fact]
    public async Task Every_dependency_is_up_against_the_local_services()
    {
        var response = await fixture.App.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Up", body.GetProperty("status").GetString());
        foreach (var name in new[] { "cosmos", "blob", "durable", "email" })
        {
            Assert.Equal("Up", body.GetProperty("dependencies").GetProperty(name).GetProperty("status").GetString());
        }
    }

    /// <summary>Storage pointed at a port where nothing listens: to the app, Azurite is down.</summary>
    private const string ClosedStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    // Each service "stopped" by pointing the app at port 1, where nothing listens: the real services stay up for the
    // other tests, and to the app the result is the same as a stopped process.
    [Theory]
    [InlineData("Email:SmtpPort", "1", "email", "cosmos,blob,durable")]
    [InlineData("Cosmos:Endpoint", "https://127.0.0.1:1/", "cosmos", "blob,durable,email")]
    [InlineData("Storage:ConnectionString", ClosedStorage, "blob", "cosmos,durable,email")]
    public async Task A_stopped_service_makes_health_503_and_names_it(string setting, string value, string down, string up)
    {
        await using var app = await RunningApp.StartAsync(fixture.Settings(new() { [setting] = value }));

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var dependencies = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dependencies");
        Assert.All(down.Split(','), name => Assert.Equal("Down", dependencies.GetProperty(name).GetProperty("status").GetString()));
        Assert.All(up.Split(','), name => Assert.Equal("Up", dependencies.GetProperty(name).GetProperty("status").GetString()));
    }
}
