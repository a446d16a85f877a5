using System.Text.Json;
using System.Text.Unicode;
using Delivery.Functions.App.Settings;
using Microsoft.Net.Http.Headers;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// Reads a project request body (JSON, URL-encoded form or multipart form with files) within the size limit,
/// before anything is stored. Each failure says which HTTP status it deserves.
/// </summary>
public sealed record IntakeBody(RequestFields Fields, List<AttachmentInput> Attachments, FieldErrors Errors)
{
    public static async Task<(IntakeBody? Body, IResult? Failure)> ReadAsync(HttpRequest request, IntakeSettings settings, CancellationToken cancellationToken)
    {
        var kind = Kind(request.ContentType, out var charset);
        if (kind is null)
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                "Send the project request as application/json, application/x-www-form-urlencoded or multipart/form-data."));
        }

        if (!BoundedBody.IsUtf8OrUnstated(charset))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset",
                "Send the project request in UTF-8, with no charset or charset=utf-8."));
        }

        if (request.ContentLength > settings.MaxRequestBytes)
        {
            return (null, TooLarge(settings));
        }

        var bytes = await BoundedBody.ReadAsync(request.Body, settings.MaxRequestBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, TooLarge(settings));
        }

        // Multipart bodies carry files, which are binary; their text fields are checked once decoded.
        if (kind != "multipart" && !Utf8.IsValid(bytes))
        {
            return (null, Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["The request is not valid UTF-8 text."] }));
        }

        if (kind == "form" && UrlEncodedText.FirstInvalidField(bytes) is { } notUtf8)
        {
            return (null, Problems.Validation(new Dictionary<string, string[]> { [notUtf8] = ["This field is not valid UTF-8 text."] }));
        }

        var errors = new FieldErrors();
        if (kind == "json")
        {
            try
            {
                using var document = JsonDocument.Parse(BoundedBody.WithoutByteOrderMark(bytes));
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed request", "The request body must be a JSON object."));
                }

                var fields = RequestFields.FromJson(document.RootElement);
                fields.CheckNames(errors);
                return (new IntakeBody(fields, AttachmentInput.FromFields(fields, errors), errors), null);
            }
            catch (JsonException)
            {
                return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed request", "The request body is not valid JSON."));
            }
        }

        request.Body = new MemoryStream(bytes);
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var attachments = await AttachmentInput.FromFormAsync(form.Files, cancellationToken);
            var fields = RequestFields.FromForm(form, errors);
            fields.CheckNames(errors);
            return (new IntakeBody(fields, attachments, errors), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed request", "The form could not be read."));
        }
    }

    private static string? Kind(string? contentType, out string? charset)
    {
        charset = null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        charset = media.Charset.HasValue ? media.Charset.Value : null;
        return media.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/json" => "json",
            "application/x-www-form-urlencoded" => "form",
            "multipart/form-data" => "multipart",
            _ => null,
        };
    }

    private static IResult TooLarge(IntakeSettings settings) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"A project request, attachments included, must be {settings.MaxRequestBytes / 1024 / 1024.0:0.#} MB or smaller.");
}
