using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.ServicePerformance;

/// <summary>
/// A measure as sent to <c>PUT /api/projects/{id}/performance/measures/{measureId}</c>: for a GOV.UK KPI (fixed id,
/// name, unit and direction) the definition and target; for the service's own, also its name, unit and betterWhen.
/// </summary>
public sealed record MeasureBody(string? Name, string? Definition, string? Unit, string? BetterWhen, decimal? Target)
{
    public static MeasureBody Empty { get; } = new(null, null, null, null, null);

    /// <summary>The measure, or null with every bad field named.</summary>
    public PerformanceMeasure? Read(string measureId, InputLimits limits, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        RecordRules.Text("definition", Definition, limits.MaxTextLength, required: true, errors);
        MeasureUnit? unit;
        BetterWhen? better;
        string? name;
        if (Kpis.Find(measureId) is { } kpi)
        {
            const string fixedByGovUk = "A GOV.UK KPI's name, unit and direction are fixed: send only its definition and target.";
            RecordRules.Absent("name", Name is not null, fixedByGovUk, errors);
            RecordRules.Absent("unit", Unit is not null, fixedByGovUk, errors);
            RecordRules.Absent("betterWhen", BetterWhen is not null, fixedByGovUk, errors);
            (name, unit, better) = (kpi.Name, kpi.Unit, kpi.BetterWhen);
        }
        else
        {
            if (!ProjectRecordAccess.IsRecordId(measureId))
            {
                errors["measureId"] = ["Give the measure an id of 1 to 64 letters, digits, '-' or '_', like reports-per-ward."];
            }

            RecordRules.Text("name", Name, limits.MaxNameLength, required: true, errors);
            unit = RecordRules.Choice<MeasureUnit>("unit", Unit, required: true, errors);
            better = RecordRules.Choice<BetterWhen>("betterWhen", BetterWhen, required: true, errors);
            name = Name?.Trim();
        }

        if (unit is { } u)
        {
            PerformanceRules.Value("target", Target, u, limits, required: true, errors);
        }
        else if (Target is null)
        {
            errors["target"] = ["Enter the target."];
        }

        return errors.Count > 0 ? null : new PerformanceMeasure(measureId, name!, Definition!.Trim(), unit!.Value, better!.Value, Target!.Value);
    }
}

/// <summary>
/// A month's figure as sent to <c>PUT /api/projects/{id}/performance/measures/{measureId}/months/{month}</c>: the value,
/// or for cost per transaction the month's total cost and transactions.
/// </summary>
public sealed record PointBody(decimal? Value, decimal? Cost, long? Transactions)
{
    public static PointBody Empty { get; } = new(null, null, null);
}

/// <summary>The people (directory ids) who get the monthly report besides the sponsor and delivery manager, as sent to <c>PUT …/performance/stakeholders</c>.</summary>
public sealed record StakeholdersBody(IReadOnlyList<string?>? StakeholderIds)
{
    public static StakeholdersBody Empty { get; } = new((IReadOnlyList<string?>?)null);

    /// <summary>The ids as the directory spells them, each once, or null with every bad one named.</summary>
    public IReadOnlyList<string>? Read(ApprovalPolicy directory, InputLimits limits, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (StakeholderIds is null)
        {
            errors["stakeholderIds"] = ["Send the stakeholders' ids in the directory (an empty list for nobody besides the sponsor and delivery manager)."];
            return null;
        }

        if (StakeholderIds.Count > limits.MaxListItems)
        {
            errors["stakeholderIds"] = [$"Name at most {limits.MaxListItems} stakeholders."];
            return null;
        }

        for (var i = 0; i < StakeholderIds.Count; i++)
        {
            RecordRules.Person($"stakeholderIds[{i}]", StakeholderIds[i], directory, errors);
        }

        return errors.Count > 0 ? null : StakeholderIds.Select(id => directory.Find(id)!.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
