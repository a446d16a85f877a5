namespace Delivery.Functions.App.DataProtection;

/// <summary>
/// What an anonymised person becomes everywhere: the same code in every project, view, email record and audit entry,
/// so an audit trail still shows that one person did these things, without saying who.
/// </summary>
public sealed record Pseudonym(string Code)
{
    public string Name => $"Person {Code}";

    /// <summary>An address that can never be delivered (the .invalid domain is reserved), so nothing is ever sent to it.</summary>
    public string Email => $"person-{Code}@anonymised.invalid";

    public string Id => $"anonymised-{Code}";
}
