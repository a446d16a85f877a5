using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Delivery.Workflows.Approvals;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// The scheme of delegation (<c>Approvals__Bands__0__UpTo</c>, <c>__Route</c>), the approvers
/// (<c>Approvals__People__0__Id</c>, <c>__Roles</c>, <c>__EscalationContact</c>), reminder and escalation timings in
/// working days, bank holidays and how long decision links work.
/// </summary>
public sealed class ApprovalSettings : IValidatableObject
{
    public const string Section = "Approvals";

    public List<BandSettings> Bands { get; set; } = [];

    public List<PersonSettings> People { get; set; } = [];

    [Range(1, 60)]
    public int ReminderAfterWorkingDays { get; set; } = 3;

    [Range(2, 120)]
    public int EscalateAfterWorkingDays { get; set; } = 5;

    /// <summary>Comma-separated dates (yyyy-MM-dd) that are not working days: England and Wales bank holidays.</summary>
    public string BankHolidays { get; set; } = string.Empty;

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(14);

    public ApprovalPolicy ToPolicy() => new()
    {
        Bands = Bands.Select(b => new CostBand(b.Name, b.UpTo, b.Route)).ToList(),
        People = People.Select(p => new Approver(p.Id, p.Name, p.Email, Split(p.Roles), string.IsNullOrWhiteSpace(p.EscalationContact) ? null : p.EscalationContact)).ToList(),
        ReminderAfterWorkingDays = ReminderAfterWorkingDays,
        EscalateAfterWorkingDays = EscalateAfterWorkingDays,
        BankHolidays = Split(BankHolidays).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
        LinkLifetime = LinkLifetime,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var bad = Split(BankHolidays).Where(d => !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)).ToList();
        if (bad.Count > 0)
        {
            yield return new ValidationResult($"write dates as yyyy-MM-dd, not {string.Join(", ", bad)}.", [nameof(BankHolidays)]);
            yield break;
        }

        if (LinkLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be positive, e.g. 14.00:00:00.", [nameof(LinkLifetime)]);
        }

        foreach (var person in People.Where(p => string.IsNullOrWhiteSpace(p.Id) || string.IsNullOrWhiteSpace(p.Email)))
        {
            yield return new ValidationResult($"every person needs an Id and an Email ({person.Name}).", [nameof(People)]);
        }

        foreach (var problem in ToPolicy().Problems())
        {
            yield return new ValidationResult(problem, [nameof(Bands)]);
        }
    }

    private static List<string> Split(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>One cost band: up to (and including) <see cref="UpTo"/> pounds; empty for "everything above".</summary>
    public sealed class BandSettings
    {
        public string Name { get; set; } = string.Empty;

        public decimal? UpTo { get; set; }

        /// <summary>Rounds separated by <c>;</c>, parallel approvers by <c>+</c>: <c>role:LineManager; role:HeadOfService + role:Finance</c>.</summary>
        public string Route { get; set; } = string.Empty;
    }

    /// <summary>An approver: sign-in id, name, email, comma-separated approval roles, and their escalation contact's id.</summary>
    public sealed class PersonSettings
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Email { get; set; } = string.Empty;

        public string Roles { get; set; } = string.Empty;

        public string? EscalationContact { get; set; }
    }
}
