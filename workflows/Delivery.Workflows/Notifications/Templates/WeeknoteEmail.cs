using Delivery.Workflows.Projects;
using Delivery.Workflows.Weeknotes;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>A service's weeknote as its stakeholders get it: the delivery manager's four parts, as written.</summary>
public static class WeeknoteEmail
{
    public const string Category = "weeknote";

    public static EmailMessage Build(ProjectDocument project, Person to, Weeknote note, Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(note);
        var title = project.Request.Title;
        var layout = new EmailLayout($"Weeknote: week of {UkFormat.Date(note.WeekOf)}")
            .Paragraph($"Dear {to.Name},")
            .Paragraph($"This week's note from the team building \"{title}\".")
            .Fact("Reference", project.ProjectId)
            .Fact("What we did", note.WhatWeDid)
            .Fact("What we learned", note.WhatWeLearned)
            .Fact("What's next", note.WhatsNext)
            .Fact("Blockers", note.Blockers.Length == 0 ? "None" : note.Blockers)
            .Link("Read the weeknotes", new Uri(publicBaseUrl, $"api/projects/{Uri.EscapeDataString(project.ProjectId)}/weeknotes/page"))
            .Paragraph("Digital and Customer Services");
        return new EmailMessage(new EmailAddress(to.Email, to.Name), $"Weeknote, week of {UkFormat.Date(note.WeekOf)}: {title}", layout.Html(), layout.Text(), Category);
    }
}
