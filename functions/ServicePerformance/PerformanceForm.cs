using System.Globalization;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ServicePerformance;

/// <summary>What a performance form shows: the project, the fields as sent, and one error per field in the form's words.</summary>
public sealed record PerformanceFormModel(ProjectDocument Project, IReadOnlyList<App.Pages.Components.Choice> Measures, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>How the performance forms read what was typed: figures with or without £, commas and %.</summary>
public static class PerformanceForm
{
    /// <summary>The number typed, null when the box is empty; <paramref name="bad"/> when something other than a number was typed.</summary>
    public static decimal? Number(string? typed, out bool bad)
    {
        var text = (typed ?? string.Empty).Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Replace("%", string.Empty, StringComparison.Ordinal).Trim();
        bad = false;
        if (text.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        bad = true;
        return null;
    }

    /// <summary>The first message of each field the API named, keyed as the form names the field.</summary>
    public static Dictionary<string, string> Errors(Dictionary<string, string[]> api, IReadOnlyDictionary<string, string> notNumbers)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(notNumbers);
        var errors = new Dictionary<string, string>(notNumbers, StringComparer.Ordinal);
        foreach (var (field, messages) in api)
        {
            errors.TryAdd(field, messages[0]);
        }

        return errors;
    }
}
