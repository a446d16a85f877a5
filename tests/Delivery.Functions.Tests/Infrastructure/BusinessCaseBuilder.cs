namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>A complete business case (all five cases) with the given total, as the requester would save it.</summary>
public static class BusinessCaseBuilder
{
    public static object Complete(decimal total) => new
    {
        strategic = new { caseForChange = "Laptops are out of support.", strategicFit = "Digital strategy: reliable devices." },
        economic = new { options = new[] { new { name = "Do nothing", description = "Keep old laptops", cost = 0m }, new { name = "Replace", description = "New laptops", cost = total } }, preferredOption = "Replace" },
        commercial = new { procurementRoute = "Crown Commercial Service framework", suppliers = "Framework suppliers" },
        financial = new { years = new[] { new { year = "2026/27", capital = total, revenue = 0m } } },
        management = new
        {
            plan = "Roll out by branch over twelve weeks.",
            milestones = new[] { new { name = "Devices ordered", date = "2027-01-29" }, new { name = "All branches live", date = "2027-04-30" } },
            risks = new[] { new { description = "Supplier delays", probability = 3, impact = 3 } },
            benefits = new[] { new { measure = "Laptop faults per month", baseline = "40", target = "5", date = "2027-09-01", owner = "Head of Libraries" } },
        },
    };
}
