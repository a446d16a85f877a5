using System.Security.Cryptography;
using Delivery.Functions.App.Settings;

namespace Delivery.Functions.SubmitProject;

/// <summary>A file sent with a project request, before it is checked and stored.</summary>
public sealed record AttachmentInput(string Field, string FileName, string ContentType, byte[] Content)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));

    /// <summary>From JSON: <c>attachments[i].fileName</c>, <c>.contentType</c> and <c>.content</c> (base64).</summary>
    public static List<AttachmentInput> FromFields(RequestFields fields, FieldErrors errors)
    {
        var inputs = new List<AttachmentInput>();
        foreach (var i in fields.IndexesOf("attachments"))
        {
            var field = $"attachments[{i}]";
            var content = fields[$"{field}.content"];
            byte[] bytes = [];
            if (string.IsNullOrEmpty(content))
            {
                errors.Add($"{field}.content", "Attach the file's content (base64).");
            }
            else
            {
                try
                {
                    bytes = Convert.FromBase64String(content);
                }
                catch (FormatException)
                {
                    errors.Add($"{field}.content", "The file's content must be base64.");
                }
            }

            inputs.Add(new AttachmentInput(field, fields[$"{field}.fileName"] ?? string.Empty, fields[$"{field}.contentType"] ?? string.Empty, bytes));
        }

        return inputs;
    }

    /// <summary>From a multipart form: every file input, whatever its name.</summary>
    public static async Task<List<AttachmentInput>> FromFormAsync(IFormFileCollection files, CancellationToken cancellationToken)
    {
        var inputs = new List<AttachmentInput>();
        for (var i = 0; i < files.Count; i++)
        {
            using var buffer = new MemoryStream();
            await files[i].CopyToAsync(buffer, cancellationToken);
            inputs.Add(new AttachmentInput($"attachments[{i}]", files[i].FileName, files[i].ContentType ?? string.Empty, buffer.ToArray()));
        }

        return inputs;
    }

    public static void Validate(IReadOnlyList<AttachmentInput> inputs, IntakeSettings settings, FieldErrors errors)
    {
        if (inputs.Count > settings.MaxAttachments)
        {
            errors.Add("attachments", $"Attach no more than {settings.MaxAttachments} files.");
        }

        var allowed = settings.AllowedTypes;
        foreach (var input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input.FileName) || input.FileName.Length > 200)
            {
                errors.Add($"{input.Field}.fileName", "Give the file a name of 200 characters or fewer.");
            }

            if (!allowed.Contains(input.ContentType))
            {
                errors.Add($"{input.Field}.contentType", $"The file must be one of these types: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
            }

            if (input.Content.LongLength > settings.MaxAttachmentBytes)
            {
                errors.Add(input.Field, $"The file must be smaller than {settings.MaxAttachmentBytes / 1024 / 1024.0:0.#} MB.");
            }
            else if (input.Content.Length == 0)
            {
                errors.Add(input.Field, "The file is empty.");
            }
        }
    }
}
