namespace Delivery.Functions.BacklogImport;

/// <summary>The tool a CSV export came from; it decides the default column mapping and how dates are written.</summary>
public enum ImportSource
{
    Jira,
    AzureBoards,
}

/// <summary>
/// Which column of the file holds each of the backlog's fields. The defaults are the columns Jira's and Azure Boards'
/// CSV exports use (the first of the candidates the file has); the user may choose any column for any field with
/// <c>map.{field}=Column name</c>, or leave an optional field out with an empty value.
/// </summary>
public sealed record ImportMapping(ImportSource Source, IReadOnlyDictionary<string, int> Columns, IReadOnlyDictionary<string, string?> Names)
{
    public const string Key = "key";
    public const string Title = "title";
    public const string Kind = "type";
    public const string Status = "status";
    public const string Created = "created";
    public const string Started = "started";
    public const string Finished = "finished";
    public const string UserNeed = "userNeed";
    public const string AcceptanceCriteria = "acceptanceCriteria";
    public const string SuccessMetric = "successMetric";
    public const string Epic = "epic";
    public const string Release = "release";

    /// <summary>Every field, in the order a preview shows them; the first four must be mapped.</summary>
    public static readonly string[] Fields = [Key, Title, Status, Created, Kind, Started, Finished, UserNeed, AcceptanceCriteria, SuccessMetric, Epic, Release];

    public static readonly string[] Required = [Key, Title, Status, Created];

    private static readonly Dictionary<string, string[]> JiraColumns = new(StringComparer.Ordinal)
    {
        [Key] = ["Issue key"],
        [Title] = ["Summary"],
        [Kind] = ["Issue Type"],
        [Status] = ["Status"],
        [Created] = ["Created"],
        [Started] = ["Custom field (Start date)", "Start date"],
        [Finished] = ["Resolved"],
        [UserNeed] = ["Description"],
        [AcceptanceCriteria] = ["Custom field (Acceptance Criteria)", "Acceptance Criteria"],
        [SuccessMetric] = ["Custom field (Success Metric)", "Success Metric"],
        [Epic] = ["Custom field (Epic Link)", "Epic Link", "Parent"],
        [Release] = ["Fix Version/s", "Fix versions"],
    };

    private static readonly Dictionary<string, string[]> AzureColumns = new(StringComparer.Ordinal)
    {
        [Key] = ["ID"],
        [Title] = ["Title"],
        [Kind] = ["Work Item Type"],
        [Status] = ["State"],
        [Created] = ["Created Date"],
        [Started] = ["Activated Date"],
        [Finished] = ["Closed Date", "Resolved Date"],
        [UserNeed] = ["Description"],
        [AcceptanceCriteria] = ["Acceptance Criteria"],
        [SuccessMetric] = ["Success Metric"],
        [Epic] = ["Parent"],
        [Release] = ["Release"],
    };

    /// <summary>Reads <c>source</c> (jira or azure-boards) from the query.</summary>
    public static ImportSource? ReadSource(string? text, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (text?.Trim().ToLowerInvariant())
        {
            case "jira":
                return ImportSource.Jira;
            case "azure-boards" or "azureboards" or "azure":
                return ImportSource.AzureBoards;
            default:
                errors["source"] = ["Choose the source of the export: jira or azure-boards."];
                return null;
        }
    }

    /// <summary>
    /// The mapping for the file's header row: the user's choices (<paramref name="chosen"/>, field to column name, an
    /// empty name leaving the field out) over the source's defaults. Names a field whose chosen column the file lacks,
    /// and each required field left without a column.
    /// </summary>
    public static ImportMapping For(ImportSource source, IReadOnlyList<string> headers, IReadOnlyDictionary<string, string> chosen, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(errors);
        var defaults = source == ImportSource.Jira ? JiraColumns : AzureColumns;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in chosen.Keys.Where(k => !Fields.Contains(k, StringComparer.Ordinal)))
        {
            errors["map." + field] = [$"There is no field {field}; the fields are {string.Join(", ", Fields)}."];
        }

        foreach (var field in Fields)
        {
            string? name;
            if (chosen.TryGetValue(field, out var choice))
            {
                name = string.IsNullOrWhiteSpace(choice) ? null : choice.Trim();
                if (name is not null && IndexOf(headers, name) < 0)
                {
                    errors["map." + field] = [$"The file has no column \"{name}\"."];
                    continue;
                }
            }
            else
            {
                name = defaults[field].FirstOrDefault(c => IndexOf(headers, c) >= 0);
            }

            names[field] = name;
            if (name is not null)
            {
                columns[field] = IndexOf(headers, name);
            }
            else if (Required.Contains(field, StringComparer.Ordinal))
            {
                errors["map." + field] = [$"Choose the column that holds the {field}."];
            }
        }

        return new ImportMapping(source, columns, names);
    }

    /// <summary>The first column with that name (exports repeat some, such as Sprint), ignoring case and spaces around it.</summary>
    private static int IndexOf(IReadOnlyList<string> headers, string name)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The row's value for a field, trimmed; null when the field is not mapped, the row is short or the cell empty.</summary>
    public string? Value(string[] row, string field)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Columns.TryGetValue(field, out var i) && i < row.Length && !string.IsNullOrWhiteSpace(row[i]) ? row[i].Trim() : null;
    }
}
