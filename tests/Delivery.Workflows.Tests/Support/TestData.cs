using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Tests.Support;

/// <summary>Builders for projects and business cases.</summary>
public static class TestData
{
    public const string RequesterId = "rita";

    /// <summary>The requester of <see cref="Project"/>, as the router and the separation-of-duties rules see them.</summary>
    public static ProjectRequester Requester => new(RequesterId, "rita.patel@example.gov.uk");

    public static ProjectDocument Project(string projectId, decimal estimatedCost) => new()
    {
        Id = projectId,
        ProjectId = projectId,
        Request = new ProjectRequest
        {
            Title = "Laptop refresh for social workers",
            Description = "Replace 120 laptops that are out of support.",
            Category = ProjectCategory.TechnologyProject,
            Requester = new Person("Rita Patel", "rita.patel@example.gov.uk"),
            Sponsor = new Person("Victor Sponsor", "victor.sponsor@example.gov.uk"),
            EstimatedCost = new EstimatedCost(estimatedCost * 0.8m, estimatedCost * 0.2m),
            TargetStart = new DateOnly(2027, 1, 4),
            TargetEnd = new DateOnly(2027, 6, 30),
            Benefits = [new ExpectedBenefit("Laptop faults per month", "40", "5", new DateOnly(2027, 9, 1), "Head of IT")],
            Risks = [new InitialRisk("Supplier delays", 3, 3)],
        },
        Stage = ProjectStage.Request,
        WaitingFor = "Business case from the requester",
        SubmittedBy = RequesterId,
        SubmittedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        RequestHash = "test",
    };

    public static BusinessCaseContent BusinessCase(decimal totalCost) => new()
    {
        Strategic = new StrategicCase("Laptops are out of support.", "Supports the digital strategy."),
        Economic = new EconomicCase([new CaseOption("Do nothing", "Keep old laptops", 0m), new CaseOption("Replace", "New laptops", totalCost)], "Replace"),
        Commercial = new CommercialCase("Crown Commercial Service framework", "Framework suppliers"),
        Financial = new FinancialCase([new YearCost("2026/27", totalCost * 0.8m, totalCost * 0.1m), new YearCost("2027/28", 0m, totalCost * 0.1m)]),
        Management = new ManagementCase(
            "Roll out by team over twelve weeks.",
            [new Milestone("Devices ordered", new DateOnly(2027, 1, 29)), new Milestone("All teams live", new DateOnly(2027, 4, 30))],
            [new InitialRisk("Supplier delays", 3, 3)],
            [new ExpectedBenefit("Laptop faults per month", "40", "5", new DateOnly(2027, 9, 1), "Head of IT")]),
    };
}
