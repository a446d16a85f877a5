using Delivery.Workflows.Backlog;

namespace Delivery.Functions.BacklogImport;

/// <summary>
/// The first pass over a file: every row read as an item and checked (keys unique in the file too), the first few
/// kept for the preview, the problems kept by row (the first <see cref="MaxListedRows"/> rows with problems listed,
/// all counted). Nothing is stored. Memory stays small however long the file: only the keys seen are kept.
/// </summary>
public sealed record ImportCheck(int Rows, IReadOnlyList<StoryRecord> Preview, IReadOnlyDictionary<string, string[]> Errors, int RowsWithErrors)
{
    public const int PreviewRows = 10;
    public const int MaxListedRows = 100;

    /// <summary>The problem key naming a row as a spreadsheet numbers it (the header is row 1).</summary>
    public static string RowKey(int row) => $"row {row}";

    /// <summary>Why a file with problems was not imported: how many rows have them, and how many are listed.</summary>
    public string Refusal => $"{RowsWithErrors} of {Rows} rows have problems, so nothing was imported."
        + (RowsWithErrors > Errors.Count ? $" The first {Errors.Count} are listed." : string.Empty) + " Correct them and import the file again.";

    public static async Task<ImportCheck> RunAsync(ImportFile file, ImportMapping mapping, Func<string[], int, (StoryRecord? Story, List<string> Errors)> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(read);
        var preview = new List<StoryRecord>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        var withErrors = 0;
        try
        {
            await foreach (var (row, fields) in file.RecordsAsync(cancellationToken))
            {
                if (row == 1 || fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                rows++;
                var (story, problems) = read(fields, row - 1);
                if (mapping.Value(fields, ImportMapping.Key) is { } key && !keys.Add(key))
                {
                    problems.Add($"{mapping.Names[ImportMapping.Key]} {key} is already in an earlier row of the file.");
                }

                if (problems.Count > 0)
                {
                    withErrors++;
                    if (errors.Count < MaxListedRows)
                    {
                        errors[RowKey(row)] = [.. problems];
                    }
                }
                else if (preview.Count < PreviewRows)
                {
                    preview.Add(story!);
                }
            }
        }
        catch (ImportCsvException bad)
        {
            withErrors++;
            errors[RowKey(bad.Row)] = [$"The file is not valid CSV from this row (a quote not closed, perhaps); rows from here on could not be read."];
        }

        return new ImportCheck(rows, preview, errors, withErrors);
    }
}
