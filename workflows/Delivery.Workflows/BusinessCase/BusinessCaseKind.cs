using System.Text.Json.Serialization;

namespace Delivery.Workflows.BusinessCase;

/// <summary>The Green Book business case documents.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BusinessCaseKind>))]
public enum BusinessCaseKind
{
    BusinessJustificationCase,
    StrategicOutlineCase,
    OutlineBusinessCase,
    FullBusinessCase,
}

/// <summary>Which business cases a project needs, by cost: small spends one justification case, large ones three stages.</summary>
public static class BusinessCaseKinds
{
    public static IReadOnlyList<BusinessCaseKind> For(decimal totalCost, decimal fullBusinessCaseFrom) =>
        totalCost < fullBusinessCaseFrom
            ? [BusinessCaseKind.BusinessJustificationCase]
            : [BusinessCaseKind.StrategicOutlineCase, BusinessCaseKind.OutlineBusinessCase, BusinessCaseKind.FullBusinessCase];

    public static string Title(this BusinessCaseKind kind) => kind switch
    {
        BusinessCaseKind.BusinessJustificationCase => "Business Justification Case",
        BusinessCaseKind.StrategicOutlineCase => "Strategic Outline Case",
        BusinessCaseKind.OutlineBusinessCase => "Outline Business Case",
        _ => "Full Business Case",
    };

    public static string Code(this BusinessCaseKind kind) => kind switch
    {
        BusinessCaseKind.BusinessJustificationCase => "bjc",
        BusinessCaseKind.StrategicOutlineCase => "soc",
        BusinessCaseKind.OutlineBusinessCase => "obc",
        _ => "fbc",
    };
}
