using Delivery.Durable;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.ProjectLifecycle;

/// <summary>Decides which business cases the project needs (from its estimated cost) and opens its business case record.</summary>
public sealed class PlanLifecycleActivity(ProjectRepository projects, BusinessCaseRepository cases, LifecyclePolicy policy) : TaskActivity<string, LifecyclePlan>
{
    public override async Task<LifecyclePlan> RunAsync(TaskActivityContext context, string input)
    {
        var project = await projects.GetAsync(input, CancellationToken.None)
            ?? throw new InvalidOperationException($"Project {input} does not exist.");
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
