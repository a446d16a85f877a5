using System.Net;
using System.Text.Json;
using Azure.Core;
using Delivery.Functions.App.Settings;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.App.Storage;

/// <summary>Builds the one <see cref="CosmosClient"/> the app uses.</summary>
public static class CosmosClientFactory
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <remarks>
    /// Gateway mode, because the local server speaks only the gateway protocol. Its self-signed certificate is
    /// accepted only when the endpoint is a loopback address and the app runs in Development; anywhere else the
    /// normal certificate checks apply.
    /// </remarks>
    public static CosmosClient Create(CosmosSettings settings, bool isDevelopment, TokenCredential credential)
    {
        var endpoint = settings.Endpoint ?? throw new SettingsException("Cosmos__Endpoint is required.");
        var options = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            UseSystemTextJsonSerializerWithOptions = JsonOptions,
            MaxRetryAttemptsOnRateLimitedRequests = 9,
            MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(30),
        };
        if (isDevelopment && IsLoopback(endpoint))
        {
            options.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }

        return string.IsNullOrWhiteSpace(settings.Key)
            ? new CosmosClient(endpoint.ToString(), credential, options)
            : new CosmosClient(endpoint.ToString(), settings.Key, options);
    }

    public static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var ip) && IPAddress.IsLoopback(ip));
}
