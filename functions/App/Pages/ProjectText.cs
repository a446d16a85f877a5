using Delivery.Workflows.Projects;

using Delivery.Functions.App.Pages.Components;

namespace Delivery.Functions.App.Pages;

/// <summary>How pages and downloads name a project's stage and category, colour its stage, and measure its age.</summary>
public static class ProjectText
{
    public static string Stage(ProjectStage stage) => stage switch
    {
        ProjectStage.BusinessCase => "Business case",
        ProjectStage.BenefitsReview => "Benefits review",
        _ => stage.ToString(),
    };

    public static string Category(ProjectCategory category) => category switch
    {
        ProjectCategory.TechnologyProject => "Technology project",
        ProjectCategory.DigitalService => "Digital service",
        _ => category.ToString(),
    };

    /// <summary>Stopped projects grey, finished green, those waiting for a decision yellow, the rest blue.</summary>
    public static TagColour StageColour(ProjectStage stage) => stage switch
    {
        ProjectStage.Rejected or ProjectStage.Withdrawn => TagColour.Grey,
        ProjectStage.Done or ProjectStage.Closed => TagColour.Green,
        ProjectStage.Approval => TagColour.Yellow,
        _ => TagColour.Blue,
    };

    /// <summary>Whole days since the moment, never negative.</summary>
    public static int AgeInDays(DateTimeOffset since, DateTimeOffset now) => Math.Max(0, (int)(now - since).TotalDays);
}
