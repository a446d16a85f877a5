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

    /// <summary>Conflicts of interest besides self-approval (<c>Approvals__Conflicts__0__Kind</c>: SameServiceArea or NamedPair).</summary>
    public List<ConflictSettings> Conflicts { get; set; } = [];

    /// <summary>Bounds on a decision's comment and the final approver's tolerances (<c>Approvals__Limits__MaxCostPercent</c>).</summary>
    public LimitSettings Limits { get; set; } = new();

    public ApprovalPolicy ToPolicy() => new()
    {
        Bands = Bands.Select(b => new CostBand(b.Name, b.UpTo, b.Route)).ToList(),
        People = People.Select(p => new Approver(
            p.Id, p.Name, p.Email, Split(p.Roles), string.IsNullOrWhiteSpace(p.EscalationContact) ? null : p.EscalationContact, string.IsNullOrWhiteSpace(p.ServiceArea) ? null : p.ServiceArea)).ToList(),
        Conflicts = Conflicts.Select(c => new ConflictRule(c.Kind, NullIfBlank(c.Role), NullIfBlank(c.ApproverId), NullIfBlank(c.RequesterId))).ToList(),
        Limits = new DecisionLimits
        {
            MaxCommentLength = Limits.MaxCommentLength,
            MaxCostPercent = Limits.MaxCostPercent,
            MaxTimeWorkingDays = Limits.MaxTimeWorkingDays,
            MaxRiskScore = Limits.MaxRiskScore,
            MaxBenefitsPercent = Limits.MaxBenefitsPercent,
            MaxStatementLength = Limits.MaxStatementLength,
        },
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

        // Nested settings are not validated by the binder: check the limits' ranges here.
        var limitProblems = new List<ValidationResult>();
        Validator.TryValidateObject(Limits, new ValidationContext(Limits), limitProblems, validateAllProperties: true);
        foreach (var problem in limitProblems)
        {
            yield return new ValidationResult(problem.ErrorMessage, problem.MemberNames.Select(m => $"{nameof(Limits)}__{m}").ToList());
        }

        foreach (var problem in ToPolicy().Problems())
        {
            yield return new ValidationResult(problem, [nameof(Bands)]);
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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

        /// <summary>The service area they work in, for <see cref="ConflictKind.SameServiceArea"/> rules.</summary>
        public string? ServiceArea { get; set; }
    }

    /// <summary>
    /// A conflict of interest: <c>SameServiceArea</c> with an optional <c>Role</c> (holders may not approve projects
    /// requested in their own service area), or <c>NamedPair</c> with <c>ApproverId</c> and <c>RequesterId</c>.
    /// </summary>
    public sealed class ConflictSettings
    {
        public ConflictKind Kind { get; set; }

        public string? Role { get; set; }

        public string? ApproverId { get; set; }

        public string? RequesterId { get; set; }
    }

    /// <summary>Bounds on what a decision carries, the same for the page, the API and email links.</summary>
    public sealed class LimitSettings
    {
        [Range(1, 20_000)]
        public int MaxCommentLength { get; set; } = 4000;

        [Range(0, 1000)]
        public decimal MaxCostPercent { get; set; } = 50m;

        [Range(0, 2500)]
        public int MaxTimeWorkingDays { get; set; } = 250;

        [Range(1, 25)]
        public int MaxRiskScore { get; set; } = 25;

        [Range(0, 1000)]
        public decimal MaxBenefitsPercent { get; set; } = 100m;

        [Range(1, 4000)]
        public int MaxStatementLength { get; set; } = 500;
    }
}
