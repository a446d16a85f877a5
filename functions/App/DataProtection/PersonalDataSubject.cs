using System.Text.RegularExpressions;

namespace Delivery.Functions.App.DataProtection;

/// <summary>
/// One person as the data protection functions look for them: their email address, the sign-in ids and the names
/// they are known by in this product's records, and the stable pseudonym that replaces them when they are anonymised.
/// </summary>
/// <remarks>
/// Matching is deliberately narrow so that nobody else's words change: the address anywhere in a text (any case), a
/// sign-in id only as a whole value (ids like "sam" are ordinary words inside sentences), and a name only as whole
/// words (so "Sam Lee" does not match inside "Sam Leeds").
/// </remarks>
public sealed class PersonalDataSubject
{
    private readonly Regex _words;

    public PersonalDataSubject(string email, IEnumerable<string> ids, IEnumerable<string> names, Pseudonym pseudonym)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Email = email.Trim().ToLowerInvariant();
        Ids = ids.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // A name of one short word would match too much ordinary text; such a person is still found by address and id.
        Names = names.Where(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length >= 4).Select(n => n.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Pseudonym = pseudonym;
        var alternatives = new[] { Regex.Escape(Email) }
            .Concat(Names.OrderByDescending(n => n.Length).Select(n => @"(?<![\p{L}\p{N}])" + Regex.Escape(n) + @"(?![\p{L}\p{N}])"));
        _words = new Regex(string.Join('|', alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Email { get; }

    public IReadOnlySet<string> Ids { get; }

    public IReadOnlySet<string> Names { get; }

    public Pseudonym Pseudonym { get; }

    public bool Mentioned(string? value) => !string.IsNullOrEmpty(value) && (Ids.Contains(value) || _words.IsMatch(value));

    /// <summary>The value with the person replaced by their pseudonym (address by address, id by id, name by name).</summary>
    public string Replace(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Ids.Contains(value))
        {
            return Pseudonym.Id;
        }

        return _words.Replace(value, m => m.Value.Contains('@', StringComparison.Ordinal) ? Pseudonym.Email : Pseudonym.Name);
    }
}
