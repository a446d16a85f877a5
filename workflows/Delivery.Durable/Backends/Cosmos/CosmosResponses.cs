using System.Net;
using Microsoft.Azure.Cosmos;

namespace Delivery.Durable.Backends.Cosmos;

/// <summary>Status checks shared by the Cosmos stores.</summary>
internal static class CosmosResponses
{
    /// <summary>
    /// True for 404, and for the local Cosmos server's answer to a point read of a missing document: it fails with
    /// HTTP 500 "Cannot read properties of undefined (reading '&lt;partition key path&gt;')" instead of 404.
    /// The real service never sends that message, so the check is harmless there.
    /// </summary>
    public static bool IsNotFound(ResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.InternalServerError
            && response.ErrorMessage?.Contains("Cannot read properties of undefined", StringComparison.Ordinal) == true);
}
