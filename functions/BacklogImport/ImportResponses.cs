using Delivery.Functions.Backlog;

namespace Delivery.Functions.BacklogImport;

/// <summary>
/// What a preview shows: the file's columns, which column each field is read from (null: not read), how many rows
/// the file has, the first rows as they would be stored, and the problems by row (nothing is stored by a preview).
/// </summary>
public sealed record ImportPreview(
    ImportSource Source,
    IReadOnlyList<string> Columns,
    IReadOnlyDictionary<string, string?> Mapping,
    int Rows,
    int RowsWithErrors,
    IReadOnlyList<StoryResponse> Preview,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public static ImportPreview From(ImportMapping mapping, IReadOnlyList<string> columns, ImportCheck check)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(check);
        return new(mapping.Source, columns, mapping.Names, check.Rows, check.RowsWithErrors, check.Preview.Select(StoryResponse.From).ToList(), check.Errors);
    }
}

/// <summary>
/// What an import did: how many rows, how many items it added, how many it brought up to date (imported from the
/// same tool before, changed there since), and how many were already in the backlog as they are (or recorded here).
/// </summary>
public sealed record ImportResult(ImportSource Source, int Rows, int Imported, int Updated, int AlreadyThere);
