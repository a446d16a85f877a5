using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Monitoring;

namespace Delivery.Functions.App.Pages;

/// <summary>How pages name an exception's status and colour its tag.</summary>
public static class ExceptionStatusText
{
    public static string Of(ExceptionStatus status) => status switch
    {
        ExceptionStatus.AwaitingReport => "Report needed",
        ExceptionStatus.AwaitingDecision => "Awaiting decision",
        ExceptionStatus.MoreInformationRequested => "More information needed",
        ExceptionStatus.PlanApproved => "Plan approved",
        _ => "Closing early",
    };

    /// <summary>Approved plans green, early closure grey, the rest (something is awaited) orange.</summary>
    public static TagColour Colour(ExceptionStatus status) => status switch
    {
        ExceptionStatus.PlanApproved => TagColour.Green,
        ExceptionStatus.ClosedEarly => TagColour.Grey,
        _ => TagColour.Orange,
    };
}
