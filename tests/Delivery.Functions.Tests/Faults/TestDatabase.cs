using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Storage;
using Delivery.Functions.Tests.Infrastructure;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.Tests.Faults;

/// <summary>Removes a test's database from the local Cosmos server when no app of the test is left to do it.</summary>
public static class TestDatabase
{
    public static async Task DeleteAsync(string name)
    {
        var settings = TestSettings.Local(name);
        using var cosmos = CosmosClientFactory.Create(
            new CosmosSettings { Endpoint = new Uri(settings["Cosmos:Endpoint"]!), Key = settings["Cosmos:Key"] }, isDevelopment: true, credential: null!);
        try
        {
            await cosmos.GetDatabase(name).DeleteAsync();
        }
        catch (CosmosException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // No app got as far as creating it.
        }
    }
}
