using Microsoft.Extensions.DependencyInjection.Extensions;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Delivery.Functions.App.Settings;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Storage;

/// <summary>Registers the Azure clients once each, and the start-up step that creates what is missing.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddDeliveryStorage(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton<TokenCredential>(_ => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            // A user-assigned identity is named by AZURE_CLIENT_ID in Azure; unset locally, where keys are used.
            ManagedIdentityClientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
        }));
        // TryAdd: a benchmark may bring its own client (the same settings, with its requests counted).
        services.TryAddSingleton(sp => CosmosClientFactory.Create(
            sp.GetRequiredService<IOptions<CosmosSettings>>().Value, environment.IsDevelopment(), sp.GetRequiredService<TokenCredential>()));
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<CosmosSettings>>().Value;
            return sp.GetRequiredService<CosmosClient>().GetDatabase(settings.Database);
        });
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<StorageSettings>>().Value;
            return string.IsNullOrWhiteSpace(settings.ConnectionString)
                ? new BlobServiceClient(settings.BlobServiceUri, sp.GetRequiredService<TokenCredential>())
                : new BlobServiceClient(settings.ConnectionString);
        });
        services.AddHostedService<DataStoreInitializer>();
        return services;
    }

    /// <summary>A queue service client on the configured account: a connection string locally, the managed identity in Azure.</summary>
    public static QueueServiceClient QueueService(IServiceProvider services, QueueMessageEncoding encoding)
    {
        var settings = services.GetRequiredService<IOptions<StorageSettings>>().Value;
        var options = new QueueClientOptions { MessageEncoding = encoding };
        return string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? new QueueServiceClient(settings.QueueServiceUri, services.GetRequiredService<TokenCredential>(), options)
            : new QueueServiceClient(settings.ConnectionString, options);
    }
}
