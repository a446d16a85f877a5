using System.Text.Json.Serialization;

namespace Delivery.Workflows.Budget;

/// <summary>Capital (one-off, bought outright) or revenue (running costs), as the council's accounts split spending.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CostKind>))]
public enum CostKind
{
    Capital,
    Revenue,
}
