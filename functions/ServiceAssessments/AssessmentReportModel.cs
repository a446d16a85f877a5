using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;

namespace Delivery.Functions.ServiceAssessments;

/// <summary>What an assessment report shows: the service's project, the assessment, and the directory for people's names.</summary>
public sealed record AssessmentReportModel(ProjectDocument Project, ServiceAssessment Assessment, ApprovalPolicy Directory)
{
    public string NameOf(string id) => Directory.Find(id)?.Name ?? id;

    public string Title => $"Service assessment report: {Project.Request.Title}, {Assessment.Phase.Title()}";
}
