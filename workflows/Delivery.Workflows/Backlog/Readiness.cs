using System.Text.RegularExpressions;

namespace Delivery.Workflows.Backlog;

/// <summary>
/// What a story needs before it is ready: a user need in the form "As a …, I want …, so that …" and at least one
/// acceptance criterion. Epics are never "ready" in this sense; they group stories.
/// </summary>
public static partial class Readiness
{
    /// <summary>Whether the text is a user need in the agreed form (any case; "an" for "a"; commas optional).</summary>
    public static bool IsUserNeed(string? text) => text is not null && UserNeedForm().IsMatch(text);

    /// <summary>What is missing for the item to be ready, by field; empty when it may be.</summary>
    public static Dictionary<string, string[]> Missing(StoryKind kind, string? userNeed, IReadOnlyCollection<string> acceptanceCriteria)
    {
        ArgumentNullException.ThrowIfNull(acceptanceCriteria);
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (kind == StoryKind.Epic)
        {
            missing["kind"] = ["An epic groups stories and is not made ready itself; make its stories ready."];
            return missing;
        }

        if (!IsUserNeed(userNeed))
        {
            missing["userNeed"] = [string.IsNullOrWhiteSpace(userNeed)
                ? "A ready story needs a user need: \"As a …, I want …, so that …\"."
                : "Write the user need as \"As a …, I want …, so that …\"."];
        }

        if (!acceptanceCriteria.Any(c => !string.IsNullOrWhiteSpace(c)))
        {
            missing["acceptanceCriteria"] = ["A ready story needs at least one acceptance criterion."];
        }

        return missing;
    }

    [GeneratedRegex(@"^\s*as an?\s+\S.*?,?\s+i\s+(want|need)\s+\S.*?,?\s+so\s+that\s+\S.*$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UserNeedForm();
}
