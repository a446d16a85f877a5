using Delivery.Workflows.Budget;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ProjectBudget;

/// <summary>A spend entry as sent: <c>{"entryId","date","amount","kind","supplier","description","reference"}</c>.</summary>
public sealed record SpendBody(string? EntryId, DateOnly? Date, decimal? Amount, string? Kind, string? Supplier, string? Description, string? Reference)
{
    /// <summary>Every rule, every bad field named; the entry when there is none.</summary>
    public (SpendEntry? Entry, Dictionary<string, string[]> Errors) Read(string projectId, string userId, DateOnly today, DateOnly projectStart, InputLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!BudgetAccess.IsEntryId(EntryId))
        {
            errors["entryId"] = ["Give the entry an id of 1 to 64 letters, digits, '-' or '_', the same on every retry."];
        }

        BudgetRules.Date("date", Date, projectStart, today, errors, mustNotBeFuture: true);
        BudgetRules.Amount("amount", Amount, limits, errors);
        CostKind kind = default;
        if (Kind is null || !Enum.TryParse(Kind, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || Kind.All(char.IsDigit))
        {
            errors["kind"] = ["Say whether it is capital or revenue spending."];
        }

        BudgetRules.Text("supplier", Supplier, limits.MaxNameLength, required: true, errors);
        BudgetRules.Text("description", Description, limits.MaxReasonLength, required: true, errors);
        BudgetRules.Text("reference", Reference, limits.MaxNameLength, required: false, errors);
        return errors.Count > 0 ? (null, errors) : (new SpendEntry
        {
            Id = SpendEntry.IdFor(EntryId!),
            ProjectId = projectId,
            EntryId = EntryId!,
            Date = Date!.Value,
            Amount = Amount!.Value,
            Kind = kind,
            Supplier = Supplier!.Trim(),
            Description = Description!.Trim(),
            Reference = string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim(),
            RecordedBy = userId,
            RecordedAt = now,
        }, errors);
    }
}

/// <summary>A forecast as sent: <c>{"entryId","atCompletion","asAt","reason"}</c>.</summary>
public sealed record ForecastBody(string? EntryId, decimal? AtCompletion, DateOnly? AsAt, string? Reason)
{
    public (CostForecast? Forecast, Dictionary<string, string[]> Errors) Read(string projectId, string userId, DateOnly today, DateOnly projectStart, InputLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!BudgetAccess.IsEntryId(EntryId))
        {
            errors["entryId"] = ["Give the forecast an id of 1 to 64 letters, digits, '-' or '_', the same on every retry."];
        }

        BudgetRules.Amount("atCompletion", AtCompletion, limits, errors);
        BudgetRules.Date("asAt", AsAt, projectStart, today, errors, mustNotBeFuture: true);
        BudgetRules.Text("reason", Reason, limits.MaxReasonLength, required: true, errors);
        return errors.Count > 0 ? (null, errors) : (new CostForecast
        {
            Id = CostForecast.IdFor(EntryId!),
            ProjectId = projectId,
            EntryId = EntryId!,
            AtCompletion = AtCompletion!.Value,
            AsAt = AsAt!.Value,
            Reason = Reason!.Trim(),
            RecordedBy = userId,
            RecordedAt = now,
        }, errors);
    }
}

/// <summary>The checks spend entries and forecasts share.</summary>
internal static class BudgetRules
{
    public static void Amount(string field, decimal? amount, InputLimits limits, Dictionary<string, string[]> errors)
    {
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
}
