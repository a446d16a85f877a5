namespace Delivery.Functions.RequestForm;

/// <summary>The names people know file types by, for the upload hint; a type without one is shown as it is.</summary>
public static class FileTypeNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "PDF",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = "Word (DOCX)",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = "Excel (XLSX)",
        ["image/jpeg"] = "JPEG",
        ["image/png"] = "PNG",
        ["text/csv"] = "CSV",
        ["text/plain"] = "text",
    };

    /// <summary>"PDF, Word (DOCX) or text".</summary>
    public static string Describe(IEnumerable<string> contentTypes)
    {
        var names = contentTypes.Select(t => Names.GetValueOrDefault(t, t)).Order(StringComparer.Ordinal).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
