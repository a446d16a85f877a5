namespace Delivery.Workflows.Notifications;

/// <summary>A queued request to send one of the templated emails about a project (the email-outbox queue).</summary>
/// <remarks>Carries ids only: the handler reads names and addresses from the project, so no personal data sits in queues.</remarks>
public sealed record EmailRequest(string ProjectId, string Template, DateTimeOffset RequestedAt);
