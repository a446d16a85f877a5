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

        // The same bounds as on submit: nothing out of bounds is stored, so the draft can always be read back.
        var now = clock.GetUtcNow();
        var errors = BusinessCaseValidator.CheckBounds(content, limits, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await documents.SaveDraftAsync(project!.ProjectId, content, cancellationToken);
        await cases.UpdateAsync(project.ProjectId, c => c with
        {
            DraftBlob = BusinessCaseDocuments.DraftBlob(project.ProjectId),
            DraftUpdatedAt = now,
            Status = c.Status is BusinessCaseStatus.NotStarted ? BusinessCaseStatus.Draft : c.Status,
        }, cancellationToken);
        return TypedResults.Ok(BusinessCaseView.From((await cases.GetAsync(id, cancellationToken))!, content));
    }

    /// <summary>Only the requester edits, and only while the project waits for its business case.</summary>
    public static async Task<(ProjectDocument? Project, BusinessCaseDocument? Record, IResult? Refusal)> EditableAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, BusinessCaseRepository cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var project = await projects.GetAsync(id, cancellationToken);
        var record = project is null ? null : await cases.GetAsync(id, cancellationToken);
        if (project is null || record is null || !GetProjectEndpoint.MaySee(user, project))
        {
            return (null, null, Problems.Status(StatusCodes.Status404NotFound, "Business case not found", $"There is no business case for project {id} that you can see."));
        }

        if (!string.Equals(project.SubmittedBy, user.UserId(), StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only the requester can edit or submit the business case."));
        }

        if (project.Stage != ProjectStage.BusinessCase)
        {
            return (null, null, Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The project is in {project.Stage}; the business case can be changed only while it waits for one."));
        }

        return (project, record, null);
    }
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
