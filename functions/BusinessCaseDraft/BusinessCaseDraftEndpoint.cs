using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.GetProject;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.BusinessCaseDraft;

/// <summary>
/// <c>GET</c> and <c>PUT /api/projects/{id}/business-case</c>: read the business case (status, versions, draft) and
/// save the draft. Drafts may be partial; completeness is checked on submit.
/// </summary>
public static class BusinessCaseDraftEndpoint
{
    public static async Task<IResult> GetAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, BusinessCaseRepository cases, BusinessCaseDocuments documents, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(id, cancellationToken);
        var record = project is null ? null : await cases.GetAsync(id, cancellationToken);
        if (project is null || record is null || !GetProjectEndpoint.MaySee(user, project))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Business case not found", $"There is no business case for project {id} that you can see.");
        }

        var (draft, unreadable) = record.DraftBlob is null ? (null, false) : await documents.ReadAsync(record.DraftBlob, cancellationToken);
        return TypedResults.Ok(BusinessCaseView.From(record, draft) with { DraftProblem = unreadable ? UnreadableDraft : null });
    }

    /// <summary>Said instead of failing when the stored draft no longer reads as a business case.</summary>
    public const string UnreadableDraft = "The saved draft could not be read. Save the business case again.";

    public static async Task<IResult> PutAsync(
        string id, HttpRequest request, ClaimsPrincipal user, ProjectRepository projects, BusinessCaseRepository cases, BusinessCaseDocuments documents,
        InputLimits limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (project, record, refusal) = await EditableAsync(id, user, projects, cases, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (content, failure) = await JsonBody.ReadAsync<BusinessCaseContent>(request, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (content is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["Send the business case as JSON."] });
        }

        var errors = await SaveAsync(project!, content, cases, documents, limits, clock, cancellationToken);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : TypedResults.Ok(BusinessCaseView.From((await cases.GetAsync(id, cancellationToken))!, content));
    }

    /// <summary>
    /// Saves the draft if it is within bounds (the same as on submit, so a stored draft can always be read back);
    /// returns the errors by API path otherwise, having stored nothing. The API and the editor pages both save here.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> SaveAsync(
        ProjectDocument project, BusinessCaseContent content, BusinessCaseRepository cases, BusinessCaseDocuments documents, InputLimits limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var errors = BusinessCaseValidator.CheckBounds(content, limits, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Count > 0)
        {
            return errors;
        }

        await documents.SaveDraftAsync(project.ProjectId, content, cancellationToken);
        await cases.UpdateAsync(project.ProjectId, c => c with
        {
            DraftBlob = BusinessCaseDocuments.DraftBlob(project.ProjectId),
            DraftUpdatedAt = now,
            Status = c.Status is BusinessCaseStatus.NotStarted ? BusinessCaseStatus.Draft : c.Status,
        }, cancellationToken);
        return errors;
    }

    /// <summary>Only the requester edits, and only while the project waits for its business case.</summary>
    public static async Task<(ProjectDocument? Project, BusinessCaseDocument? Record, IResult? Refusal)> EditableAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, BusinessCaseRepository cases, CancellationToken cancellationToken)
    {
        var (project, record, refusal) = await CheckEditableAsync(id, user, projects, cases, cancellationToken);
        return refusal switch
        {
            EditRefusal.NotFound => (null, null, Problems.Status(StatusCodes.Status404NotFound, "Business case not found", $"There is no business case for project {id} that you can see.")),
            EditRefusal.NotRequester => (null, null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", EditRefusals.NotRequester)),
            EditRefusal.NotNow => (null, null, Problems.Status(StatusCodes.Status409Conflict, "Not now", EditRefusals.NotNow(project!.Stage))),
            _ => (project, record, null),
        };
    }

    /// <summary>The rule itself, for the API and the editor pages alike.</summary>
    public static async Task<(ProjectDocument? Project, BusinessCaseDocument? Record, EditRefusal Refusal)> CheckEditableAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, BusinessCaseRepository cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(cases);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        var record = project is null ? null : await cases.GetAsync(id, cancellationToken);
        if (project is null || record is null || !GetProjectEndpoint.MaySee(user, project))
        {
            return (null, null, EditRefusal.NotFound);
        }

        if (!string.Equals(project.SubmittedBy, user.UserId(), StringComparison.OrdinalIgnoreCase))
        {
            return (project, record, EditRefusal.NotRequester);
        }

        return project.Stage != ProjectStage.BusinessCase ? (project, record, EditRefusal.NotNow) : (project, record, EditRefusal.None);
    }
}

/// <summary>Why someone may not edit a business case now.</summary>
public enum EditRefusal
{
    None,
    NotFound,
    NotRequester,
    NotNow,
}

/// <summary>What a refused editor is told, by the API and the pages alike.</summary>
public static class EditRefusals
{
    public const string NotRequester = "Only the requester can edit or submit the business case.";

    public static string NotNow(ProjectStage stage) => $"The project is in {stage}; the business case can be changed only while it waits for one.";
}

/// <summary>The business case record with the kind being worked on and the current draft.</summary>
public sealed record BusinessCaseView(
    BusinessCaseStatus Status,
    IReadOnlyList<BusinessCaseKind> Kinds,
    IReadOnlyList<BusinessCaseKind> ApprovedKinds,
    string? CurrentKind,
    DateTimeOffset? DraftUpdatedAt,
    IReadOnlyList<SubmittedVersionView> Versions,
    BusinessCaseContent? Draft)
{
    /// <summary>Why the draft is not shown although one was saved, or null.</summary>
    public string? DraftProblem { get; init; }

    /// <summary>The record as the API shows it: where the draft and versions are stored (blob names) stays in storage.</summary>
    public static BusinessCaseView From(BusinessCaseDocument record, BusinessCaseContent? draft)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new BusinessCaseView(
            record.Status,
            record.Kinds,
            record.ApprovedKinds,
            record.CurrentKind?.Title(),
            record.DraftUpdatedAt,
            record.Versions.Select(v => new SubmittedVersionView(v.Version, v.Kind, v.SubmittedAt, v.SubmittedBy, v.TotalCost)).ToList(),
            draft);
    }
}

/// <summary>One submitted version of the business case.</summary>
public sealed record SubmittedVersionView(int Version, BusinessCaseKind Kind, DateTimeOffset SubmittedAt, string SubmittedBy, decimal TotalCost);
