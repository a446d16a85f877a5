using Delivery.Functions.BacklogImport;

namespace Delivery.Functions.BacklogImportPage;

/// <summary>What the import page's form sends: the source, a file or the id of the one kept, the columns chosen, and whether to import.</summary>
public sealed record ImportForm(string? Source, IFormFile? File, string? UploadId, IReadOnlyDictionary<string, string> Chosen, bool Import)
{
    public string? FileName => File is { Length: > 0 } f ? Path.GetFileName(f.FileName) : null;

    public static ImportForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var chosen = ImportMapping.Fields.Where(f => form.ContainsKey("map." + f)).ToDictionary(f => f, f => form["map." + f].ToString(), StringComparer.Ordinal);
        var upload = form["upload"].ToString();
        return new(form["source"].ToString(), form.Files.GetFile("file"), upload.Length == 0 ? null : upload, chosen, form["action"] == "import");
    }

    /// <summary>The importer's problems as the page shows them: one per field, without the full stop, in the words a person uses.</summary>
    public static Dictionary<string, string> PageErrors(Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var page = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, messages) in errors.OrderBy(e => e.Key == "source" ? 0 : e.Key == "file" ? 1 : 2))
        {
            page[field] = field == "source" ? "Select where the export comes from" : messages[0].TrimEnd('.');
        }

        return page;
    }
}
