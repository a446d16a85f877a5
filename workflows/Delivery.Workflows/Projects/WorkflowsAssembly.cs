namespace Delivery.Workflows.Projects;

/// <summary>Marker for the workflows assembly.</summary>
public static class WorkflowsAssembly;
