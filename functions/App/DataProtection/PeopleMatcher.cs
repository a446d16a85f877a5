using System.Text.RegularExpressions;

namespace Delivery.Functions.App.DataProtection;

/// <summary>
/// The people one job looks for: one person for a subject access request or an erasure; everyone in a project for
/// retention, which also replaces any other email address it meets (one typed into a comment, say) by its pseudonym.
/// </summary>
public sealed partial class PeopleMatcher(IReadOnlyList<PersonalDataSubject> people, Func<string, Pseudonym>? strayAddresses = null)
{
    public IReadOnlyList<PersonalDataSubject> People { get; } = people;

    public bool Mentioned(string? value) =>
        !string.IsNullOrEmpty(value) && (People.Any(p => p.Mentioned(value)) || (strayAddresses is not null && Address().Matches(value).Any(m => !IsPseudonym(m.Value))));

    public string Replace(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var person in People)
        {
            value = person.Replace(value);
        }

        return strayAddresses is null
            ? value
            : Address().Replace(value, m => IsPseudonym(m.Value) ? m.Value : strayAddresses(m.Value).Email);
    }

    private static bool IsPseudonym(string address) => address.EndsWith("@anonymised.invalid", StringComparison.OrdinalIgnoreCase);

    /// <summary>Anything shaped like an email address; pseudonyms' own addresses are left as they are.</summary>
    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
