using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;
using Microsoft.DurableTask;

namespace Delivery.Workflows.Benefits;

/// <summary>When each benefits review of a closed project falls due (from its closure date) and the chasing delays.</summary>
public sealed class PlanBenefitReviewsActivity(ProjectRepository projects, BenefitReviewPolicy policy) : TaskActivity<string, BenefitReviewPlan>
{
    public override async Task<BenefitReviewPlan> RunAsync(TaskActivityContext context, string input)
    {
        var project = await projects.GetAsync(input, CancellationToken.None) ?? throw new InvalidOperationException($"Project {input} does not exist.");
        return new BenefitReviewPlan(policy.DueDates(project.StageChangedAt ?? project.SubmittedAt), policy.ReminderAfter, policy.EscalateAfter);
    }
}

/// <summary>
/// Opens review n of every benefit of the project (once each), emails each owner a link to record it, audits it
/// and moves the project to Benefits review. Returns the benefits whose review is still to be recorded.
/// </summary>
public sealed class OpenBenefitReviewActivity(
    ProjectRepository projects, BenefitReviewRepository reviews, BenefitsView view, TaskView tasks, ApprovalPolicy directory, AuditLog audit, EmailOutbox outbox, WorkflowEnvironment environment, TimeProvider clock)
    : TaskActivity<BenefitReviewStep, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, BenefitReviewStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var project = await projects.UpdateAsync(input.ProjectId, p => p.Stage == ProjectStage.Closed
            ? p with { Stage = ProjectStage.BenefitsReview, StageChangedAt = now, WaitingFor = $"Benefits review {input.Review}: the benefit owners to record the actual measures" }
            : p.Stage == ProjectStage.BenefitsReview ? p with { WaitingFor = $"Benefits review {input.Review}: the benefit owners to record the actual measures" } : null, CancellationToken.None)
            ?? await projects.GetAsync(input.ProjectId, CancellationToken.None) ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        var open = new List<string>();
        for (var i = 0; i < project.Request.Benefits.Count; i++)
        {
            var benefit = project.Request.Benefits[i];
            var benefitId = BenefitForecast.BenefitIdFor(i);
            var owner = BenefitReviewPolicy.OwnerOf(benefit, project, directory);
            if (owner is null)
            {
                continue;
            }

            var review = await reviews.CreateOrGetAsync(new BenefitReview
            {
                Id = BenefitReview.IdFor(benefitId, input.Review),
                ProjectId = project.ProjectId,
                BenefitId = benefitId,
                Review = input.Review,
                DueAt = input.DueAt,
                OpenedAt = now,
                OwnerId = owner.Id,
            }, CancellationToken.None);
            if (review.Recorded)
            {
                continue;
            }

            open.Add(benefitId);
            await tasks.SyncBenefitReviewAsync(project, review, CancellationToken.None);
            await audit.AppendAsync($"{project.ProjectId}~benefit-review~{benefitId}~{input.Review}~opened", new AuditEntry
            {
                Id = string.Empty,
                ProjectId = project.ProjectId,
                At = review.OpenedAt,
                Actor = AuditEntry.System,
                Action = AuditAction.BenefitReviewOpened,
                Summary = $"Benefits review {input.Review} of {benefitId} ({benefit.Measure}) opened for its owner",
                Subject = benefitId,
            }, CancellationToken.None);
            await outbox.SendOnceAsync(project.ProjectId, $"{project.ProjectId}:benefit-review:{benefitId}:{input.Review}:due:{owner.Email}",
                BenefitReviewEmail.Build(BenefitReviewNotice.Due, project, benefit, review, new Person(owner.Name, owner.Email), owner.Name, environment.PublicBaseUrl), CancellationToken.None);
        }

        await view.RefreshAsync(project, CancellationToken.None);
        return open;
    }
}

/// <summary>
/// Chases review n's benefits not yet recorded: a reminder to each owner, or the escalation to the sponsor (once
/// each, keyed), and refreshes the project's row in the benefits view. Returns the benefits still to be recorded.
/// </summary>
public sealed class ChaseBenefitReviewActivity(
    ProjectRepository projects, BenefitReviewRepository reviews, BenefitsView view, ApprovalPolicy directory, AuditLog audit, EmailOutbox outbox, WorkflowEnvironment environment, TimeProvider clock)
    : TaskActivity<BenefitReviewChase, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, BenefitReviewChase input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var project = await projects.GetAsync(input.ProjectId, CancellationToken.None) ?? throw new InvalidOperationException($"Project {input.ProjectId} does not exist.");
        var sponsor = directory.FindByEmail(project.Request.Sponsor.Email);
        var open = new List<string>();
        foreach (var review in (await reviews.ListAsync(project.ProjectId, CancellationToken.None)).Where(r => r.Review == input.Review && !r.Recorded))
        {
            open.Add(review.BenefitId);
            var benefit = project.Request.Benefits[int.Parse(review.BenefitId[1..], System.Globalization.CultureInfo.InvariantCulture) - 1];
            var owner = directory.Find(review.OwnerId);
            var to = input.Notice == BenefitReviewNotice.Reminder
                ? owner is null ? null : new Person(owner.Name, owner.Email)
                : sponsor is null ? project.Request.Sponsor : new Person(sponsor.Name, sponsor.Email);
            await reviews.UpdateAsync(project.ProjectId, review.Id, r => input.Notice == BenefitReviewNotice.Reminder
                ? r.RemindedAt is null ? r with { RemindedAt = now } : null
                : r.EscalatedAt is null ? r with { EscalatedAt = now } : null, CancellationToken.None);
            if (input.Notice == BenefitReviewNotice.Escalation)
            {
                await audit.AppendAsync($"{project.ProjectId}~benefit-review~{review.BenefitId}~{input.Review}~escalated", new AuditEntry
                {
                    Id = string.Empty,
                    ProjectId = project.ProjectId,
                    At = now,
                    Actor = AuditEntry.System,
                    Action = AuditAction.BenefitReviewEscalated,
                    Summary = $"Benefits review {input.Review} of {review.BenefitId} not recorded after a reminder: escalated to the sponsor",
                    Subject = review.BenefitId,
                }, CancellationToken.None);
            }

            if (to is not null)
            {
                var notice = input.Notice == BenefitReviewNotice.Reminder ? "reminder" : "escalation";
                await outbox.SendOnceAsync(project.ProjectId, $"{project.ProjectId}:benefit-review:{review.BenefitId}:{input.Review}:{notice}:{to.Email}",
                    BenefitReviewEmail.Build(input.Notice, project, benefit, review, to, owner?.Name ?? review.OwnerId, environment.PublicBaseUrl), CancellationToken.None);
            }
        }

        // The portfolio's benefits report and the weekly digest read the view, not the reviews: without this they
        // would not show a review as overdue or escalated until something else rewrote the row.
        await view.RefreshAsync(project, CancellationToken.None);
        return open;
    }
}

/// <summary>After the last review: the project is Done and its lifecycle ends.</summary>
public sealed class FinishBenefitReviewsActivity(ProjectRepository projects, BenefitsView view, AuditLog audit, TimeProvider clock) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        var now = clock.GetUtcNow();
        var project = await projects.UpdateAsync(input, p => p.Stage == ProjectStage.Done ? null : p with
        {
            Stage = ProjectStage.Done,
            StageChangedAt = now,
            WaitingFor = $"Done on {UkFormat.Date(now)}: benefits reviews finished",
        }, CancellationToken.None) ?? await projects.GetAsync(input, CancellationToken.None);
        if (project is null)
        {
            return false;
        }

        await audit.AppendAsync($"{input}~benefit-reviews~finished", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = input,
            At = project.StageChangedAt ?? now,
            Actor = AuditEntry.System,
            Action = AuditAction.BenefitReviewsFinished,
            Summary = "Benefits reviews finished: the project is Done",
        }, CancellationToken.None);
        await view.RefreshAsync(project, CancellationToken.None);
        return true;
    }
}
