using Delivery.Workflows.Projects;

namespace Delivery.Workflows.BusinessCase;

/// <summary>A business case in the HM Treasury Five Case Model. Drafts may be partial; a submitted case is complete.</summary>
public sealed record BusinessCaseContent
{
    public StrategicCase? Strategic { get; init; }

    public EconomicCase? Economic { get; init; }

    public CommercialCase? Commercial { get; init; }

    public FinancialCase? Financial { get; init; }

    public ManagementCase? Management { get; init; }

    /// <summary>Capital plus revenue over all years; saturates rather than throwing, so an out-of-bounds draft can still be shown and refused.</summary>
    public decimal TotalCost
    {
        get
        {
            var total = 0m;
            foreach (var year in (Financial?.Years ?? []).Where(y => y is not null))
            {
                try
                {
                    total = checked(total + year.Capital + year.Revenue);
                }
                catch (OverflowException)
                {
                    return decimal.MaxValue;
                }
            }

            return total;
        }
    }
}

/// <summary>The case for change and how it fits the council's strategy.</summary>
public sealed record StrategicCase(string? CaseForChange, string? StrategicFit);

/// <summary>The options considered and the preferred one (value for money).</summary>
public sealed record EconomicCase(IReadOnlyList<CaseOption>? Options, string? PreferredOption);

/// <summary>One option with its whole-life cost.</summary>
public sealed record CaseOption(string Name, string Description, decimal Cost);

/// <summary>How it will be bought: procurement route and suppliers.</summary>
public sealed record CommercialCase(string? ProcurementRoute, string? Suppliers);

/// <summary>Affordability: capital and revenue cost by financial year.</summary>
public sealed record FinancialCase(IReadOnlyList<YearCost>? Years);

/// <summary>Cost in one financial year, e.g. "2026/27".</summary>
public sealed record YearCost(string Year, decimal Capital, decimal Revenue);

/// <summary>Deliverability: plan, milestones, risks and benefits.</summary>
public sealed record ManagementCase(string? Plan, IReadOnlyList<Milestone>? Milestones, IReadOnlyList<InitialRisk>? Risks, IReadOnlyList<ExpectedBenefit>? Benefits);
