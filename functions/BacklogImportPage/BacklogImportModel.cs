using Delivery.Functions.BacklogImport;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.BacklogImportPage;

/// <summary>
/// What the import page shows at each step: the upload form; then the columns the fields are read from, the file's
/// rows and problems (<see cref="Check"/>), kept under <see cref="UploadId"/>; then what the import did (<see cref="Done"/>).
/// </summary>
public sealed record BacklogImportModel(ProjectDocument Project)
{
    public string? Source { get; init; }

    public string? FileName { get; init; }

    public string? UploadId { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The column each field is read from (null: not read).</summary>
    public IReadOnlyDictionary<string, string?> Chosen { get; init; } = new Dictionary<string, string?>();

    public ImportCheck? Check { get; init; }

    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public ImportResult? Done { get; init; }

    public static BacklogImportModel Start(ProjectDocument project) => new(project);

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>Each backlog field's name on the page.</summary>
    public static string Label(string field) => field switch
    {
        ImportMapping.Key => "Key",
        ImportMapping.Title => "Title",
        ImportMapping.Status => "Status",
        ImportMapping.Created => "Date created",
        ImportMapping.Kind => "Type (epic or story)",
        ImportMapping.Started => "Date started",
        ImportMapping.Finished => "Date finished",
        ImportMapping.UserNeed => "User need",
        ImportMapping.AcceptanceCriteria => "Acceptance criteria",
        ImportMapping.SuccessMetric => "Success metric",
        ImportMapping.Epic => "Epic",
        _ => "Release",
    };
}
