using System.Text.Json;
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
        var kind = Kind(request.ContentType);
        if (kind is null)
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                "Send the project request as application/json, application/x-www-form-urlencoded or multipart/form-data."));
        }

        if (request.ContentLength > settings.MaxRequestBytes)
        {
            return (null, TooLarge(settings));
        }

        // Buffer within the limit ourselves: it works the same under Kestrel, the Functions host and the test server.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > settings.MaxRequestBytes)
            {
                return (null, TooLarge(settings));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        var errors = new FieldErrors();
        if (kind == "json")
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(buffer, cancellationToken: cancellationToken);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed request", "The request body must be a JSON object."));
                }

                var fields = RequestFields.FromJson(document.RootElement);
                return (new IntakeBody(fields, AttachmentInput.FromFields(fields, errors), errors), null);
            }
            catch (JsonException)
            {
                return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed request", "The request body is not valid JSON."));
            }
        }

        request.Body = buffer;
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var attachments = await AttachmentInput.FromFormAsync(form.Files, cancellationToken);
            return (new IntakeBody(RequestFields.FromForm(form), attachments, errors), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return (null, Problems.Status(StatusCodes.Status400BadRequest, "Malformed request", "The form could not be read."));
        }
    }

    private static string? Kind(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        return media.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/json" => "json",
            "application/x-www-form-urlencoded" or "multipart/form-data" => "form",
            _ => null,
        };
    }

    private static IResult TooLarge(IntakeSettings settings) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"A project request, attachments included, must be {settings.MaxRequestBytes / 1024 / 1024.0:0.#} MB or smaller.");
}
