using Microsoft.DurableTask;
using Delivery.Workflows.Audit;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Records the request in the audit, decides which business cases the project needs (from its estimated cost) and opens its business case record.</summary>
public sealed class PlanLifecycleActivity(ProjectRepository projects, BusinessCaseRepository cases, AuditLog audit, LifecyclePolicy policy) : TaskActivity<string, LifecyclePlan>
{
    public override async Task<LifecyclePlan> RunAsync(TaskActivityContext context, string input)
    {
        var project = await projects.GetAsync(input, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input} does not exist.");
        await audit.AppendAsync($"{project.ProjectId}:submitted", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = project.SubmittedAt,
            Actor = project.SubmittedBy,
            Action = AuditAction.Submitted,
            Summary = "Project request submitted",
            Subject = project.ProjectId,
        }, CancellationToken.None);
        await cases.CreateIfMissingAsync(
            new BusinessCaseDocument
            {
                ProjectId = project.ProjectId,
                Kinds = BusinessCaseKinds.For(project.Request.EstimatedCost.Total, policy.FullBusinessCaseFrom),
            },
            CancellationToken.None);

        // Read back: a retry must return what the first attempt decided, even if settings changed in between.
        var stored = await cases.GetAsync(project.ProjectId, CancellationToken.None);
        return new LifecyclePlan(stored!.Kinds);
    }
}
