using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>The monthly performance report for a service's stakeholders: each measure's figure for the month against its target.</summary>
public static class PerformanceReportEmail
{
    public const string Category = "performance-report";

    public static EmailMessage Build(Person to, string projectId, string title, string month, IReadOnlyList<MeasureFigure> figures, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(figures);
        var layout = new EmailLayout($"{title}: performance in {Months.Name(month)}")
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"These are the service's figures for {Months.Name(month)} against its targets.");
        foreach (var figure in figures)
        {
            layout.Fact(figure.Measure.Name, Line(figure, month));
        }

        layout.Paragraph($"Met: {figures.Count(f => f.OnTarget == true)} of {figures.Count} measures; no figure recorded: {figures.Count(f => f.Value is null)}.")
            .Link("See the performance page with run charts", new Uri(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(projectId)}/performance/page"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Performance of {title} in {Months.Name(month)}", layout.Html(), layout.Text(), Category);
    }

    /// <summary>"£3.25 against a target of £3.00 (not met); change from December 2026: +£0.40".</summary>
    public static string Line(MeasureFigure figure, string month)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var unit = figure.Measure.Unit;
        if (figure.Value is not { } value)
        {
            return $"no figure recorded (target {PerformanceFigures.Format(figure.Measure.Target, unit)})";
        }

        var said = $"{PerformanceFigures.Format(value, unit)} against a target of {PerformanceFigures.Format(figure.Measure.Target, unit)} ({(figure.OnTarget == true ? "met" : "not met")})";
        return figure.Change is { } change
            ? $"{said}; change from {Months.Name(Months.Previous(month))}: {PerformanceFigures.FormatChange(change, unit)}"
            : $"{said}; no figure for {Months.Name(Months.Previous(month))} to compare";
    }
}
