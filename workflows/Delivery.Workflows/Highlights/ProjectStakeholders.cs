using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Highlights;

/// <summary>
/// Who hears how a project is going (highlight reports, a service's weeknotes): its sponsor and the stakeholders its
/// highlight plan names from the directory, each address once.
/// </summary>
public static class ProjectStakeholders
{
    public static async Task<List<Person>> OfAsync(ProjectDocument project, HighlightRepository highlights, ApprovalPolicy directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(highlights);
        ArgumentNullException.ThrowIfNull(directory);
        var plan = await highlights.GetPlanAsync(project.ProjectId, cancellationToken);
        return (plan?.StakeholderIds ?? [])
            .Select(directory.Find).OfType<Approver>().Select(a => new Person(a.Name, a.Email))
            .Prepend(project.Request.Sponsor)
            .DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
