using Delivery.Workflows.Benefits;
using Delivery.Workflows.Digest;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;

namespace Delivery.Workflows.Tests.Digest;

/// <summary>
/// The weekly digest's benefits reviews section: which reviews the benefits view's rows make due (open ones only,
/// earliest first), how each is worded (due, overdue with the owner reminded, overdue and escalated) and that the
/// HTML and text say the same.
/// </summary>
public sealed class DigestEmailTemplateTests
{
    private static readonly Uri Base = new("http://localhost:7071/");
    private static readonly DateOnly Monday = new(2027, 1, 11);

    // Library laptops: faults review 1 recorded, review 2 open and reminded; visits review 1 open and escalated.
    // Council tax online: calls review 1 open, not chased yet. The measure's "&" checks the HTML is encoded.
    private static readonly PortfolioBenefitsReport Report = new(
    [
        new ProjectBenefitsReport("prj-b", "Council tax online", ProjectStage.BenefitsReview,
        [
            new BenefitOutcomeRow("b1", "Calls & emails per week", "900", "400", new DateOnly(2027, 6, 30), null,
                [Figure(1, new DateTimeOffset(2027, 1, 6, 9, 30, 0, TimeSpan.Zero), actual: null, reminded: false, escalated: false)]),
        ]),
        new ProjectBenefitsReport("prj-a", "Library laptops", ProjectStage.BenefitsReview,
        [
            new BenefitOutcomeRow("b1", "Laptop faults per month", "40", "5", new DateOnly(2026, 12, 31), 10m,
            [
                Figure(1, new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero), actual: 30m, reminded: true, escalated: false),
                Figure(2, new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero), actual: null, reminded: true, escalated: false),
            ]),
            new BenefitOutcomeRow("b2", "Library visits per week", "1000", "1500", new DateOnly(2026, 12, 31), null,
                [Figure(1, new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero), actual: null, reminded: true, escalated: true)]),
        ]),
    ]);

    [Fact]
    public void Only_open_reviews_are_due_earliest_first_with_how_far_each_was_chased()
    {
        var due = DueBenefitReview.From(Report);

        Assert.Equal(
        [
            new DueBenefitReview("prj-a", "Library laptops", "b2", "Library visits per week", 1, new DateOnly(2026, 10, 5), Reminded: true, Escalated: true),
            new DueBenefitReview("prj-a", "Library laptops", "b1", "Laptop faults per month", 2, new DateOnly(2027, 1, 4), Reminded: true, Escalated: false),
            new DueBenefitReview("prj-b", "Council tax online", "b1", "Calls & emails per week", 1, new DateOnly(2027, 1, 6), Reminded: false, Escalated: false),
        ], due);
        Assert.Equal([true, true, false], due.Select(d => d.Overdue).ToArray());
    }

    [Fact]
    public void The_digest_lists_each_open_review_with_a_count_line_in_text_and_html()
    {
        var message = Build(DueBenefitReview.From(Report));

        string[] expected =
        [
            "Benefits reviews due: 3 (2 overdue, 1 escalated to the sponsor).",
            "Library laptops (prj-a): Library visits per week, review 1, due 5 October 2026 (overdue, escalated to the sponsor)",
            "Library laptops (prj-a): Laptop faults per month, review 2, due 4 January 2027 (overdue, owner reminded)",
            "Council tax online (prj-b): Calls & emails per week, review 1, due 6 January 2027",
            "See the benefits report: http://localhost:7071/api/benefits/report/page",
        ];
        var lines = message.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var start = Array.IndexOf(lines, expected[0]);
        Assert.True(start >= 0, message.Text);
        Assert.Equal(expected, lines.Skip(start).Take(expected.Length).ToArray());

        Assert.Contains("<p>Benefits reviews due: 3 (2 overdue, 1 escalated to the sponsor).</p>", message.Html, StringComparison.Ordinal);
        Assert.Contains(Row("Library laptops (prj-a)", "Library visits per week, review 1, due 5 October 2026 (overdue, escalated to the sponsor)"), message.Html, StringComparison.Ordinal);
        Assert.Contains(Row("Library laptops (prj-a)", "Laptop faults per month, review 2, due 4 January 2027 (overdue, owner reminded)"), message.Html, StringComparison.Ordinal);
        Assert.Contains(Row("Council tax online (prj-b)", "Calls &amp; emails per week, review 1, due 6 January 2027"), message.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://localhost:7071/api/benefits/report/page\" style=\"color: #1d70b8;\">See the benefits report</a>", message.Html, StringComparison.Ordinal);
        AssertHtmlSaysWhatTextSays(message);
    }

    [Fact]
    public void With_no_open_review_the_digest_says_none_and_has_no_benefits_link()
    {
        var message = Build([]);

        Assert.Contains("\nBenefits reviews due: none.\n", message.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Benefits reviews due: none.</p>", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("benefits/report", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("benefits/report", message.Html, StringComparison.Ordinal);
        AssertHtmlSaysWhatTextSays(message);
    }

    private static ReviewFigure Figure(int review, DateTimeOffset dueAt, decimal? actual, bool reminded, bool escalated) =>
        new(review, dueAt, "fin-farah", actual, actual is null ? null : new DateOnly(2026, 10, 20), null, null, escalated, reminded);

    private static EmailMessage Build(IReadOnlyList<DueBenefitReview> due) => WeeklyDigestEmail.Build(new Person("Lou Grant", "lou@example.gov.uk"), new DigestFigures
    {
        ByStage = new Dictionary<ProjectStage, int> { [ProjectStage.BenefitsReview] = 2 },
        WithinTolerance = 0,
        InException = 0,
        NewExceptions = [],
        OverdueActions = 0,
        RisksNotReviewed = 0,
        HighlightReportsOverdue = 0,
        ApprovalsWaiting = [],
        BenefitReviewsDue = due,
    }, Monday, Base);

    private static string Row(string label, string encodedValue) =>
        $"<tr><th scope=\"row\" style=\"text-align: left; padding-right: 20px;\">{System.Net.WebUtility.HtmlEncode(label)}</th><td>{encodedValue}</td></tr>";

    // The same check as EmailTemplateTests makes of the lifecycle emails: what each text line says is in the HTML.
    private static void AssertHtmlSaysWhatTextSays(EmailMessage message)
    {
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en-GB\">", message.Html, StringComparison.Ordinal);
        Assert.Equal(WeeklyDigestEmail.Category, message.Category);
        foreach (var line in message.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("http", StringComparison.Ordinal)))
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(line.Split(": ")[^1].Trim()), message.Html, StringComparison.Ordinal);
        }
    }
}
