using System.Text.Json;
using System.Text.Unicode;
using Delivery.Workflows.Projects;
using Microsoft.Net.Http.Headers;

namespace Delivery.Functions;

/// <summary>
/// Reads a JSON command body within <see cref="InputLimits.MaxBodyBytes"/>, so that every bad body is the caller's
/// problem (413, 415 or 400 naming the field) and never a 500: a body in another media type or charset, one that is
/// too large, not UTF-8, malformed, or has a value of the wrong type or one that overflows (such as <c>1e400</c>).
/// </summary>
public static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>; both null when there is no body (or it is JSON <c>null</c>).</summary>
    public static async Task<(T? Body, IResult? Failure)> ReadAsync<T>(HttpRequest request, InputLimits limits, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return (null, TooLarge(limits));
        }

        var bytes = await BoundedBody.ReadAsync(request.Body, limits.MaxBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, TooLarge(limits));
        }

        if (bytes.Length == 0)
        {
            return (null, null);
        }

        if (UnsupportedMediaType(request.ContentType) is { } unsupported)
        {
            return (null, unsupported);
        }

        var json = BoundedBody.WithoutByteOrderMark(bytes).Span;
        if (!Utf8.IsValid(json))
        {
            return (null, Field("body", "The body is not valid UTF-8 text."));
        }

        if (!IsWellFormed(json))
        {
            return (null, Field("body", "The body is not valid JSON."));
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web), null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            return (null, Field(field, field == "body"
                ? "The body is not a valid JSON object of the expected shape."
                : "This value is the wrong type or out of range (numbers must be plain figures, dates like 2027-03-31)."));
        }
    }

    /// <summary>
    /// Whether the text is one complete JSON value within the serializer's depth. Checked first, so that a syntax
    /// error is reported as such and only a value of the wrong type or range is blamed on its field.
    /// </summary>
    private static bool IsWellFormed(ReadOnlySpan<byte> json)
    {
        try
        {
            // The reader's default depth (64) is the serializer's; trailing text after the value throws too.
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>An API field path from a serializer path: <c>$.financial.years[0].capital</c> becomes <c>financial.years[0].capital</c>.</summary>
    private static string FieldOf(string? path)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    private static IResult? UnsupportedMediaType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Send the body as application/json.");
        }

        if (!BoundedBody.IsUtf8OrUnstated(media.Charset.HasValue ? media.Charset.Value : null))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", "Send JSON in UTF-8, with no charset or charset=utf-8.");
        }

        return null;
    }

    private static IResult Field(string field, string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });

    private static IResult TooLarge(InputLimits limits) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body must be {limits.MaxBodyBytes / 1024} KB or smaller.");
}
