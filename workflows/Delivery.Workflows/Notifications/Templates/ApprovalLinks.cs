namespace Delivery.Workflows.Notifications.Templates;

/// <summary>The addresses emails link to.</summary>
public static class ApprovalLinks
{
    public static Uri DecisionPage(Uri publicBaseUrl, string stepId, string token) =>
        new(publicBaseUrl, $"api/approvals/{Uri.EscapeDataString(stepId)}?token={Uri.EscapeDataString(token)}");

    public static Uri Project(Uri publicBaseUrl, string projectId) =>
        new(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(projectId)}");
}
