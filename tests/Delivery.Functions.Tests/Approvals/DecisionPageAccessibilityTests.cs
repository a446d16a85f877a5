using System.Text.RegularExpressions;
using Delivery.Functions.ApprovalPage;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>
/// Structural WCAG 2.2 checks on the rendered decision page: language, title, one h1, skip link, every control
/// labelled, radios grouped with a legend, tables captioned with header scopes, error summary links that land on
/// fields, errors tied to their fields, unique ids. (Contrast and focus styles come from GOV.UK Frontend itself.)
/// </summary>
public sealed partial class DecisionPageAccessibilityTests
{
    private static ApprovalPageModel Model(Dictionary<string, string> errors)
    {
        var project = new ProjectDocument
        {
            Id = "prj-1",
            ProjectId = "prj-1",
            Request = new ProjectRequest
            {
                Title = "Laptop refresh <for> libraries",
                Description = "Replace laptops.",
                Category = ProjectCategory.TechnologyProject,
                Requester = new Person("Rita Patel", "rita@example.gov.uk"),
                Sponsor = new Person("Hana Kowalski", "hana@example.gov.uk"),
                EstimatedCost = new EstimatedCost(9000m, 0m),
                TargetStart = new DateOnly(2027, 1, 4),
                TargetEnd = new DateOnly(2027, 6, 30),
                Benefits = [new ExpectedBenefit("Faults per month", "40", "5", new DateOnly(2027, 9, 1), "Head of IT")],
                Risks = [new InitialRisk("Supplier delays", 3, 4)],
            },
            Stage = ProjectStage.Approval,
            WaitingFor = "Approval",
            SubmittedBy = "rita",
            SubmittedAt = DateTimeOffset.UtcNow,
            RequestHash = "x",
        };
        var step = new ApprovalStepDocument
        {
            Id = "prj-1~bjc-v2~r1s1",
            ProjectId = "prj-1",
            GateId = "bjc-v2",
            InstanceId = "i",
            Subject = "Business Justification Case, version 2",
            Label = "Line manager",
            Approver = new ApprovalPerson("line-lee", "Lee Morgan", "lee@example.gov.uk"),
            RequestedAt = DateTimeOffset.UtcNow,
        };
        var earlier = step with
        {
            Id = "prj-1~bjc-v1~r1s1",
            Subject = "Business Justification Case, version 1",
            Status = StepStatus.Decided,
            Decision = new StepDecision("prj-1~bjc-v1~r1s1", ApprovalOutcome.ChangesRequested, "line-lee", null, "Add disposal costs", DateTimeOffset.UtcNow),
        };
        var content = new BusinessCaseContent { Financial = new FinancialCase([new YearCost("2026/27", 9000m, 0m)]) };
        return new ApprovalPageModel(project, step, content, [earlier], "tok", errors);
    }

    [Fact]
    public async Task Page_has_language_title_one_heading_skip_link_and_landmarks()
    {
        var html = await Render(Model([]));

        Assert.Contains("<html lang=\"en\" class=\"govuk-template\">", html, StringComparison.Ordinal);
        Assert.Matches("<title>Decide on Laptop refresh &lt;for&gt; libraries - [^<]+</title>", html);
        Assert.Single(Regex.Matches(html, "<h1[ >]"));
        Assert.Contains("href=\"#main-content\"", html, StringComparison.Ordinal);
        Assert.Contains("<main class=\"govuk-main-wrapper\" id=\"main-content\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<for>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_control_is_labelled_and_radios_are_grouped_with_a_legend()
    {
        var html = await Render(Model([]));

        var controls = ControlIds().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["decision", "decision-2", "decision-3", "comment"], controls);
        Assert.All(controls, id => Assert.Contains($"for=\"{id}\"", html, StringComparison.Ordinal));
        Assert.Matches("<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend[^\"]*\"><h2 class=\"govuk-fieldset__heading\">Your decision</h2></legend>", html);
        Assert.Contains("aria-describedby=\"comment-hint\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tables_have_captions_and_header_scopes()
    {
        var html = await Render(Model([]));

        var tables = Regex.Matches(html, "<table class=\"govuk-table\">(.*?)</table>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, tables.Count);
        Assert.All(tables, t => Assert.StartsWith("<caption", t.TrimStart(), StringComparison.Ordinal));
        Assert.All(tables, t => Assert.DoesNotMatch("<th(?=[ >])(?![^>]*scope=)", t));
    }

    [Fact]
    public async Task Errors_are_summarised_with_links_to_their_fields_and_tied_to_them()
    {
        var html = await Render(Model(new Dictionary<string, string> { ["comment"] = "Enter why you are rejecting it" }) with { Decision = "reject" });

        Assert.StartsWith("Error: ", Regex.Match(html, "<title>(.*?)</title>").Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#comment\">Enter why you are rejecting it</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"comment\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"comment-hint comment-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"comment-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"reject\" checked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_are_unique()
    {
        var html = await Render(Model(new Dictionary<string, string> { ["decision"] = "Select one" }));

        var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Final_approvers_fields_are_labelled_and_grouped()
    {
        var managers = new[] { new Approver("pm-sam", "Sam Okafor", "sam@example.gov.uk", ["ProjectManager"], null) };
        var model = Model(new Dictionary<string, string> { ["costPercent"] = "Cost tolerance must be a number" }) with
        {
            Final = new FinalApproval(managers, "pm-sam", "x", "10", "5"),
        };

        var html = await Render(model);

        Assert.Contains("<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">If you approve</h2></legend>", html, StringComparison.Ordinal);
        foreach (var id in new[] { "projectManagerId", "costPercent", "timeWorkingDays", "changeBudgetPercent" })
        {
            Assert.Contains($"<label class=\"govuk-label\" for=\"{id}\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("aria-describedby=\"costPercent-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#costPercent\">", html, StringComparison.Ordinal);
    }

    private static Task<string> Render(ApprovalPageModel model) => PageHtml.RenderAsync<DecisionPage, ApprovalPageModel>(model);

    [GeneratedRegex("<(?:input|textarea) class=\"govuk-(?:radios__input|textarea)[^\"]*\" id=\"([^\"]+)\"")]
    private static partial Regex ControlIds();
}
