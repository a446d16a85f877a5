using Delivery.Workflows.Storage;
using Delivery.Workflows.Tests.Support;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Tests.Storage;

/// <summary>
/// The local Cosmos server as the project starts it: every database can be queried. Its resource ids are base64 of
/// a counter, and two counter values in every 64 gave ids with "/" or "+", which the SDK puts in URL paths: those
/// databases answered every query with 404. Seventy databases in a row cross at least two such values.
/// </summary>
public sealed class LocalCosmosServerTests
{
    [Fact]
    public async Task Seventy_databases_in_a_row_can_each_be_queried()
    {
        var client = (await TestCosmos.CreateAsync()).Database.Client;
        var failed = new List<string>();
        for (var i = 0; i < 70; i++)
        {
            var database = (await client.CreateDatabaseAsync($"test-rid-{Guid.NewGuid():N}")).Database;
            try
            {
                var container = (await database.CreateContainerAsync(new ContainerProperties("probe", "/projectId"))).Container;
                await container.CreateItemAsync(new { id = "d1", projectId = "p1", type = "probe" }, new PartitionKey("p1"));
                var found = await PartitionQuery.ListAsync<System.Text.Json.JsonElement>(container, "p1", "probe", CancellationToken.None);
                if (found.Count != 1)
                {
                    failed.Add(database.Id);
                }
            }
            catch (CosmosException ex)
            {
                failed.Add($"{database.Id}: {ex.StatusCode}");
            }
            finally
            {
                await database.DeleteAsync();
            }
        }

        Assert.Empty(failed);
    }
}
