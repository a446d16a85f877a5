using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ServicePerformance;

/// <summary>
/// The checks a month's figure and a target share, one set for the API, the page form and each CSV row, each bad
/// field named in <c>errors</c> (with a prefix such as <c>row 3: </c> for a file).
/// </summary>
public static class PerformanceRules
{
    /// <summary>Largest figure a count or other number may have, so every figure sums and charts safely.</summary>
    public const decimal MaxNumber = 1_000_000_000_000m;

    /// <summary>Most transactions in a month.</summary>
    public const long MaxTransactions = 1_000_000_000_000;

    private static readonly string[] Fields = ["month", "value", "cost", "transactions"];

    /// <summary>A calendar month (<c>yyyy-MM</c>) no later than this one and within the years back the limits allow.</summary>
    public static string? Month(string field, string? month, DateOnly today, InputLimits limits, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (Months.Parse(month?.Trim()) is not { } first)
        {
            errors[field] = [string.IsNullOrWhiteSpace(month) ? "Enter the month, like 2027-01." : "The month must be a real month written like 2027-01."];
            return null;
        }

        if (first > new DateOnly(today.Year, today.Month, 1))
        {
            errors[field] = ["The month cannot be in the future: record a month's figure once it has begun."];
            return null;
        }

        if (first < limits.EarliestDate(today).AddDays(1 - limits.EarliestDate(today).Day))
        {
            errors[field] = [$"The month cannot be more than {limits.MaxYearsBack} years ago."];
            return null;
        }

        return Months.Of(first);
    }

    /// <summary>A value in a unit: pounds and pence, a percentage from 0 to 100, a whole count, or a number.</summary>
    public static void Value(string field, decimal? value, MeasureUnit unit, InputLimits limits, bool required, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.ContainsKey(field))
        {
            // Already named (not a number, say): one message per field.
            return;
        }

        if (value is not { } v)
        {
            if (required)
            {
                errors[field] = [$"Enter the {field} ({Words(unit)})."];
            }

            return;
        }

        var (min, max, places) = unit switch
        {
            MeasureUnit.Pounds => (0m, limits.MaxAmount, 2),
            MeasureUnit.Percent => (0m, 100m, 2),
            MeasureUnit.Count => (0m, MaxNumber, 0),
            _ => (-MaxNumber, MaxNumber, 4),
        };
        if (v < min || v > max)
        {
            errors[field] = [$"The {field} must be from {PerformanceFigures.Format(min, unit)} to {PerformanceFigures.Format(max, unit)}."];
        }
        else if (decimal.Round(v, places) != v)
        {
            errors[field] = [places == 0 ? $"The {field} must be a whole number." : $"The {field} can have at most {places} decimal places."];
        }
    }

    /// <summary>
    /// The month's figure for the measure, or null with every bad field named: cost per transaction takes the month's
    /// total cost and transactions (its value is computed); every other measure takes its value.
    /// </summary>
    public static PerformancePoint? Point(PerformanceMeasure measure, string? month, decimal? value, decimal? cost, long? transactions, string prefix, string userId, DateTimeOffset now, InputLimits limits, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var at = Month(prefix + "month", month, DateOnly.FromDateTime(now.UtcDateTime), limits, errors);
        if (measure.MeasureId == Kpis.CostPerTransaction)
        {
            const string computed = "Cost per transaction is computed: give the month's total cost and number of transactions, not a value.";
            if (value is not null)
            {
                errors[prefix + "value"] = [computed];
            }

            Value(prefix + "cost", cost, MeasureUnit.Pounds, limits, required: true, errors);
            if (errors.ContainsKey(prefix + "transactions"))
            {
                // Already named (not a whole number): one message per field.
            }
            else if (transactions is not { } t)
            {
                errors[prefix + "transactions"] = ["Enter the number of transactions in the month."];
            }
            else if (t < 1 || t > MaxTransactions)
            {
                errors[prefix + "transactions"] = [$"The transactions must be a whole number from 1 to {MaxTransactions:N0}."];
            }
        }
        else
        {
            Value(prefix + "value", value, measure.Unit, limits, required: true, errors);
            const string only = "Only cost per transaction takes a total cost and transactions.";
            if (cost is not null)
            {
                errors[prefix + "cost"] = [only];
            }

            if (transactions is not null)
            {
                errors[prefix + "transactions"] = [only];
            }
        }

        // Fields named before this call (a cell that is not a number) count too: no figure from a bad row.
        if (errors.Count > before || Fields.Any(f => errors.ContainsKey(prefix + f)))
        {
            return null;
        }

        var figure = measure.MeasureId == Kpis.CostPerTransaction ? Kpis.CostPer(cost!.Value, transactions!.Value) : value!.Value;
        return new PerformancePoint(measure.MeasureId, at!, figure, cost, transactions, userId, now);
    }

    private static string Words(MeasureUnit unit) => unit switch
    {
        MeasureUnit.Pounds => "in pounds, like 3.25",
        MeasureUnit.Percent => "a percentage from 0 to 100",
        MeasureUnit.Count => "a whole number",
        _ => "a number",
    };
}
