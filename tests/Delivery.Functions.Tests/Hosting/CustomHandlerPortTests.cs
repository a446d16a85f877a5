using System.Net;
using System.Net.Sockets;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Hosting;

/// <summary>Started by the Functions host, the app listens where the host says and answers its readiness probe.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomHandlerPortTests(AppFixture fixture)
{
    [Fact]
    public async Task The_app_listens_on_FUNCTIONS_CUSTOMHANDLER_PORT_and_answers_the_hosts_probe_on_the_root()
    {
        // Arrange: a free port, and no other address, as under the host.
        var port = FreePort();
        await using var app = await RunningApp.StartAsync(fixture.Settings(new Dictionary<string, string?>
        {
            ["urls"] = null,
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Triggers:RunLocally"] = null,
        }));

        // Act
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var probe = await client.GetAsync(new Uri("/", UriKind.Relative));

        // Assert
        Assert.Equal(port, app.BaseAddress.Port);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal("Delivery is running.", await probe.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
