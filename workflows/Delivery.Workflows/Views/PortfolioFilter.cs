using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Views;

/// <summary>What the portfolio is narrowed to; null means any.</summary>
public sealed record PortfolioFilter(ProjectStage? Stage = null, ProjectCategory? Category = null, string? CostBand = null)
{
    public bool Matches(PortfolioCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        return (Stage is null || count.Stage == Stage)
            && (Category is null || count.Category == Category)
            && (CostBand is null || count.CostBand == CostBand);
    }
}
