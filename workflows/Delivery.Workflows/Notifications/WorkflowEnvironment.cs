namespace Delivery.Workflows.Notifications;

/// <summary>What the workflows need to know about where the app runs: links in emails start at <see cref="PublicBaseUrl"/>.</summary>
public sealed record WorkflowEnvironment(Uri PublicBaseUrl);
