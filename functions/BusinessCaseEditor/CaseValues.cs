using System.Globalization;
using Delivery.Workflows.BusinessCase;

namespace Delivery.Functions.BusinessCaseEditor;

/// <summary>The saved business case as the editor's fields: API paths to text, dates as <c>yyyy-MM-dd</c>.</summary>
public static class CaseValues
{
    public static Dictionary<string, string> From(BusinessCaseContent? content)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string path, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[path] = value;
            }
        }

        static string Money(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
        static string? Date(DateOnly date) => date == default ? null : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Set("strategic.caseForChange", content?.Strategic?.CaseForChange);
        Set("strategic.strategicFit", content?.Strategic?.StrategicFit);
        foreach (var (o, i) in (content?.Economic?.Options ?? []).Select((o, i) => (o, i)))
        {
            Set($"economic.options[{i}].name", o.Name);
            Set($"economic.options[{i}].description", o.Description);
            Set($"economic.options[{i}].cost", Money(o.Cost));
        }

        Set("economic.preferredOption", content?.Economic?.PreferredOption);
        Set("commercial.procurementRoute", content?.Commercial?.ProcurementRoute);
        Set("commercial.suppliers", content?.Commercial?.Suppliers);
        foreach (var (y, i) in (content?.Financial?.Years ?? []).Select((y, i) => (y, i)))
        {
            Set($"financial.years[{i}].year", y.Year);
            Set($"financial.years[{i}].capital", Money(y.Capital));
            Set($"financial.years[{i}].revenue", Money(y.Revenue));
        }

        var m = content?.Management;
        Set("management.plan", m?.Plan);
        foreach (var (x, i) in (m?.Milestones ?? []).Select((x, i) => (x, i)))
        {
            Set($"management.milestones[{i}].name", x.Name);
            Set($"management.milestones[{i}].date", Date(x.Date));
        }

        foreach (var (r, i) in (m?.Risks ?? []).Select((r, i) => (r, i)))
        {
            Set($"management.risks[{i}].description", r.Description);
            Set($"management.risks[{i}].probability", r.Probability == 0 ? null : r.Probability.ToString(CultureInfo.InvariantCulture));
            Set($"management.risks[{i}].impact", r.Impact == 0 ? null : r.Impact.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (b, i) in (m?.Benefits ?? []).Select((b, i) => (b, i)))
        {
            Set($"management.benefits[{i}].measure", b.Measure);
            Set($"management.benefits[{i}].baseline", b.Baseline);
            Set($"management.benefits[{i}].target", b.Target);
            Set($"management.benefits[{i}].date", Date(b.Date));
            Set($"management.benefits[{i}].owner", b.Owner);
        }

        return values;
    }
}
