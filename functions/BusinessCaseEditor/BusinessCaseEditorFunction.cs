using Delivery.Functions.App.Auth;
using Delivery.Workflows.Approvals;
using Delivery.Functions.App.Pages;
using Delivery.Functions.BusinessCaseDraft;
using Delivery.Functions.SubmitBusinessCase;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.BusinessCaseEditor;

/// <summary>What the editor's first page shows: the five cases as a task list, and the errors of a submission that was refused.</summary>
public sealed record EditorOverviewModel(ProjectDocument Project, BusinessCaseDocument Record, IReadOnlyDictionary<string, SectionStatus> Statuses, IReadOnlyDictionary<string, string> Errors, bool Saved = false);

/// <summary>A section's progress, as a GOV.UK task list shows it.</summary>
public enum SectionStatus
{
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>What a section page shows: its fields, as saved or as just sent, and their errors.</summary>
public sealed record EditorSectionModel(ProjectDocument Project, BusinessCaseDocument Record, CaseSection Section, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>BusinessCaseEditor</c> function: <c>GET /api/projects/{id}/business-case/edit</c> lists the five cases,
/// and its <c>POST</c> submits (or resubmits, after changes were asked for); <c>GET</c> and <c>POST
/// …/edit/{section}</c> show and save one case. Saving and submitting are the API's own steps
/// (<see cref="BusinessCaseDraftEndpoint.SaveAsync"/>, <see cref="SubmitBusinessCaseEndpoint.SubmitAsync"/>), so the
/// rules are the same; only the requester, and only while the project waits for its case.
/// </summary>
public sealed class BusinessCaseEditorFunction(
    ProjectRepository projects, BusinessCaseRepository cases, BusinessCaseDocuments documents, LifecycleCommands lifecycle, InputLimits limits, PageRenderer pages, TimeProvider clock)
{
    public const string Name = "BusinessCaseEditor";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/business-case/edit/{section?}")] HttpRequest req,
        string id, string? section, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, record, refusal) = await BusinessCaseDraftEndpoint.CheckEditableAsync(id, http.User, projects, cases, cancellationToken);
        var part = section is null ? null : CaseSections.Find(section);
        if (refusal == EditRefusal.NotFound || (section is not null && part is null))
        {
            return await pages.MessageAsync(http, new("Business case not found", "There is no such business case that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        if (refusal == EditRefusal.NotRequester)
        {
            return await pages.MessageAsync(http, new("You cannot edit this business case", EditRefusals.NotRequester), StatusCodes.Status403Forbidden);
        }

        if (refusal == EditRefusal.NotNow)
        {
            return await pages.MessageAsync(http, new("The business case cannot be changed now", EditRefusals.NotNow(project!.Stage)), StatusCodes.Status409Conflict);
        }

        var (draft, _) = record!.DraftBlob is null ? (null, false) : await documents.ReadAsync(record.DraftBlob, cancellationToken);
        if (part is null)
        {
            return HttpMethods.IsPost(req.Method)
                ? await SubmitAsync(http, client, project!, record, draft, cancellationToken)
                : await pages.PageAsync<EditorOverviewPage, EditorOverviewModel>(http, new(project!, record, Statuses(draft), new Dictionary<string, string>(), req.Query["saved"] == "1"));
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<EditorSectionPage, EditorSectionModel>(http, new(project!, record, part, CaseValues.From(draft), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your changes could not be saved", bad!.Message), bad.Status);
        }

        var reader = new CaseForm(form);
        var content = reader.Read(part.Slug, draft ?? new BusinessCaseContent());
        // Everything wrong at once, as GOV.UK forms do: what could not be read, and the API's bounds on the rest.
        var errors = reader.Errors;
        var bounds = errors.Count == 0
            ? await BusinessCaseDraftEndpoint.SaveAsync(project!, content, cases, documents, limits, clock, cancellationToken)
            : BusinessCaseValidator.CheckBounds(content, limits, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        foreach (var (field, messages) in bounds)
        {
            errors.TryAdd(reader.ToPage(field), messages[0].TrimEnd('.'));
        }

        return errors.Count == 0
            ? Results.Redirect(CaseSections.Href(project!.ProjectId) + "?saved=1")
            : await pages.PageAsync<EditorSectionPage, EditorSectionModel>(http, new(project!, record, part, reader.Posted(), errors), StatusCodes.Status400BadRequest);
    }

    private async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient client, ProjectDocument project, BusinessCaseDocument record, BusinessCaseContent? draft, CancellationToken cancellationToken)
    {
        var (errors, result) = await SubmitBusinessCaseEndpoint.SubmitAsync(client, project, record, http.User.UserId(), documents, lifecycle, limits, clock, cancellationToken);
        if (errors is not null)
        {
            var shown = errors.ToDictionary(e => EditorLinks.To(project.ProjectId, e.Key), e => e.Value[0].TrimEnd('.'), StringComparer.Ordinal);
            return await pages.PageAsync<EditorOverviewPage, EditorOverviewModel>(http, new(project, record, Statuses(draft), shown), StatusCodes.Status400BadRequest);
        }

        if (result!.Status != CommandStatus.Recorded)
        {
            return await pages.MessageAsync(http, new("The business case was not submitted", result.Message), StatusCodes.Status409Conflict);
        }

        return Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/page?submitted=1");
    }

    /// <summary>Started or not, and complete by the rules a submission is checked against.</summary>
    private Dictionary<string, SectionStatus> Statuses(BusinessCaseContent? draft)
    {
        var missing = draft is null ? [] : BusinessCaseValidator.Validate(draft, limits, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).Keys.ToList();
        return CaseSections.All.ToDictionary(
            s => s.Slug,
            s => !CaseSections.IsStarted(s, draft) ? SectionStatus.NotStarted
                : missing.Any(k => CaseSections.Of(k) == s) ? SectionStatus.InProgress
                : SectionStatus.Completed);
    }

}

/// <summary>Where an error from submitting links to: the field on its section's page.</summary>
public static class EditorLinks
{
    public static string To(string projectId, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var section = CaseSections.Of(field);
        var id = field switch
        {
            "economic.options" => "economic.options[0].name",
            "financial.years" => "financial.years[0].year",
            "management.milestones" => "management.milestones[0].name",
            "management.benefits" => "management.benefits[0].measure",
            _ when field.EndsWith(".date", StringComparison.Ordinal) => field + "-day",
            _ => field,
        };
        return section is null ? CaseSections.Href(projectId) : CaseSections.Href(projectId, section.Slug) + "#" + id;
    }
}
