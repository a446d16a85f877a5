using Microsoft.DurableTask.Client;
using System.Globalization;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.BusinessCaseDraft;
using Delivery.Functions.DecideApproval;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Closure;
using Delivery.Workflows.Stages;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.AspNetCore.Antiforgery;

namespace Delivery.Functions.ApprovalPage;

/// <summary>
/// <c>GET /api/approvals/{id}?token=…</c> shows the case and the decision form and changes nothing (mail scanners
/// open links); <c>POST</c> of the form, with its anti-forgery token, records the decision.
/// </summary>
public static class ApprovalPageEndpoint
{
    public static async Task<IResult> GetAsync(string id, string? token, HttpContext http, PageServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(services);
        var (model, refusal) = await LoadAsync(id, token, http, services, new Dictionary<string, string>(), cancellationToken);
        return refusal is not null
            ? await RefusalAsync(http, services, refusal)
            : await services.Pages.PageAsync<DecisionPage, ApprovalPageModel>(http, model!);
    }

    public static async Task<IResult> PostAsync(DurableTaskClient client, string id, string? token, HttpContext http, PageServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(services);
        var (form, bad) = await FormBody.ReadAsync(http.Request, services.Limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await services.Pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        if (!await services.Antiforgery.IsRequestValidAsync(http))
        {
            return await services.Pages.MessageAsync(
                http,
                new("Your form could not be sent", "The page you sent it from had expired. Go back to the email, open the link again and resend your decision."),
                StatusCodes.Status400BadRequest);
        }

        var decision = form["decision"].ToString();
        var comment = form["comment"].ToString();
        var outcome = DecisionBody.ParseOutcome(decision);
        var errors = new Dictionary<string, string>();
        if (outcome is null)
        {
            errors["decision"] = "Select whether you approve, ask for changes or reject";
        }

        var posted = new FinalApproval([], form["projectManagerId"].ToString(), form["costPercent"].ToString(), form["timeWorkingDays"].ToString(), form["changeBudgetPercent"].ToString());
        var adjustments = outcome == ApprovalOutcome.Approved && form.ContainsKey("costPercent")
            ? await AdjustmentsAsync(id, posted, services, errors, cancellationToken)
            : null;
        if (errors.Count == 0)
        {
            var result = await services.Decisions.DecideAsync(
                client, new DecisionCommand(id, http.User.UserId(), token, outcome!.Value, string.IsNullOrWhiteSpace(comment) ? null : comment, adjustments), cancellationToken);
            if (result.Status == CommandStatus.Recorded)
            {
                var project = await services.Projects.GetAsync(ApprovalStepDocument.ProjectIdOf(id)!, cancellationToken);
                return await services.Pages.PageAsync<DecisionRecordedPage, DecisionRecorded>(http, new(project!, result.Decision!));
            }

            if (result.Status != CommandStatus.Invalid)
            {
                return await RefusalAsync(http, services, result);
            }

            // The service's rules are the page's rules: show each of its errors against the page's field.
            foreach (var (field, messages) in result.Errors)
            {
                errors[PageField(field)] = messages[0];
            }
        }

        var (model, refusal) = await LoadAsync(id, token, http, services, errors, cancellationToken);
        if (refusal is not null)
        {
            return await RefusalAsync(http, services, refusal);
        }

        var entered = model! with { Decision = decision, Comment = comment, Final = model.Final is null ? null : posted with { ProjectManagers = model.Final.ProjectManagers } };
        return await services.Pages.PageAsync<DecisionPage, ApprovalPageModel>(http, entered, StatusCodes.Status400BadRequest);
    }

    private static async Task<(ApprovalPageModel? Model, CommandResult? Refusal)> LoadAsync(
        string id, string? token, HttpContext http, PageServices services, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var step = await services.Steps.GetAsync(id, cancellationToken);
        if (step is null)
        {
            return (null, new CommandResult(CommandStatus.NotFound, "There is no such approval. Check the link in your email."));
        }

        var (refusal, _) = ApprovalDecisionService.CheckCaller(step, http.User.UserId(), token, services.Clock.GetUtcNow());
        if (refusal is not null)
        {
            return (null, refusal);
        }

        if (step.Status != StepStatus.Pending)
        {
            return (null, new CommandResult(CommandStatus.Conflict, "This approval has already been decided or closed. There is nothing more to do."));
        }

        var project = await services.Projects.GetAsync(step.ProjectId, cancellationToken);
        var record = await services.Cases.GetAsync(step.ProjectId, cancellationToken);
        var latest = record is { Versions.Count: > 0 } ? record.Versions[^1] : null;
        var content = latest is null ? null : (await services.Documents.ReadAsync(latest.Blob, cancellationToken)).Content;
        var earlier = (await services.Steps.ListAsync(step.ProjectId, cancellationToken))
            .Where(s => s.Id != step.Id && s.Decision is { Outcome: not ApprovalOutcome.Cancelled })
            .ToList();
        FinalApproval? final = null;
        if (step.IsFinal)
        {
            // A control gate (exception plan, change) keeps the project manager and starts from the tolerances in force.
            var managers = project!.Baseline is null ? ProjectManagers(services) : [];
            var defaults = ToleranceStart(project, services);
            final = new FinalApproval(
                managers,
                managers.FirstOrDefault()?.Id,
                defaults.CostPercent.ToString(CultureInfo.InvariantCulture),
                defaults.TimeWorkingDays.ToString(CultureInfo.InvariantCulture),
                defaults.ChangeBudgetPercent.ToString(CultureInfo.InvariantCulture));
        }

        // An exception gate's step shows the report it decides on.
        var exception = (await services.Exceptions.ListAsync(step.ProjectId, cancellationToken))
            .FirstOrDefault(e => e.Report is not null && new Delivery.Workflows.Monitoring.ExceptionReported(e.ProjectId, e.ExceptionId, e.ReportVersion).GateId == step.GateId);
        var change = exception is null
            ? (await services.Changes.ListAsync(step.ProjectId, cancellationToken)).FirstOrDefault(c => new ChangeSubmitted(c.ProjectId, c.ChangeId, c.Version).GateId == step.GateId)
            : null;
        var endStage = exception is null && change is null
            ? (await services.Stages.ListReportsAsync(step.ProjectId, cancellationToken)).FirstOrDefault(r => new StageEndReported(r.ProjectId, r.StageId, r.Version).GateId == step.GateId)
            : null;
        var closure = await services.Closures.GetAsync(step.ProjectId, cancellationToken) is { } c && new ClosureRequested(c.ProjectId, c.Version).GateId == step.GateId ? c : null;
        return (new ApprovalPageModel(project!, step, content, earlier, token, errors, Final: final, Exception: exception, Change: change, EndStage: endStage, Closure: closure), null);
    }

    /// <summary>Reads the final approver's choices: a project manager from the list and tolerances as numbers.</summary>
    private static async Task<InitiationAdjustments?> AdjustmentsAsync(
        string id, FinalApproval posted, PageServices services, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var step = await services.Steps.GetAsync(id, cancellationToken);
        var project = step is { IsFinal: true } ? await services.Projects.GetAsync(step.ProjectId, cancellationToken) : null;
        if (project is null)
        {
            return null;
        }

        // Only whether they are numbers is checked here; their bounds and the manager's role are the decision
        // service's rules, the same for the API.
        if (!decimal.TryParse(posted.CostPercent.Trim().TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cost))
        {
            errors["costPercent"] = "Cost tolerance must be a number, like 10";
        }

        if (!int.TryParse(posted.TimeWorkingDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            errors["timeWorkingDays"] = "Time tolerance must be a whole number of working days, like 10";
        }

        if (!decimal.TryParse(posted.ChangeBudgetPercent.Trim().TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var changeBudget))
        {
            errors["changeBudgetPercent"] = "Change budget must be a number, like 5";
        }

        var managerId = string.IsNullOrWhiteSpace(posted.ProjectManagerId) ? null : posted.ProjectManagerId.Trim();
        var defaults = ToleranceStart(project, services);
        return errors.Count > 0 ? null : new InitiationAdjustments(managerId, defaults with { CostPercent = cost, TimeWorkingDays = days, ChangeBudgetPercent = changeBudget });
    }

    /// <summary>The page's name for a field the decision service names as the API does.</summary>
    private static string PageField(string apiField) => apiField switch
    {
        "tolerances.costPercent" => "costPercent",
        "tolerances.timeWorkingDays" => "timeWorkingDays",
        "tolerances.changeBudgetPercent" => "changeBudgetPercent",
        _ => apiField,
    };

    /// <summary>The tolerances a final approver changes: those in force once approved, else the category's defaults.</summary>
    private static Tolerances ToleranceStart(ProjectDocument project, PageServices services) =>
        project.Baseline?.Tolerances ?? services.Lifecycle.Tolerances[project.Request.Category];

    private static List<Approver> ProjectManagers(PageServices services) =>
        services.Approvals.People.Where(p => p.Roles.Contains(services.Lifecycle.ProjectManagerRole, StringComparer.OrdinalIgnoreCase)).ToList();

    private static Task<IResult> RefusalAsync(HttpContext http, PageServices services, CommandResult result) => result.Status switch
    {
        CommandStatus.NotFound => services.Pages.MessageAsync(http, new("Approval not found", result.Message), StatusCodes.Status404NotFound),
        CommandStatus.Forbidden => services.Pages.MessageAsync(http, new("You cannot decide on this approval", result.Message), StatusCodes.Status403Forbidden),
        CommandStatus.LinkExpired or CommandStatus.LinkUsed => services.Pages.MessageAsync(http, new("This link no longer works", result.Message), StatusCodes.Status410Gone),
        _ => services.Pages.MessageAsync(http, new("This approval is already decided", result.Message), StatusCodes.Status409Conflict),
    };

}

/// <summary>The services the decision page uses, bundled so its handlers stay readable.</summary>
public sealed record PageServices(
    ApprovalStepRepository Steps,
    ProjectRepository Projects,
    BusinessCaseRepository Cases,
    BusinessCaseDocuments Documents,
    ApprovalDecisionService Decisions,
    IAntiforgery Antiforgery,
    ApprovalPolicy Approvals,
    LifecyclePolicy Lifecycle,
    TimeProvider Clock,
    InputLimits Limits,
    PageRenderer Pages,
    Delivery.Workflows.Monitoring.ExceptionRepository Exceptions,
    ChangeRepository Changes,
    StageRepository Stages,
    ClosureRepository Closures);
