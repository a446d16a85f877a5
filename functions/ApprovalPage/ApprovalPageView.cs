using System.Text;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ApprovalPage;

/// <summary>What the decision page shows, and what the person last entered when the form comes back with errors.</summary>
public sealed record ApprovalPageModel(
    ProjectDocument Project,
    ApprovalStepDocument Step,
    BusinessCaseContent? Case,
    IReadOnlyList<ApprovalStepDocument> EarlierSteps,
    string? Token,
    string AntiforgeryField,
    string AntiforgeryToken,
    IReadOnlyDictionary<string, string> Errors,
    string? Decision = null,
    string? Comment = null,
    FinalApproval? Final = null);

/// <summary>For the gate's final approver: who can be project manager, and the tolerances to start from (or as entered).</summary>
public sealed record FinalApproval(IReadOnlyList<Approver> ProjectManagers, string? ProjectManagerId, string CostPercent, string TimeWorkingDays);

/// <summary>Renders the decision page with GOV.UK Frontend components: summary list, tables, radios, textarea, error summary.</summary>
public static class ApprovalPageView
{
    public static readonly (string Value, string Label)[] Choices =
    [
        ("approve", "Approve"),
        ("request-changes", "Ask for changes"),
        ("reject", "Reject"),
    ];

    public static string Render(ApprovalPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var project = model.Project;
        var request = project.Request;
        var html = new StringBuilder("<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
        if (model.Errors.Count > 0)
        {
            html.Append("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">");
            foreach (var (field, message) in model.Errors)
            {
                html.Append($"<li><a href=\"#{field}\">{E(message)}</a></li>");
            }

            html.Append("</ul></div></div></div>");
        }

        html.Append($"<span class=\"govuk-caption-l\">{E(model.Step.Subject)}</span><h1 class=\"govuk-heading-l\">Decide on {E(request.Title)}</h1>");
        html.Append($"<p class=\"govuk-body\">You are asked to decide as {E(model.Step.Label.ToLowerInvariant())}{(model.Step.Delegate is null ? string.Empty : $", or as delegate of {E(model.Step.Approver.Name)}")}.</p>");
        html.Append("<h2 class=\"govuk-heading-m\">Summary</h2><dl class=\"govuk-summary-list\">");
        Row(html, "Reference", project.ProjectId);
        Row(html, "Description", request.Description);
        Row(html, "Requested by", request.Requester.Name);
        Row(html, "Sponsor", request.Sponsor.Name);
        Row(html, "Estimated cost", UkFormat.Money(request.EstimatedCost.Total));
        if (model.Case is { } bc)
        {
            Row(html, "Business case total", UkFormat.Money(bc.TotalCost));
        }

        if (model.Step.RouteNote is { } note)
        {
            Row(html, "How it was routed", note);
        }

        if (model.Case is { } details)
        {
            Row(html, "Case for change", details.Strategic?.CaseForChange);
            Row(html, "Preferred option", details.Economic?.PreferredOption);
            Row(html, "Procurement route", details.Commercial?.ProcurementRoute);
        }

        html.Append("</dl>");
        Costs(html, model.Case);
        Benefits(html, model.Case?.Management?.Benefits ?? request.Benefits);
        Risks(html, model.Case?.Management?.Risks ?? request.Risks);
        EarlierDecisions(html, model.EarlierSteps);
        Form(html, model);
        html.Append("</div></div>");
        return GovUkPage.Render($"Decide on {request.Title}", html.ToString(), model.Errors.Count > 0);
    }

    public static string Confirmation(ProjectDocument project, StepDecision decision) =>
        GovUkPage.Render("Decision recorded", $"<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Decision recorded</h1><div class=\"govuk-panel__body\">{E(ApprovalDecisionService.Describe(decision.Outcome))} {E(project.Request.Title)}</div></div><p class=\"govuk-body\">The requester will be told by email. You can close this page.</p></div></div>");

    private static void Costs(StringBuilder html, BusinessCaseContent? bc)
    {
        var years = bc?.Financial?.Years ?? [];
        if (years.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Costs by year</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Year</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Capital</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Revenue</th></tr></thead><tbody class=\"govuk-table__body\">");
        foreach (var year in years)
        {
            html.Append($"<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{E(year.Year)}</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">{UkFormat.Money(year.Capital)}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{UkFormat.Money(year.Revenue)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Benefits(StringBuilder html, IReadOnlyList<ExpectedBenefit> benefits)
    {
        html.Append("<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Benefits</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Measure</th><th scope=\"col\" class=\"govuk-table__header\">Baseline</th><th scope=\"col\" class=\"govuk-table__header\">Target</th><th scope=\"col\" class=\"govuk-table__header\">By</th></tr></thead><tbody class=\"govuk-table__body\">");
        foreach (var b in benefits)
        {
            html.Append($"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{E(b.Measure)}</td><td class=\"govuk-table__cell\">{E(b.Baseline)}</td><td class=\"govuk-table__cell\">{E(b.Target)}</td><td class=\"govuk-table__cell\">{UkFormat.Date(b.Date)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Risks(StringBuilder html, IReadOnlyList<InitialRisk> risks)
    {
        html.Append("<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Risks</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Risk</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Score (probability × impact)</th></tr></thead><tbody class=\"govuk-table__body\">");
        foreach (var r in risks)
        {
            html.Append($"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{E(r.Description)}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{r.Score} ({r.Probability} × {r.Impact})</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void EarlierDecisions(StringBuilder html, IReadOnlyList<ApprovalStepDocument> steps)
    {
        html.Append("<h2 class=\"govuk-heading-m\">Earlier decisions</h2>");
        if (steps.Count == 0)
        {
            html.Append("<p class=\"govuk-body\">There are no earlier decisions.</p>");
            return;
        }

        html.Append("<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Earlier decisions</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">What</th><th scope=\"col\" class=\"govuk-table__header\">Who</th><th scope=\"col\" class=\"govuk-table__header\">Decision</th><th scope=\"col\" class=\"govuk-table__header\">Comment</th></tr></thead><tbody class=\"govuk-table__body\">");
        foreach (var s in steps)
        {
            html.Append($"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{E(s.Subject)}</td><td class=\"govuk-table__cell\">{E(s.Approver.Name)} ({E(s.Label.ToLowerInvariant())})</td><td class=\"govuk-table__cell\">{E(s.Decision?.Outcome.ToString())}</td><td class=\"govuk-table__cell\">{E(s.Decision?.Comment)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Form(StringBuilder html, ApprovalPageModel model)
    {
        var query = model.Token is null ? string.Empty : "?token=" + Uri.EscapeDataString(model.Token);
        html.Append($"<form method=\"post\" action=\"/api/approvals/{Uri.EscapeDataString(model.Step.Id)}{query}\" novalidate>");
        html.Append($"<input type=\"hidden\" name=\"{E(model.AntiforgeryField)}\" value=\"{E(model.AntiforgeryToken)}\">");
        var decisionError = model.Errors.GetValueOrDefault("decision");
        html.Append($"<div class=\"govuk-form-group{(decisionError is null ? string.Empty : " govuk-form-group--error")}\"><fieldset class=\"govuk-fieldset\"{(decisionError is null ? string.Empty : " aria-describedby=\"decision-error\"")}><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Your decision</h2></legend>");
        if (decisionError is not null)
        {
            html.Append($"<p id=\"decision-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {E(decisionError)}</p>");
        }

        html.Append("<div class=\"govuk-radios\" data-module=\"govuk-radios\">");
        for (var i = 0; i < Choices.Length; i++)
        {
            var (value, label) = Choices[i];
            var id = i == 0 ? "decision" : $"decision-{i + 1}";
            var check = model.Decision == value ? " checked" : string.Empty;
            html.Append($"<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"{id}\" name=\"decision\" type=\"radio\" value=\"{value}\"{check}><label class=\"govuk-label govuk-radios__label\" for=\"{id}\">{label}</label></div>");
        }

        html.Append("</div></fieldset></div>");
        var commentError = model.Errors.GetValueOrDefault("comment");
        var describedBy = "comment-hint" + (commentError is null ? string.Empty : " comment-error");
        html.Append($"<div class=\"govuk-form-group{(commentError is null ? string.Empty : " govuk-form-group--error")}\"><label class=\"govuk-label govuk-label--s\" for=\"comment\">Comment</label><div id=\"comment-hint\" class=\"govuk-hint\">You must say why if you reject it or ask for changes.</div>");
        if (commentError is not null)
        {
            html.Append($"<p id=\"comment-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {E(commentError)}</p>");
        }

        html.Append($"<textarea class=\"govuk-textarea{(commentError is null ? string.Empty : " govuk-textarea--error")}\" id=\"comment\" name=\"comment\" rows=\"5\" aria-describedby=\"{describedBy}\">{E(model.Comment)}</textarea></div>");
        FinalFields(html, model);
        html.Append("<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Submit decision</button></form>");
    }

    /// <summary>The final approver may choose the project manager and adjust the default tolerances.</summary>
    private static void FinalFields(StringBuilder html, ApprovalPageModel model)
    {
        if (model.Final is not { } final)
        {
            return;
        }

        html.Append("<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">If you approve</h2></legend>");
        html.Append("<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"projectManagerId\">Project manager</label><select class=\"govuk-select\" id=\"projectManagerId\" name=\"projectManagerId\">");
        foreach (var pm in final.ProjectManagers)
        {
            var selected = string.Equals(pm.Id, final.ProjectManagerId, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty;
            html.Append($"<option value=\"{E(pm.Id)}\"{selected}>{E(pm.Name)}</option>");
        }

        html.Append("</select></div>");
        Number(html, model, "costPercent", "Cost tolerance (percent)", final.CostPercent, "decimal");
        Number(html, model, "timeWorkingDays", "Time tolerance (working days)", final.TimeWorkingDays, "numeric");
        html.Append("</fieldset>");
    }

    private static void Number(StringBuilder html, ApprovalPageModel model, string id, string label, string value, string inputMode)
    {
        var error = model.Errors.GetValueOrDefault(id);
        html.Append($"<div class=\"govuk-form-group{(error is null ? string.Empty : " govuk-form-group--error")}\"><label class=\"govuk-label\" for=\"{id}\">{label}</label>");
        if (error is not null)
        {
            html.Append($"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {E(error)}</p>");
        }

        var describedBy = error is null ? string.Empty : $" aria-describedby=\"{id}-error\"";
        html.Append($"<input class=\"govuk-input govuk-input--width-4{(error is null ? string.Empty : " govuk-input--error")}\" id=\"{id}\" name=\"{id}\" type=\"text\" inputmode=\"{inputMode}\" spellcheck=\"false\" value=\"{E(value)}\"{describedBy}></div>");
    }

    private static void Row(StringBuilder html, string key, string? value) =>
        html.Append($"<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{E(key)}</dt><dd class=\"govuk-summary-list__value\">{E(value)}</dd></div>");

    private static string E(string? value) => GovUkPage.Encode(value);
}
