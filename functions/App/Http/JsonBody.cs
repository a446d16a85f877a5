using System.Text.Json;

namespace Delivery.Functions;

/// <summary>Reads a JSON request body by hand, so a malformed one becomes the caller's problem details, never a 500.</summary>
public static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>, or null when it is not JSON, is malformed or is empty.</summary>
    public static async Task<T?> ReadOrNullAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return request.HasJsonContentType() ? await request.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
