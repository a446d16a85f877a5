using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.BacklogImport;

/// <summary>
/// One row of an export read as a backlog item, or the problems with it. The item's transitions come from the row's
/// dates: created (backlog), started (in progress) and finished (done); its priority is its place in the file
/// (exports list the backlog in rank order). An item in progress without a start date is taken to have started when
/// it was created; a done item without one has no cycle time.
/// </summary>
public static partial class ImportRow
{
    public const int MaxTitleLength = 255;

    private static readonly string[] DateFormats =
    [
        "dd/MMM/yy h:mm tt", "d/MMM/yy h:mm tt", "dd/MMM/yyyy h:mm tt", "d/MMM/yyyy h:mm tt", "dd/MMM/yy", "dd/MMM/yyyy",
        "M/d/yyyy h:mm:ss tt", "M/d/yyyy h:mm tt", "M/d/yyyy H:mm", "M/d/yyyy",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    private static readonly Dictionary<string, StoryStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Backlog"] = StoryStatus.Backlog, ["To Do"] = StoryStatus.Backlog, ["Open"] = StoryStatus.Backlog, ["New"] = StoryStatus.Backlog, ["Proposed"] = StoryStatus.Backlog,
        ["Ready"] = StoryStatus.Ready, ["Selected for Development"] = StoryStatus.Ready, ["Approved"] = StoryStatus.Ready, ["Ready for Development"] = StoryStatus.Ready,
        ["In Progress"] = StoryStatus.InProgress, ["Active"] = StoryStatus.InProgress, ["Committed"] = StoryStatus.InProgress, ["In Review"] = StoryStatus.InProgress,
        ["In Development"] = StoryStatus.InProgress, ["Doing"] = StoryStatus.InProgress, ["In Test"] = StoryStatus.InProgress, ["Testing"] = StoryStatus.InProgress,
        ["Done"] = StoryStatus.Done, ["Closed"] = StoryStatus.Done, ["Resolved"] = StoryStatus.Done, ["Complete"] = StoryStatus.Done, ["Completed"] = StoryStatus.Done,
    };

    private static readonly HashSet<string> EpicTypes = new(StringComparer.OrdinalIgnoreCase) { "Epic", "Feature" };

    /// <summary>The row as an item (its priority <paramref name="priority"/>), or what is wrong with it, each naming the column.</summary>
    public static (StoryRecord? Story, List<string> Errors) Read(string[] row, ImportMapping mapping, string projectId, int priority, string importedBy, DateTimeOffset importedAt, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<string>();
        string Column(string field) => mapping.Names.GetValueOrDefault(field) ?? field;

        var key = mapping.Value(row, ImportMapping.Key);
        if (!ProjectRecordAccess.IsRecordId(key))
        {
            errors.Add(key is null ? $"{Column(ImportMapping.Key)} is empty." : $"{Column(ImportMapping.Key)} \"{Shorten(key)}\" must be 1 to 64 letters, digits, '-' or '_'.");
        }

        var title = mapping.Value(row, ImportMapping.Title);
        if (title is null || title.Length > MaxTitleLength)
        {
            errors.Add(title is null ? $"{Column(ImportMapping.Title)} is empty." : $"{Column(ImportMapping.Title)} is longer than {MaxTitleLength} characters.");
        }

        var statusText = mapping.Value(row, ImportMapping.Status);
        StoryStatus? status = statusText is not null && Statuses.TryGetValue(statusText, out var s) ? s : null;
        if (status is null)
        {
            errors.Add(statusText is null ? $"{Column(ImportMapping.Status)} is empty." : $"{Column(ImportMapping.Status)} \"{Shorten(statusText)}\" is not one we know: use {string.Join(", ", Statuses.Keys)}.");
        }

        var created = Date(mapping, row, ImportMapping.Created, required: true, errors);
        var started = Date(mapping, row, ImportMapping.Started, required: false, errors);
        var finished = Date(mapping, row, ImportMapping.Finished, required: status == StoryStatus.Done, errors);
        if (created is { } c && started is { } st && st < c)
        {
            errors.Add($"{Column(ImportMapping.Started)} is before {Column(ImportMapping.Created)}.");
        }

        if (finished is { } f && (started ?? created) is { } from && f < from)
        {
            errors.Add($"{Column(ImportMapping.Finished)} is before {Column(started is null ? ImportMapping.Created : ImportMapping.Started)}.");
        }

        var kind = mapping.Value(row, ImportMapping.Kind) is { } type && EpicTypes.Contains(type) ? StoryKind.Epic : StoryKind.Story;
        var userNeed = mapping.Value(row, ImportMapping.UserNeed) is { } need ? PlainText(need) : null;
        if (userNeed?.Length > limits.MaxTextLength)
        {
            errors.Add($"{Column(ImportMapping.UserNeed)} is longer than {limits.MaxTextLength} characters.");
        }

        var criteria = mapping.Value(row, ImportMapping.AcceptanceCriteria) is { } ac ? Criteria(ac) : [];
        if (criteria.Count > limits.MaxListItems || criteria.Any(x => x.Length > limits.MaxReasonLength))
        {
            errors.Add($"{Column(ImportMapping.AcceptanceCriteria)} must have at most {limits.MaxListItems} criteria of {limits.MaxReasonLength} characters or fewer.");
        }

        var metric = mapping.Value(row, ImportMapping.SuccessMetric) is { } m ? PlainText(m) : null;
        var release = mapping.Value(row, ImportMapping.Release);
        foreach (var (field, text) in new[] { (ImportMapping.SuccessMetric, metric), (ImportMapping.Release, release) })
        {
            if (text?.Length > limits.MaxReasonLength)
            {
                errors.Add($"{Column(field)} is longer than {limits.MaxReasonLength} characters.");
            }
        }

        var epic = mapping.Value(row, ImportMapping.Epic);
        if (epic is not null && !ProjectRecordAccess.IsRecordId(epic))
        {
            errors.Add($"{Column(ImportMapping.Epic)} \"{Shorten(epic)}\" must be an item's key: 1 to 64 letters, digits, '-' or '_'.");
        }

        if (status == StoryStatus.Ready && Readiness.Missing(kind, userNeed, criteria) is { Count: > 0 } missing)
        {
            errors.Add($"A ready story needs a user need (\"As a …, I want …, so that …\") in {Column(ImportMapping.UserNeed)} and at least one acceptance criterion in {Column(ImportMapping.AcceptanceCriteria)}: {string.Join(" ", missing.Values.SelectMany(v => v))}");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new StoryRecord
        {
            Id = StoryRecord.IdFor(key!),
            ProjectId = projectId,
            StoryId = key!,
            Kind = kind,
            Title = title!,
            UserNeed = userNeed,
            AcceptanceCriteria = criteria,
            SuccessMetric = metric,
            EpicId = epic == key ? null : epic,
            Release = release,
            Priority = priority,
            Source = mapping.Source == ImportSource.Jira ? StorySource.Jira : StorySource.AzureBoards,
            Status = status!.Value,
            Transitions = Transitions(status.Value, created!.Value, started, finished),
            Version = 1,
            RecordedBy = importedBy,
            RecordedAt = importedAt,
        }, errors);
    }

    private static List<StoryTransition> Transitions(StoryStatus status, DateTimeOffset created, DateTimeOffset? started, DateTimeOffset? finished)
    {
        var transitions = new List<StoryTransition> { new(StoryStatus.Backlog, created) };
        switch (status)
        {
            case StoryStatus.Ready:
                transitions.Add(new(StoryStatus.Ready, created));
                break;
            case StoryStatus.InProgress:
                transitions.Add(new(StoryStatus.InProgress, started ?? created));
                break;
            case StoryStatus.Done:
                if (started is { } s)
                {
                    transitions.Add(new(StoryStatus.InProgress, s));
                }

                transitions.Add(new(StoryStatus.Done, finished!.Value));
                break;
        }

        return transitions;
    }

    private static DateTimeOffset? Date(ImportMapping mapping, string[] row, string field, bool required, List<string> errors)
    {
        var column = mapping.Names.GetValueOrDefault(field) ?? field;
        if (mapping.Value(row, field) is not { } text)
        {
            if (required)
            {
                errors.Add(field == ImportMapping.Finished ? $"{column} is empty, but a done item needs the date it finished." : $"{column} is empty.");
            }

            return null;
        }

        // Exports carry no time zone: their times are read as UTC.
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var exact)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out exact) && IsoLike().IsMatch(text))
        {
            return exact.ToUniversalTime();
        }

        errors.Add($"{column} \"{Shorten(text)}\" is not a date we can read (such as 12/Mar/24 9:30 AM, 3/12/2024 9:30:00 AM or 2024-03-12T09:30:00Z).");
        return null;
    }

    /// <summary>Rich text (Azure Boards keeps HTML) as plain text, one line per paragraph, list item or line break.</summary>
    public static string PlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            return text.Trim();
        }

        var lines = LineBreakTags().Replace(text, "\n");
        return WebUtility.HtmlDecode(AnyTag().Replace(lines, string.Empty)).Trim();
    }

    /// <summary>Acceptance criteria from one cell: a criterion per line, list markers taken off, empty lines dropped.</summary>
    public static List<string> Criteria(string text) =>
        PlainText(text).Split('\n').Select(l => ListMarker().Replace(l, string.Empty).Trim()).Where(l => l.Length > 0).ToList();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"<\s*(br\s*/?|/p|/div|/li|/h\d)\s*>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex LineBreakTags();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, 1000)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"^\s*([-*•]|\d+[.)])?\s*", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T", RegexOptions.None, 1000)]
    private static partial Regex IsoLike();
}
