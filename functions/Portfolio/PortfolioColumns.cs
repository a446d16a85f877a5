using System.Globalization;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Services;
using Delivery.Workflows.Views;

namespace Delivery.Functions.Portfolio;

/// <summary>One column of the portfolio downloads: its heading and the row's value (text, a number, a date or nothing).</summary>
public sealed record PortfolioColumn(string Header, Func<PortfolioRow, object?> Value);

/// <summary>
/// The columns of the CSV and the spreadsheet, in one list so both downloads say the same. Values stay typed here
/// (the spreadsheet keeps numbers and dates as such); <see cref="Text"/> is how the CSV writes them.
/// </summary>
public static class PortfolioColumns
{
    public static IReadOnlyList<PortfolioColumn> For(DateTimeOffset now) =>
    [
        new("Reference", r => r.Id),
        new("Title", r => r.Title),
        new("Stage", r => ProjectText.Stage(r.Stage)),
        new("Category", r => ProjectText.Category(r.Category)),
        new("Cost band", r => r.CostBand),
        new("Estimated cost (GBP)", r => r.EstimatedCost),
        new("Sponsor", r => r.SponsorName),
        new("Project manager", r => r.ProjectManagerName),
        new("Waiting for", r => r.WaitingFor),
        new("Submitted", r => DateOnly.FromDateTime(r.SubmittedAt.UtcDateTime)),
        new("Age (days)", r => ProjectText.AgeInDays(r.SubmittedAt, now)),
        new("Approved budget (GBP)", r => r.Figures?.Approved),
        new("Actual to date (GBP)", r => r.Figures?.Actual),
        new("Forecast at completion (GBP)", r => r.Figures?.Forecast),
        new("Variance (GBP)", r => r.Figures?.Variance),
        new("Next milestone", r => r.Figures?.NextMilestoneName),
        new("Next milestone forecast", r => r.Figures?.NextMilestoneForecast),
        new("Top risk", r => r.Figures?.TopRiskTitle),
        new("Top risk score", r => r.Figures?.TopRiskScore),
        new("Open exceptions", r => r.Figures?.OpenExceptions),
        new("Benefits", r => r.Figures?.BenefitsStatus),
        new("Delivery confidence", r => r.Figures?.DeliveryConfidence),
        new("Service phase", r => r.Figures?.ServicePhase?.Title()),
    ];

    public static IReadOnlyList<string> Headers { get; } = For(default).Select(c => c.Header).ToList();

    /// <summary>A value as the CSV writes it: pounds with two decimals, ISO dates, invariant numbers, nothing as empty.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        decimal pounds => pounds.ToString("0.00", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Text a spreadsheet would take for a formula (starting =, +, -, @, a tab or a carriage return) with a quote
    /// in front, as CsvHelper's injection escaping does, so a project title cannot run anything.
    /// </summary>
    public static string Escaped(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }
}
