using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.BenefitReviews;

/// <summary>A benefits review's record as sent: <c>{"actual","measuredOn","comment"}</c>.</summary>
public sealed record BenefitReviewBody(decimal? Actual, DateOnly? MeasuredOn, string? Comment);

/// <summary>A benefits review as the API shows it: the actual against the business case's baseline and target.</summary>
public sealed record BenefitReviewResponse(
    string ProjectId, string BenefitId, int Review, string Measure, string Baseline, string Target, DateTimeOffset DueAt, string OwnerId,
    decimal? Actual, DateOnly? MeasuredOn, string? Comment, decimal? AchievedPercent, decimal? Shortfall)
{
    public static BenefitReviewResponse From(ProjectDocument project, BenefitReview review)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(review);
        var (benefit, baseline, target) = BenefitForecast.Measurable(project, review.BenefitId);
        var figure = benefit is not null && baseline != target && review.Actual is not null;
        return new BenefitReviewResponse(project.ProjectId, review.BenefitId, review.Review, benefit!.Measure, benefit.Baseline, benefit.Target, review.DueAt, review.OwnerId,
            review.Actual, review.MeasuredOn, review.Comment,
            figure ? BenefitOutcome.AchievedPercent(baseline, target, review.Actual!.Value) : null,
            figure ? BenefitOutcome.Shortfall(baseline, target, review.Actual!.Value) : null);
    }
}

/// <summary>
/// Recording a benefits review, shared by the API and the owner's page: who may (the benefit owner, the project's
/// sponsor, or an Admin), the checks on what is sent, and the record: stored, audited, the benefits view and the owner's tasks
/// refreshed and the review orchestration told. Sending the same again changes nothing; a different actual corrects it.
/// </summary>
public sealed class BenefitReviewSteps(
    ProjectRepository projects, BenefitReviewRepository reviews, BenefitsView view, TaskView tasks, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The review number in a route: 1 to 99, else 0 (which no review has).</summary>
    public static int ReviewNumber(string? review) =>
        int.TryParse(review, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 99 ? n : 0;

    /// <summary>The project and the open review, or the refusal (404 unknown or not visible, 403 not theirs to record).</summary>
    public async Task<(ProjectDocument? Project, BenefitReview? Review, IResult? Refusal)> ForRecordingAsync(
        string id, string benefitId, int review, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        var found = project is null || review < 1 || !ProjectRecordAccess.IsRecordId(benefitId) ? null : await reviews.GetAsync(project.ProjectId, benefitId, review, cancellationToken);
        var mayRecord = found is not null && MayRecord(user, project!, found);
        if (found is null || (!mayRecord && !GetProjectEndpoint.MaySee(user, project!)))
        {
            return (null, null, Problems.Status(StatusCodes.Status404NotFound, "Review not found", $"There is no open review {review} of benefit {benefitId} of a project {id} that you can see."));
        }

        return mayRecord
            ? (project, found, null)
            : (null, null, Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only the benefit's owner, the project's sponsor or an admin can record a benefits review."));
    }

    /// <summary>Every bad field; or the review as stored, and whether this sending changed it.</summary>
    public async Task<(BenefitReview? Saved, bool Changed, Dictionary<string, string[]> Errors)> RecordAsync(
        ProjectDocument project, BenefitReview review, string userId, BenefitReviewBody body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Actual is not { } actual)
        {
            errors["actual"] = ["Enter the actual measure of the benefit now."];
        }
        else if (Math.Abs(actual) > limits.MaxAmount || decimal.Round(actual, 2) != actual)
        {
            errors["actual"] = [$"The actual measure must be a number of at most 2 decimal places, no bigger than {limits.MaxAmount:N0}."];
        }

        RecordRules.Date("measuredOn", body.MeasuredOn, ProjectRecordAccess.Start(project), ProjectRecordAccess.Today(now), errors, mustNotBeFuture: true);
        RecordRules.Text("comment", body.Comment, limits.MaxReasonLength, required: false, errors);
        if (errors.Count > 0)
        {
            return (null, false, errors);
        }

        var comment = string.IsNullOrWhiteSpace(body.Comment) ? null : body.Comment.Trim();
        var changed = false;
        var saved = await reviews.UpdateAsync(project.ProjectId, review.Id, r =>
        {
            changed = r.Actual != body.Actual || r.MeasuredOn != body.MeasuredOn || r.Comment != comment;
            return changed ? r with { Actual = body.Actual, MeasuredOn = body.MeasuredOn, Comment = comment, RecordedBy = userId, RecordedAt = now } : null;
        }, cancellationToken) ?? await reviews.GetAsync(project.ProjectId, review.BenefitId, review.Review, cancellationToken);

        // The views, the audit and the event follow the record on a retry too, so a step lost to a fault is redone.
        await view.RefreshAsync(project, cancellationToken);
        await tasks.SyncBenefitReviewAsync(project, saved!, cancellationToken);
        var (benefit, _, _) = BenefitForecast.Measurable(project, review.BenefitId);
        await audit.AppendAsync($"{project.ProjectId}~benefit-review~{review.BenefitId}~{review.Review}~recorded~{saved!.RecordedAt!.Value.UtcTicks}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = saved.RecordedAt.Value,
            Actor = saved.RecordedBy!,
            Action = AuditAction.BenefitReviewRecorded,
            Summary = $"Benefits review {review.Review} of {review.BenefitId} ({benefit?.Measure}) recorded: {saved.Actual} measured on {saved.MeasuredOn:yyyy-MM-dd} (baseline {benefit?.Baseline}, target {benefit?.Target})",
            Comment = saved.Comment,
            Subject = review.BenefitId,
        }, cancellationToken);
        var instanceId = BenefitReviewOrchestrator.InstanceIdFor(project.ProjectId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false })
        {
            await client.RaiseEventAsync(instanceId, BenefitReviewRecorded.EventName, new BenefitReviewRecorded(project.ProjectId, review.BenefitId, review.Review), cancellationToken);
        }

        return (saved, changed, errors);
    }

    private bool MayRecord(ClaimsPrincipal user, ProjectDocument project, BenefitReview review)
    {
        var me = user.UserId();
        return user.IsInRole(Roles.Admin)
            || string.Equals(review.OwnerId, me, StringComparison.OrdinalIgnoreCase)
            || string.Equals(directory.FindByEmail(project.Request.Sponsor.Email)?.Id, me, StringComparison.OrdinalIgnoreCase);
    }
}
