namespace Delivery.Workflows.Notifications;

/// <summary>
/// One email to one person, in both HTML and plain text. <c>Category</c> is a fixed template name (e.g. "receipt"),
/// never personal data, since SendGrid stores it.
/// </summary>
public sealed record EmailMessage(EmailAddress To, string Subject, string Html, string Text, string Category);

/// <summary>An address with a display name.</summary>
public sealed record EmailAddress(string Address, string Name);
