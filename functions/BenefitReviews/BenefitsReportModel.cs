using Delivery.Workflows.Benefits;
using Delivery.Workflows.Views;

namespace Delivery.Functions.BenefitReviews;

/// <summary>What the benefits report page shows: one project's report, or the portfolio's.</summary>
public sealed record BenefitsReportModel(ProjectBenefitsReport? Project, PortfolioBenefitsReport? Portfolio);
