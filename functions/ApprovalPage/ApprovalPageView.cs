using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ApprovalPage;

/// <summary>What the decision page (<see cref="DecisionPage"/>) shows, and what the person last entered when the form comes back with errors.</summary>
public sealed record ApprovalPageModel(
    ProjectDocument Project,
    ApprovalStepDocument Step,
    BusinessCaseContent? Case,
    IReadOnlyList<ApprovalStepDocument> EarlierSteps,
    string? Token,
    IReadOnlyDictionary<string, string> Errors,
    string? Decision = null,
    string? Comment = null,
    FinalApproval? Final = null,
    Delivery.Workflows.Monitoring.ProjectException? Exception = null,
    Delivery.Workflows.Changes.ChangeRequest? Change = null,
    Delivery.Workflows.Stages.EndStageReport? EndStage = null,
    Delivery.Workflows.Closure.ClosureRequest? Closure = null);

/// <summary>For the gate's final approver: who can be project manager, and the tolerances to start from (or as entered).</summary>
public sealed record FinalApproval(IReadOnlyList<Approver> ProjectManagers, string? ProjectManagerId, string CostPercent, string TimeWorkingDays, string ChangeBudgetPercent);

/// <summary>What the confirmation after a decision (<see cref="DecisionRecordedPage"/>) shows.</summary>
public sealed record DecisionRecorded(ProjectDocument Project, StepDecision Decision);

public static class ApprovalPageView
{
    /// <summary>The decisions the form offers, by the values the API takes.</summary>
    public static readonly IReadOnlyList<Choice> Choices =
    [
        new("approve", "Approve"),
        new("request-changes", "Ask for changes"),
        new("reject", "Reject"),
    ];
}
