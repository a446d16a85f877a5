namespace Delivery.Workflows.Views;

/// <summary>
/// The partitions of the views container (<c>/viewId</c>): one for the portfolio, one per person for what waits for
/// them. Every page reads one of them, so no page needs a cross-partition query.
/// </summary>
public static class ViewIds
{
    public const string Portfolio = "portfolio";

    /// <summary>Every approved project's figures for the tolerance monitor.</summary>
    public const string Controls = "controls";

    /// <summary>Every project's lessons, searched by category and text.</summary>
    public const string Lessons = "lessons";

    /// <summary>Flow metrics: a row per project (the audit entries that matter), a document per month of finished work, and work in progress.</summary>
    public const string Flow = "flow";

    /// <summary>Closed projects' benefits reviews: each project's benefits report, for the portfolio's and the weekly digest.</summary>
    public const string Benefits = "benefits";

    /// <summary>The person's own partition, by their sign-in id (the id approvers have in the directory).</summary>
    public static string TasksOf(string personId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        return "tasks~" + personId.ToLowerInvariant();
    }
}
