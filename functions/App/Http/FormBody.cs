using System.Text.Unicode;
using Delivery.Workflows.Projects;
using Microsoft.Net.Http.Headers;

namespace Delivery.Functions;

/// <summary>
/// Reads a page's URL-encoded form within <see cref="InputLimits.MaxBodyBytes"/>, refusing other media types and
/// charsets, invalid UTF-8 and malformed bodies with a status and a sentence for the page to show, never a 500.
/// The form is read once here, so the anti-forgery check that follows uses it.
/// </summary>
public static class FormBody
{
    public sealed record Refusal(int Status, string Message);

    public static async Task<(IFormCollection? Form, Refusal? Refusal)> ReadAsync(HttpRequest request, InputLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new Refusal(StatusCodes.Status415UnsupportedMediaType, "Send the form from its page."));
        }

        if (!BoundedBody.IsUtf8OrUnstated(media.Charset.HasValue ? media.Charset.Value : null))
        {
            return (null, new Refusal(StatusCodes.Status415UnsupportedMediaType, "Send the form in UTF-8."));
        }

        var bytes = request.ContentLength > limits.MaxBodyBytes ? null : await BoundedBody.ReadAsync(request.Body, limits.MaxBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, new Refusal(StatusCodes.Status413PayloadTooLarge, $"The form must be {limits.MaxBodyBytes / 1024} KB or smaller."));
        }

        if (!Utf8.IsValid(bytes) || UrlEncodedText.FirstInvalidField(bytes) is not null)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "The form is not valid UTF-8 text."));
        }

        request.Body = new MemoryStream(bytes);
        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "The form could not be read."));
        }
    }
}
