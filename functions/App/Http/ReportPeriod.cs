using System.Globalization;

namespace Delivery.Functions.App.Http;

/// <summary>The period a flow report covers: <c>?months=</c>, whole calendar months (UTC) ending with this one.</summary>
public static class ReportPeriod
{
    /// <returns>The months asked for (the default when none), or the error under <c>months</c>.</returns>
    public static (int Months, Dictionary<string, string> Errors) Read(HttpRequest req, int defaultMonths, int maxMonths)
    {
        ArgumentNullException.ThrowIfNull(req);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = req.Query["months"].ToString();
        if (text.Length == 0)
        {
            return (defaultMonths, errors);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var months) || months < 1 || months > maxMonths)
        {
            errors["months"] = $"Enter the number of months as a whole number from 1 to {maxMonths}";
            return (defaultMonths, errors);
        }

        return (months, errors);
    }
}
