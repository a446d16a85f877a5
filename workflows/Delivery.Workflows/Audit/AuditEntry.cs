using System.Text.Json.Serialization;

namespace Delivery.Workflows.Audit;

/// <summary>
/// One line of a project's audit trail: who did what, when, with what comment. Written once (create only) in the
/// project's partition and never edited; the id is derived from what happened, so a retried writer adds nothing.
/// </summary>
public sealed record AuditEntry
{
    public const string DocumentType = "audit";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required DateTimeOffset At { get; init; }

    /// <summary>The user id of whoever acted, or "system" for the workflow itself.</summary>
    public required string Actor { get; init; }

    /// <summary>Whose step it was when someone acted for them (a delegate or escalation contact).</summary>
    public string? OnBehalfOf { get; init; }

    public required AuditAction Action { get; init; }

    /// <summary>What happened, in a sentence.</summary>
    public required string Summary { get; init; }

    public string? Comment { get; init; }

    /// <summary>What it is about: a step id, a business case version, a stage.</summary>
    public string? Subject { get; init; }

    public const string System = "system";
}

/// <summary>What an audit entry records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditAction>))]
public enum AuditAction
{
    Submitted,
    BusinessCaseSubmitted,
    ApprovalRequested,
    Decided,
    Delegated,
    Reminded,
    Escalated,
    Withdrawn,
    StageChanged,

    /// <summary>A resubmission moved the project into another cost band and so onto another route.</summary>
    Rerouted,

    /// <summary>The route could not be planned: nobody eligible holds a step's role.</summary>
    RoutingFailed,

    /// <summary>A decision or delegation refused by the separation-of-duties rules; the step stays open.</summary>
    Refused,

    /// <summary>Money spent on the project was recorded.</summary>
    SpendRecorded,

    /// <summary>A new forecast of the cost at completion was recorded.</summary>
    ForecastRecorded,

    /// <summary>A risk, assumption, issue or dependency was recorded or changed (one entry per version).</summary>
    RaidItemRecorded,

    /// <summary>A milestone was added or its forecast or actual date changed (one entry per version).</summary>
    MilestoneRecorded,

    /// <summary>A new forecast of what a benefit will reach was recorded (one entry per version).</summary>
    BenefitForecastRecorded,

    /// <summary>The tolerance monitor found a tolerance exceeded, or an exceeded one worse (once per episode and band).</summary>
    ToleranceBreached,

    /// <summary>The project manager sent an exception report (one entry per version).</summary>
    ExceptionReported,

    /// <summary>The level that set the tolerance decided on an exception report.</summary>
    ExceptionDecided,

    /// <summary>The project manager sent a change request (one entry per version).</summary>
    ChangeRequested,

    /// <summary>A change request was decided: automatically within the project manager's delegation, or by the board.</summary>
    ChangeDecided,

    /// <summary>The project manager planned a delivery stage or changed its plan.</summary>
    StagePlanned,

    /// <summary>The project manager sent an end stage report (one entry per version).</summary>
    StageEndReported,

    /// <summary>A stage gate decided on an end stage report.</summary>
    StageGateDecided,

    /// <summary>The project manager set how often highlight reports are due and who receives them.</summary>
    HighlightPlanSet,

    /// <summary>The project manager sent a highlight report (kept as a dated snapshot).</summary>
    HighlightReported,

    /// <summary>A supplier and its statement of work were recorded or changed (one entry per version).</summary>
    SupplierRecorded,

    /// <summary>The project manager asked to close the project (one entry per version of the request).</summary>
    ClosureRequested,

    /// <summary>The sponsor decided on a closure request.</summary>
    ClosureDecided,

    /// <summary>The project manager logged a lesson or changed one (one entry per version).</summary>
    LessonRecorded,

    /// <summary>A benefits review of a benefit opened after closure (its owner emailed).</summary>
    BenefitReviewOpened,

    /// <summary>A benefit owner (or the sponsor or an admin) recorded a benefits review's actual measure (one entry per change).</summary>
    BenefitReviewRecorded,

    /// <summary>A benefits review was not recorded after a reminder and went to the sponsor.</summary>
    BenefitReviewEscalated,

    /// <summary>The last benefits review was done: the project is Done and its lifecycle ended.</summary>
    BenefitReviewsFinished,

    /// <summary>An administrator erased a person's personal data on request: the person became a pseudonym here.</summary>
    PersonalDataErased,

    /// <summary>The retention period after the project finished ended and everyone's personal data in it was anonymised.</summary>
    PersonalDataAnonymised,

    /// <summary>The delivery manager recorded a backlog item (epic or story) or changed it (one entry per version).</summary>
    StoryRecorded,

    /// <summary>A backlog item moved to another status (backlog, ready, in progress, done); the subject is the item.</summary>
    StoryMoved,

    /// <summary>Items were imported into a digital service's backlog from a Jira or Azure Boards CSV export (one entry per file).</summary>
    BacklogImported,

    /// <summary>The delivery manager started a digital service's phases: Discovery, with its goals, team, budget and dates.</summary>
    ServiceStarted,

    /// <summary>The delivery manager asked to move the service on to its next phase (Discovery to Alpha waits for the sponsor).</summary>
    ServicePhaseRequested,

    /// <summary>The service moved on to its next phase.</summary>
    ServicePhaseChanged,

    /// <summary>The sponsor did not approve moving the service on (rejected or asked for changes): it stays in its phase.</summary>
    ServicePhaseDeclined,

    /// <summary>The service stopped after Discovery or Alpha ("we learned not to build it"), with the reasons.</summary>
    ServiceStopped,

    /// <summary>The team asked for a Service Standard assessment (or a reassessment of the points not met).</summary>
    AssessmentRequested,

    /// <summary>The assessment lead assigned the assessment's panel.</summary>
    AssessmentPanelAssigned,

    /// <summary>A panel was refused: someone named is not an assessor, or is in the service's team.</summary>
    AssessmentPanelRefused,

    /// <summary>The team recorded its self-assessment against the points assessed.</summary>
    SelfAssessmentRecorded,

    /// <summary>The panel recorded each point met or not met and the overall outcome; the report was published.</summary>
    AssessmentOutcomeRecorded,

    /// <summary>A condition of an assessment was done.</summary>
    AssessmentConditionDone,

    /// <summary>The delivery manager set the service team's cost (a run rate or roles with day rates) from a date.</summary>
    TeamCostSet,

    /// <summary>A service performance measure (a GOV.UK KPI or the service's own) was defined or changed: definition, unit, target.</summary>
    PerformanceMeasureDefined,

    /// <summary>A measure's figure for a month was recorded or corrected (on the page or through the API).</summary>
    PerformanceDataRecorded,

    /// <summary>Monthly figures were imported from a CSV file.</summary>
    PerformanceDataImported,

    /// <summary>The stakeholders who get the monthly performance report were named.</summary>
    PerformanceStakeholdersNamed,

    /// <summary>The monthly performance report was emailed to the service's stakeholders.</summary>
    PerformanceReportSent,

    /// <summary>The delivery manager set the service team's iteration length and the day the first iteration began.</summary>
    CadenceSet,

    /// <summary>The delivery manager recorded an iteration's retrospective with its actions; the subject is the iteration.</summary>
    RetrospectiveRecorded,

    /// <summary>A retrospective's action was done.</summary>
    RetrospectiveActionDone,

    /// <summary>A user research session was logged (method, number of participants, findings, linked stories; no participant's personal data).</summary>
    ResearchSessionRecorded,

    /// <summary>The delivery manager posted a weeknote, emailed to the stakeholders.</summary>
    WeeknotePosted,
}
