using Delivery.Workflows.Approvals;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.Projects;

/// <summary>The field checks delivery records share, each naming its field in <c>errors</c>.</summary>
public static class RecordRules
{
    public static void Amount(string field, decimal? amount, InputLimits limits, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (amount is not { } a)
        {
            errors[field] = ["Enter the amount in pounds."];
        }
        else if (a <= 0 || a > limits.MaxAmount)
        {
            errors[field] = [$"The amount must be more than £0 and no more than £{limits.MaxAmount:N0}."];
        }
        else if (decimal.Round(a, 2) != a)
        {
            errors[field] = ["The amount can have at most 2 decimal places (pence)."];
        }
    }

    /// <summary>A date from the project's start (its request) to today: money is recorded once it is spent.</summary>
    public static void Date(string field, DateOnly? date, DateOnly projectStart, DateOnly today, Dictionary<string, string[]> errors, bool mustNotBeFuture)
    {
        if (date is not { } d)
        {
            errors[field] = ["Enter the date, like 2027-01-31."];
        }
        else if (d < projectStart)
        {
            errors[field] = [$"The date cannot be before the project was requested ({projectStart:yyyy-MM-dd})."];
        }
        else if (mustNotBeFuture && d > today)
        {
            errors[field] = ["The date cannot be in the future."];
        }
    }

    /// <summary>A planned date: not before the project was requested, and within the years ahead the limits allow.</summary>
    public static void PlanDate(string field, DateOnly? date, DateOnly projectStart, DateOnly today, InputLimits limits, bool required, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (date is not { } d)
        {
            if (required)
            {
                errors[field] = ["Enter the date, like 2027-01-31."];
            }
        }
        else if (d < projectStart)
        {
            errors[field] = [$"The date cannot be before the project was requested ({projectStart:yyyy-MM-dd})."];
        }
        else if (d > limits.LatestDate(today))
        {
            errors[field] = [$"The date cannot be more than {limits.MaxYearsAhead} years ahead."];
        }
    }

    public static void Text(string field, string? value, int max, bool required, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = [$"Enter the {field}."];
            }
        }
        else if (value.Trim().Length > max)
        {
            errors[field] = [$"The {field} must be {max} characters or fewer."];
        }
    }

    /// <summary>One of an enum's names, any case (<c>requestForChange</c>); numbers are not names.</summary>
    public static TEnum? Choice<TEnum>(string field, string? value, bool required, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = [$"Choose the {field}: {Names<TEnum>()}."];
            }

            return null;
        }

        if (Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !value.Trim().All(c => char.IsDigit(c) || c == '-'))
        {
            return parsed;
        }

        errors[field] = [$"The {field} must be one of {Names<TEnum>()}."];
        return null;
    }

    /// <summary>A person the directory knows, by id.</summary>
    public static void Person(string field, string? id, ApprovalPolicy directory, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(id))
        {
            errors[field] = [$"Enter the {field}: a person's id in the directory."];
        }
        else if (directory.Find(id) is null)
        {
            errors[field] = [$"There is nobody with the id '{Shorten(id)}' in the directory."];
        }
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static void Range(string field, int? value, int min, int max, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } v)
        {
            errors[field] = [$"Enter the {field}, {min} to {max}."];
        }
        else if (v < min || v > max)
        {
            errors[field] = [$"The {field} must be from {min} to {max}."];
        }
    }

    /// <summary>
    /// New baselines for some of the project's milestones (an exception plan's, a change's): each an existing
    /// milestone, listed once, on a plan date. Returns the well-formed ones.
    /// </summary>
    public static IReadOnlyList<PlanMilestone> PlanMilestones(
        string field, IReadOnlyList<PlanMilestoneBody?>? given, IReadOnlyList<MilestoneRecord> milestones, ProjectDocument project, DateTimeOffset now, InputLimits limits, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        var dates = given ?? [];
        if (dates.Count > limits.MaxListItems)
        {
            errors[field] = [$"Give no more than {limits.MaxListItems} milestones."];
            return [];
        }

        for (var i = 0; i < dates.Count; i++)
        {
            var at = $"{field}[{i}].";
            var id = dates[i]?.MilestoneId;
            if (milestones.All(m => m.MilestoneId != id))
            {
                errors[at + "milestoneId"] = [$"The project has no milestone '{Shorten(id ?? string.Empty)}'."];
            }
            else if (dates.Take(i).Any(d => d?.MilestoneId == id))
            {
                errors[at + "milestoneId"] = [$"Milestone {id} is listed twice."];
            }

            PlanDate(at + "baseline", dates[i]?.Baseline, ProjectRecordAccess.Start(project), ProjectRecordAccess.Today(now), limits, required: true, errors);
        }

        return dates.Where(d => d?.MilestoneId is not null && d.Baseline is not null).Select(d => new PlanMilestone(d!.MilestoneId!, d.Baseline!.Value)).ToList();
    }

    /// <summary>A field that this kind of record does not have.</summary>
    public static void Absent(string field, bool given, string why, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (given)
        {
            errors[field] = [why];
        }
    }

    private static string Names<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}

/// <summary>A milestone's new baseline, as sent in an exception plan or a change.</summary>
public sealed record PlanMilestoneBody(string? MilestoneId, DateOnly? Baseline);
