using System.Net.Http.Json;
using System.Text.Json;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>The fields a 400 problem response names in its <c>errors</c>, in order, for tests of bad input.</summary>
public static class ProblemFields
{
    public static async Task<List<string>> OfAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    }
}
