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
        foreach (var name in new[] { "cosmos", "blob", "queue", "email" })
        {
            Assert.Equal("Up", body.GetProperty("dependencies").GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_stopped_mail_server_makes_health_503_and_names_it()
    {
        // Port 1 has nothing listening: to the app, the mail server is down.
        await using var app = await RunningApp.StartAsync(fixture.Settings(new() { ["Email:SmtpPort"] = "1" }));

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var dependencies = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dependencies");
        Assert.Equal("Down", dependencies.GetProperty("email").GetProperty("status").GetString());
        Assert.Equal("Up", dependencies.GetProperty("cosmos").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stopped_cosmos_server_makes_health_503_and_names_it()
    {
        // Nothing listens on port 1: to the app, the Cosmos DB server is down (it still starts, and says so).
        await using var app = await RunningApp.StartAsync(fixture.Settings(new() { ["Cosmos:Endpoint"] = "https://127.0.0.1:1/" }));

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var dependencies = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dependencies");
        Assert.Equal("Down", dependencies.GetProperty("cosmos").GetProperty("status").GetString());
        Assert.Equal("Up", dependencies.GetProperty("blob").GetProperty("status").GetString());
        Assert.Equal("Up", dependencies.GetProperty("email").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stopped_storage_service_makes_health_503_and_names_it()
    {
        const string closedPorts = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        await using var app = await RunningApp.StartAsync(
            fixture.Settings(new() { ["Storage:ConnectionString"] = closedPorts }));

        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var dependencies = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dependencies");
        Assert.Equal("Down", dependencies.GetProperty("blob").GetProperty("status").GetString());
        Assert.Equal("Down", dependencies.GetProperty("queue").GetProperty("status").GetString());
        Assert.Equal("Up", dependencies.GetProperty("email").GetProperty("status").GetString());
    }
}
