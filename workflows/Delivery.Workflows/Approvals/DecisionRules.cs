using System.Globalization;
using Delivery.Workflows.ProjectLifecycle;

namespace Delivery.Workflows.Approvals;

/// <summary>
/// The rules a decision's content must meet, one set for the page, the API and email links: a comment where one is
/// needed and within its length, and — only from the final approver — a project manager who holds the project
/// manager role and tolerances within the bounds in settings. Errors are keyed by the API's field names and written
/// as GOV.UK error messages (no full stop), since the page shows them as they are.
/// </summary>
public static class DecisionRules
{
    public static Dictionary<string, string[]> Check(DecisionCommand command, ApprovalStepDocument? step, ApprovalPolicy approvals, LifecyclePolicy lifecycle)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(approvals);
        ArgumentNullException.ThrowIfNull(lifecycle);
        var limits = approvals.Limits;
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (command.Outcome is not (ApprovalOutcome.Approved or ApprovalOutcome.Rejected or ApprovalOutcome.ChangesRequested))
        {
            Add("decision", "Select approve, reject or request changes");
        }
        else if (command.Outcome != ApprovalOutcome.Approved && string.IsNullOrWhiteSpace(command.Comment))
        {
            Add("comment", command.Outcome == ApprovalOutcome.Rejected ? "Enter why you are rejecting it" : "Enter the changes you need");
        }

        if (command.Comment?.Length > limits.MaxCommentLength)
        {
            Add("comment", $"The comment must be {limits.MaxCommentLength.ToString("#,0", CultureInfo.InvariantCulture)} characters or fewer");
        }

        if (command.Adjustments is not { } adjustments || command.Outcome != ApprovalOutcome.Approved || step is null)
        {
            return errors;
        }

        if (!step.IsFinal)
        {
            Add("projectManagerId", "Only the final approver can set the project manager and tolerances");
            return errors;
        }

        if (adjustments.ProjectManagerId is { } pm && approvals.Find(pm)?.Holds(lifecycle.ProjectManagerRole) != true)
        {
            Add("projectManagerId", "Choose a project manager from the list: they must hold the project manager role");
        }

        if (adjustments.Tolerances is { } t)
        {
            if (t.TimeWorkingDays < 0 || t.TimeWorkingDays > limits.MaxTimeWorkingDays)
            {
                Add("tolerances.timeWorkingDays", $"Time tolerance must be a whole number of working days from 0 to {limits.MaxTimeWorkingDays}");
            }

            if (t.CostPercent < 0 || t.CostPercent > limits.MaxCostPercent || t.CostPercent.Scale > 2)
            {
                Add("tolerances.costPercent", $"Cost tolerance must be a percentage from 0 to {limits.MaxCostPercent}, with no more than 2 decimal places");
            }

            if (t.RiskScore < 1 || t.RiskScore > limits.MaxRiskScore)
            {
                Add("tolerances.riskScore", $"Risk tolerance must be a risk score from 1 to {limits.MaxRiskScore}");
            }

            if (t.BenefitsPercent < 0 || t.BenefitsPercent > limits.MaxBenefitsPercent || t.BenefitsPercent.Scale > 2)
            {
                Add("tolerances.benefitsPercent", $"Benefits tolerance must be a percentage from 0 to {limits.MaxBenefitsPercent}, with no more than 2 decimal places");
            }

            if (t.ChangeBudgetPercent < 0 || t.ChangeBudgetPercent > limits.MaxCostPercent || t.ChangeBudgetPercent.Scale > 2)
            {
                Add("tolerances.changeBudgetPercent", $"The change budget must be a percentage of the approved budget from 0 to {limits.MaxCostPercent}, with no more than 2 decimal places");
            }

            if (t.ChangeWorkingDays < 0 || t.ChangeWorkingDays > limits.MaxTimeWorkingDays)
            {
                Add("tolerances.changeWorkingDays", $"The project manager's time for changes must be a whole number of working days from 0 to {limits.MaxTimeWorkingDays}");
            }

            Statement("tolerances.scope", "scope", t.Scope);
            Statement("tolerances.quality", "quality", t.Quality);
        }

        return errors;

        void Statement(string field, string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, $"Enter the {name} tolerance");
            }
            else if (value.Length > limits.MaxStatementLength)
            {
                Add(field, $"The {name} tolerance must be {limits.MaxStatementLength} characters or fewer");
            }
        }
    }
}
