using Azure.Storage.Blobs;
using Delivery.Workflows.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Health;

/// <summary>The <c>Health</c> function: <c>GET /api/health</c>, open to all (see <see cref="HealthEndpoint"/>).</summary>
public sealed class HealthFunction(Database database, BlobServiceClient blobs, IEmailSender email)
{
    public const string Name = nameof(Health);

    [Function(Name)]
    [AllowAnonymous]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        HealthEndpoint.HandleAsync(database, blobs, durable, email, cancellationToken);
}
