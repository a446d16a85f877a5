using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Views;

namespace Delivery.Workflows.Tests.Views;

/// <summary>
/// "My tasks" follows the documents through their repositories: a pending step is a task for its approver and
/// delegate and nobody's once decided; a business case to write or to revise is the requester's.
/// </summary>
public sealed class TaskViewTests(ViewsDatabase db) : IClassFixture<ViewsDatabase>
{
    [Fact]
    public async Task A_pending_step_waits_for_its_approver_and_delegate_until_it_is_decided()
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..12];
        await db.Projects.TryCreateAsync(ViewsDatabase.Project(projectId, 9_000m, DateTimeOffset.UtcNow), default);
        var requestedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var step = await db.Steps.CreateOrGetAsync(Step(projectId, requestedAt), default);

        var lee = Assert.Single(await db.Tasks.ListAsync("line-lee", default));
        Assert.Equal(PersonTaskKind.Decide, lee.Kind);
        Assert.Equal("Project " + projectId, lee.ProjectTitle);
        Assert.Equal($"/api/approvals/{step.Id}", lee.Href);

        // Five working days after Monday 23 November: Monday 30 November.
        Assert.Equal(new DateOnly(2026, 11, 30), DateOnly.FromDateTime(lee.DueAt!.Value.UtcDateTime));

        // Delegated to Farah, then to Ben: the task is Lee's and the current delegate's only.
        var toFarah = await db.Steps.TryReplaceAsync(step with { Delegate = new ApprovalPerson("fin-farah", "Farah Ahmed", "farah.ahmed@example.gov.uk") }, default, replacing: step);
        Assert.Single(await db.Tasks.ListAsync("fin-farah", default));
        await db.Steps.TryReplaceAsync(toFarah! with { Delegate = new ApprovalPerson("board-ben", "Ben Clarke", "ben.clarke@example.gov.uk") }, default, replacing: toFarah);
        Assert.Empty(await db.Tasks.ListAsync("fin-farah", default));
        Assert.Single(await db.Tasks.ListAsync("board-ben", default));
        Assert.Single(await db.Tasks.ListAsync("LINE-LEE", default));

        await db.Steps.UpdateAsync(step.Id, s => s with { Status = StepStatus.Decided }, default);

        Assert.Empty(await db.Tasks.ListAsync("line-lee", default));
        Assert.Empty(await db.Tasks.ListAsync("board-ben", default));
    }

    [Fact]
    public async Task A_business_case_to_write_or_revise_waits_for_the_requester()
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..12];
        var project = ViewsDatabase.Project(projectId, 9_000m, DateTimeOffset.UtcNow) with { SubmittedBy = "req-" + projectId };
        await db.Projects.TryCreateAsync(project, default);
        await db.Cases.CreateIfMissingAsync(new BusinessCaseDocument { ProjectId = projectId, Kinds = [BusinessCaseKind.BusinessJustificationCase] }, default);

        var write = Assert.Single(await db.Tasks.ListAsync(project.SubmittedBy, default));
        Assert.Equal(PersonTaskKind.WriteBusinessCase, write.Kind);

        await db.Cases.UpdateAsync(projectId, c => c with { Status = BusinessCaseStatus.Submitted }, default);
        Assert.Empty(await db.Tasks.ListAsync(project.SubmittedBy, default));

        await db.Cases.UpdateAsync(projectId, c => c with { Status = BusinessCaseStatus.ChangesRequested }, default);
        var revise = Assert.Single(await db.Tasks.ListAsync(project.SubmittedBy, default));
        Assert.Equal(PersonTaskKind.ReviseBusinessCase, revise.Kind);
        Assert.Equal("Business Justification Case: changes requested", revise.Subject);

        // Doing it again (a retried activity) changes nothing.
        await db.Cases.UpdateAsync(projectId, c => c with { Status = BusinessCaseStatus.ChangesRequested }, default);
        Assert.Single(await db.Tasks.ListAsync(project.SubmittedBy, default));
    }

    private static ApprovalStepDocument Step(string projectId, DateTimeOffset requestedAt) => new()
    {
        Id = ApprovalStepDocument.IdFor(projectId, "bjc-v1", "r1s1"),
        ProjectId = projectId,
        GateId = "bjc-v1",
        InstanceId = "instance",
        Subject = "Business Justification Case, version 1",
        Label = "Line manager",
        Approver = new ApprovalPerson("line-lee", "Lee Morgan", "lee.morgan@example.gov.uk"),
        RequestedAt = requestedAt,
    };
}
