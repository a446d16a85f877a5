using System.Globalization;
using CsvHelper;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ServicePerformance;

/// <summary>What a performance CSV holds: the figures of its good rows, every bad row's problems (keyed <c>row N</c>, as a spreadsheet numbers it), and how many rows there were.</summary>
public sealed record PerformanceFile(IReadOnlyList<PerformancePoint> Points, Dictionary<string, string[]> Errors, int Rows);

/// <summary>
/// Reads monthly figures from CSV: a header row naming the columns <c>measure</c>, <c>month</c> and <c>value</c>, with
/// <c>cost</c> and <c>transactions</c> for cost per transaction (any order, any case), then a row per measure and month.
/// Each row is checked by the same rules as the API and the page; a measure and month given twice is an error on the
/// second row, so the file says one thing.
/// </summary>
public static class PerformanceCsv
{
    /// <summary>Most rows in one file: twenty measures over ten years is 2,400.</summary>
    public const int MaxRows = 5_000;

    public static readonly IReadOnlyList<string> Columns = ["measure", "month", "value", "cost", "transactions"];

    private static readonly CsvReaderOptions Csv = new()
    {
        Separator = ',',
        HasHeader = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        FormatProvider = CultureInfo.InvariantCulture,
        MaxRecordSize = 64 * 1024,
    };

    public static async Task<PerformanceFile> ReadAsync(byte[] bytes, PerformanceRecord? stored, string userId, DateTimeOffset now, InputLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var points = new List<PerformancePoint>();
        using var stream = new MemoryStream(bytes, writable: false);
        await using var reader = CsvReader.Create(stream, Csv, leaveOpen: false);
        Dictionary<string, int>? at = null;
        var (row, rows) = (0, 0);
        var seen = new HashSet<(string, string)>();
        while (true)
        {
            string[] fields;
            try
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    break;
                }

                fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? string.Empty).ToArray();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The file is in memory, so a failure here is the text itself (bad quoting, a record over the size
                // limit): the person is told which row, never given a 500.
                errors[$"row {row + 1}"] = ["The file is not valid CSV from this row (a quote not closed, perhaps); rows from here on could not be read."];
                break;
            }

            row++;
            if (at is null)
            {
                at = Header(fields, errors);
                if (at is null)
                {
                    break;
                }

                continue;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (++rows > MaxRows)
            {
                errors["file"] = [$"The file has more than {MaxRows:N0} rows: send fewer at a time."];
                break;
            }

            var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var point = Row(fields, at, stored, userId, now, limits, problems);
            if (point is not null && !seen.Add((point.MeasureId, point.Month)))
            {
                problems["month"] = [$"{point.MeasureId} for {point.Month} is already in an earlier row."];
            }

            if (problems.Count > 0)
            {
                errors[$"row {row}"] = problems.SelectMany(p => p.Value.Select(m => $"{p.Key}: {m}")).ToArray();
            }
            else
            {
                points.Add(point!);
            }
        }

        if (at is not null && rows == 0 && errors.Count == 0)
        {
            errors["file"] = ["The file has no rows of figures after its header."];
        }

        return new PerformanceFile(points, errors, rows);
    }

    private static Dictionary<string, int>? Header(string[] fields, Dictionary<string, string[]> errors)
    {
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            var name = fields[i].Trim().ToLowerInvariant();
            if (Columns.Contains(name) && !at.ContainsKey(name))
            {
                at[name] = i;
            }
        }

        if (!at.ContainsKey("measure") || !at.ContainsKey("month") || !(at.ContainsKey("value") || at.ContainsKey("cost")))
        {
            errors["file"] = ["The first row must name the columns: measure, month and value (and cost and transactions for cost per transaction)."];
            return null;
        }

        return at;
    }

    private static PerformancePoint? Row(string[] fields, Dictionary<string, int> at, PerformanceRecord? stored, string userId, DateTimeOffset now, InputLimits limits, Dictionary<string, string[]> problems)
    {
        string? Cell(string column) => at.TryGetValue(column, out var i) && i < fields.Length && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;

        var measureId = Cell("measure");
        var measure = measureId is null ? null : stored?.Measure(measureId);
        if (measure is null)
        {
            problems["measure"] = [measureId is null ? "Enter the measure's id." : $"There is no measure '{Shorten(measureId)}': define it first."];
        }

        var value = Number("value", Cell("value"), problems);
        var cost = Number("cost", Cell("cost"), problems);
        long? transactions = null;
        if (Cell("transactions") is { } t)
        {
            transactions = long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (transactions is null)
            {
                problems["transactions"] = ["The transactions must be a whole number."];
            }
        }

        if (measure is null)
        {
            // The month is still checked, so the row's every problem is named at once.
            _ = PerformanceRules.Month("month", Cell("month"), DateOnly.FromDateTime(now.UtcDateTime), limits, problems);
            return null;
        }

        var point = PerformanceRules.Point(measure, Cell("month"), value, cost, transactions, string.Empty, userId, now, limits, problems);
        return problems.Count > 0 ? null : point;
    }

    private static decimal? Number(string field, string? cell, Dictionary<string, string[]> problems)
    {
        if (cell is null)
        {
            return null;
        }

        if (decimal.TryParse(cell.Replace("£", string.Empty, StringComparison.Ordinal).Replace("%", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        problems[field] = [$"The {field} must be a number, like 3.25."];
        return null;
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
