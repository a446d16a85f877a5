using Delivery.Workflows.Approvals;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Tests.Support;

/// <summary>A scheme of delegation like the council's: up to £25k the line manager; up to £100k also head of service and finance in parallel; above, also the board.</summary>
public static class TestPolicies
{
    public static ApprovalPolicy Approvals(params DateOnly[] bankHolidays) => new()
    {
        Bands =
        [
            new CostBand("Up to £25,000", 25_000m, "role:LineManager"),
            new CostBand("Up to £100,000", 100_000m, "role:LineManager; role:HeadOfService + role:Finance"),
            new CostBand("Over £100,000", null, "role:LineManager; role:HeadOfService + role:Finance; person:board-ben"),
        ],
        People =
        [
            new Approver("line-lee", "Lee Morgan", "lee.morgan@example.gov.uk", ["LineManager"], "head-hana"),
            new Approver("head-hana", "Hana Kowalski", "hana.kowalski@example.gov.uk", ["HeadOfService"], "board-ben"),
            new Approver("fin-farah", "Farah Ahmed", "farah.ahmed@example.gov.uk", ["Finance"], "head-hana"),
            new Approver("board-ben", "Ben Clarke", "ben.clarke@example.gov.uk", ["ProjectBoard"], null),
            new Approver("pm-sam", "Sam Okafor", "sam.okafor@example.gov.uk", ["ProjectManager"], null),
            new Approver("pm-jo", "Jo Evans", "jo.evans@example.gov.uk", ["ProjectManager"], null),
        ],
        ReminderAfterWorkingDays = 3,
        EscalateAfterWorkingDays = 5,
        BankHolidays = bankHolidays,
        LinkLifetime = TimeSpan.FromDays(14),
    };

    public static LifecyclePolicy Lifecycle() => new()
    {
        FullBusinessCaseFrom = 100_000m,
        Tolerances = new Dictionary<ProjectCategory, Tolerances>
        {
            [ProjectCategory.TechnologyProject] = new(10, 10m, "No change to agreed deliverables", "Acceptance criteria met", 12, 10m),
            [ProjectCategory.DigitalService] = new(15, 15m, "Within the service's mission", "Meets the Service Standard", 12, 15m),
        },
    };
}
