using Delivery.Workflows.Approvals;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Tests.Support;

namespace Delivery.Workflows.Tests.Approvals;

/// <summary>Every lifecycle email: HTML and text say the same things, links are there, categories hold no personal data.</summary>
public sealed class EmailTemplateTests
{
    private static readonly Uri Base = new("http://localhost:7071/");
    private static readonly ProjectDocument Project = TestData.Project("prj-123", 12_500m);
    private static readonly Uri Link = new("http://localhost:7071/api/approvals/prj-123~bjc-v1~r1s1?token=abc");

    private static readonly ApprovalStepDocument Step = new()
    {
        Id = "prj-123~bjc-v1~r1s1",
        ProjectId = "prj-123",
        GateId = "bjc-v1",
        InstanceId = "i",
        Subject = "Business Justification Case, version 1",
        Label = "Line manager",
        Approver = new ApprovalPerson("line-lee", "Lee Morgan", "lee.morgan@example.gov.uk"),
        RequestedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };

    public static TheoryData<string> Templates() =>
        ["approval-request", "approval-reminder", "approval-escalation", "approval-decision", "changes-requested", "project-approved", "project-rejected", "receipt", "sponsor-named"];

    private static EmailMessage Build(string category) => category switch
    {
        ApprovalRequestEmail.Category => ApprovalRequestEmail.Build(Project, Step, Step.Approver, Link, new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)),
        ApprovalReminderEmail.Category => ApprovalReminderEmail.Build(Project, Step, Step.Approver, Link, 3),
        ApprovalEscalationEmail.Category => ApprovalEscalationEmail.Build(Project, Step, new ApprovalPerson("head-hana", "Hana Kowalski", "hana@example.gov.uk"), Link, 5),
        StepDecisionEmail.Category => StepDecisionEmail.Build(Project, Step, "Lee Morgan"),
        ChangesRequestedEmail.Category => ChangesRequestedEmail.Build(Project, Step.Subject, "Lee Morgan", "Add the disposal costs.", Base),
        ProjectApprovedEmail.Category => ProjectApprovedEmail.Build(Project, Project.Request.Sponsor, new Person("Sam Okafor", "sam@example.gov.uk"), 12_500m, Base),
        ReceiptEmail.Category => ReceiptEmail.Build(Project, Base),
        SponsorNamedEmail.Category => SponsorNamedEmail.Build(Project, Base),
        _ => ProjectRejectedEmail.Build(Project, Step.Subject, "Lee Morgan", "No budget this year."),
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_has_matching_html_and_text_and_a_fixed_category(string category)
    {
        var message = Build(category);

        Assert.Equal(category, message.Category);
        Assert.Contains("prj-123", message.Text, StringComparison.Ordinal);
        Assert.Contains("prj-123", message.Html, StringComparison.Ordinal);
        Assert.Contains(Project.Request.Title, message.Subject, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en-GB\">", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("@", message.Category, StringComparison.Ordinal);
        foreach (var line in message.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("http", StringComparison.Ordinal)))
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(line.Split(": ")[^1].Trim()), message.Html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("approval-request")]
    [InlineData("approval-reminder")]
    [InlineData("approval-escalation")]
    public void Decision_emails_carry_the_link(string category)
    {
        var message = Build(category);

        Assert.Contains(Link.ToString(), message.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"" + System.Net.WebUtility.HtmlEncode(Link.ToString()) + "\"", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sponsor_is_told_who_named_them_and_how_to_say_they_did_not_agree()
    {
        var message = Build(SponsorNamedEmail.Category);

        Assert.Equal(Project.Request.Sponsor.Email, message.To.Address);
        Assert.Contains(Project.Request.Requester.Name, message.Text, StringComparison.Ordinal);
        Assert.Contains("did not agree", message.Text, StringComparison.Ordinal);
        Assert.Contains(ApprovalLinks.Project(Base, "prj-123").ToString(), message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_and_dates_are_in_GOV_UK_style()
    {
        var message = Build("approval-request");

        Assert.Contains("£12,500", message.Text, StringComparison.Ordinal);
        Assert.Contains("7 December 2026", message.Text, StringComparison.Ordinal);
    }
}
