using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>A person's reminders for the day, every project's items in one email.</summary>
public static class RemindersEmail
{
    public const string Category = "reminders";

    public static EmailMessage Build(Person to, IReadOnlyList<DueReminder> items, DateOnly today, int riskReviewDays, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(items);
        var layout = new EmailLayout("Your reminders")
            .Paragraph($"Dear {to.Name},")
            .Paragraph(items.Count == 1 ? "One thing needs your attention:" : $"{items.Count} things need your attention:");
        foreach (var project in items.GroupBy(i => (i.ProjectId, i.ProjectTitle)))
        {
            layout.Paragraph($"{project.Key.ProjectTitle} ({project.Key.ProjectId})");
            foreach (var due in project)
            {
                layout.Fact(due.Item.ItemId, due.Item.Kind switch
                {
                    ReminderKind.Action => $"Action due {UkFormat.Date(due.Item.Date)}: {due.Item.Text}",
                    ReminderKind.AssessmentCondition => $"Service assessment condition due {UkFormat.Date(due.Item.Date)}: {due.Item.Text}",
                    ReminderKind.RetrospectiveDue => $"Retrospective not recorded for {due.Item.Text}, which ended {UkFormat.Date(due.Item.Date)}",
                    ReminderKind.RetrospectiveAction => $"Retrospective action due {UkFormat.Date(due.Item.Date)}: {due.Item.Text}",
                    ReminderKind.HighlightReport => $"Highlight report overdue since {UkFormat.Date(due.Item.Date)}",
                    _ => $"Risk not reviewed since {UkFormat.Date(due.Item.Date)} (reviews are due every {riskReviewDays} days): {due.Item.Text}",
                });
            }

            layout.Link("See the delivery controls", new Uri(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(project.Key.ProjectId)}/delivery"));
        }

        layout.Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Your reminders for {UkFormat.Date(today)}", layout.Html(), layout.Text(), Category);
    }
}
