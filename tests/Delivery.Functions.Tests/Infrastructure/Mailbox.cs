namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>Emails to <see cref="Address"/> whose subject carries <see cref="Tag"/>: one test's share of a shared inbox.</summary>
public sealed record Mailbox(string Address, string Tag)
{
    public bool Holds(string subject) => subject?.Contains(Tag, StringComparison.Ordinal) == true;
}
