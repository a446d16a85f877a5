using System.Text.Json.Serialization;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.TeamBudget;
using Delivery.Workflows.Views;

namespace Delivery.Workflows.Monitoring;

/// <summary>
/// What the tolerance monitor needs of one project, in the views container's <c>controls</c> partition, kept
/// current whenever its budget, milestones or RAID log change: so a sweep of every active project reads one
/// partition a page at a time (no cross-partition query, no read per project). It also carries the monitor's
/// own memory: the breach episodes now open and how many each kind has had.
/// </summary>
public sealed record ControlFigures
{
    public const string DocumentType = "control-figures";

    /// <summary>The project's id: one per project.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string ViewId { get; init; } = ViewIds.Controls;

    public string Type { get; init; } = DocumentType;

    public required ProjectStage Stage { get; init; }

    /// <summary>The project's title, for reminders that list items from several projects.</summary>
    public string Title { get; init; } = string.Empty;

    public required Tolerances Tolerances { get; init; }

    public required decimal Approved { get; init; }

    public required decimal ForecastAtCompletion { get; init; }

    public required decimal ActualToDate { get; init; }

    /// <summary>The change budget of the current baseline, and how much of it approved changes have used.</summary>
    public decimal ChangeBudget { get; init; }

    public decimal ChangeBudgetUsed { get; init; }

    /// <summary>The milestones the time tolerance applies to: the key ones and the last (the forecast end).</summary>
    public IReadOnlyList<MilestoneFigure> Milestones { get; init; } = [];

    /// <summary>Measurable benefits with a forecast.</summary>
    public IReadOnlyList<Benefits.BenefitFigure> Benefits { get; init; } = [];

    /// <summary>The highest score of an open risk, and which risk it is.</summary>
    public int? HighestRiskScore { get; init; }

    public string? HighestRiskId { get; init; }

    /// <summary>Due dates of the actions not yet done on open risks.</summary>
    public IReadOnlyList<DateOnly> OpenActionDues { get; init; } = [];

    /// <summary>What people may need reminding of: open risks' reviews (by owner) and their actions not done (by actionee).</summary>
    public IReadOnlyList<ReminderItem> Reminders { get; init; } = [];

    /// <summary>When the next highlight report is due, from the project's cadence and its last report.</summary>
    public DateOnly? HighlightDue { get; init; }

    /// <summary>A digital service's current phase with its team's costs, or null (a technology project, or a service not in a phase).</summary>
    public PhaseBudgetFigure? TeamBudget { get; init; }

    /// <summary>Breach episodes now open, by kind.</summary>
    public IReadOnlyDictionary<string, ToleranceEpisode> OpenEpisodes { get; init; } = new Dictionary<string, ToleranceEpisode>();

    /// <summary>How many episodes each kind has had, so a recurrence gets a new number.</summary>
    public IReadOnlyDictionary<string, int> EpisodeCounts { get; init; } = new Dictionary<string, int>();

    public required DateTimeOffset RefreshedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    /// <summary>Whether the monitor watches it: approved and not yet closed.</summary>
    [JsonIgnore]
    public bool Active => Stage is ProjectStage.Initiation or ProjectStage.Delivery;
}

/// <summary>A milestone's baseline, forecast and actual dates.</summary>
public sealed record MilestoneFigure(string Id, DateOnly Baseline, DateOnly Forecast, DateOnly? Actual);

/// <summary>A breach that stands: its number among the kind's episodes, its worst band so far, and since when.</summary>
public sealed record ToleranceEpisode(int Number, int Band, DateOnly Since);

/// <summary>
/// Something a person looks after: an open risk they own (<see cref="ReminderKind.RiskReview"/>, dated when it was
/// last reviewed or raised), a risk action they are to do (<see cref="ReminderKind.Action"/>, dated when it is due) or
/// the project's next highlight report (<see cref="ReminderKind.HighlightReport"/>, for its manager, dated when due)
/// or a service assessment's condition not yet done (<see cref="ReminderKind.AssessmentCondition"/>, for its owner),
/// a service team's retrospective not recorded (<see cref="ReminderKind.RetrospectiveDue"/>, for the delivery manager)
/// or a retrospective's action not done (<see cref="ReminderKind.RetrospectiveAction"/>, for its owner).
/// The person is a directory id, or the project manager's email address.
/// </summary>
public sealed record ReminderItem(string PersonId, ReminderKind Kind, string ItemId, string Text, DateOnly Date);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReminderKind>))]
public enum ReminderKind
{
    RiskReview,
    Action,
    HighlightReport,

    /// <summary>A condition of a service assessment, for its owner, dated when due (reminded once past due, like an action).</summary>
    AssessmentCondition,

    /// <summary>The service team's next retrospective not recorded, for the delivery manager, dated at the end of its iteration.</summary>
    RetrospectiveDue,

    /// <summary>An action agreed at a retrospective and not done, for its owner, dated when due.</summary>
    RetrospectiveAction,
}
