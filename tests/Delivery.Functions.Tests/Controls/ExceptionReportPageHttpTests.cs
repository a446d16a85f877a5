using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Workflows.Storage;
using Delivery.Workflows.Views;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.Tests.Controls;

/// <summary>
/// The exception report form over HTTP: a good post stores the report the API would (blank option rows left out),
/// audits it once and sends it to the approval gate; a bad one names every field and stores nothing; only the
/// project manager may open or send it. The report waiting to be written is on the project manager's My tasks until
/// it is sent, and back when more information is asked for; a view rebuild puts it back too.
/// </summary>
public sealed class ExceptionReportPageHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task A_good_post_stores_what_the_api_would_and_shows_the_confirmation()
    {
        var projectId = await BreachedProjects.CreateAsync(app, 10_500m, BreachedProjects.SevenInLondon(app, 1));
        using var sam = app.As("pm-sam");
        using var form = await sam.GetAsync(FormPath(projectId));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"options[2].effect\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var sent = await sam.PostAsync(FormPath(projectId), Good());
        var html = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Exception report sent", html, StringComparison.Ordinal);
        var exception = await BreachedProjects.ExceptionAsync(app, projectId, "AwaitingDecision");
        var report = exception.GetProperty("report");
        Assert.Equal(1, exception.GetProperty("reportVersion").GetInt32());
        Assert.Equal("Licence prices rose by a third", report.GetProperty("cause").GetString());
        Assert.Equal("The forecast is above the cost tolerance", report.GetProperty("consequences").GetString());
        Assert.Equal(
            ["Accept the new price: Business case still positive; budget up by £1,800", "Fewer laptops: Benefit b1 falls short"],
            report.GetProperty("options").EnumerateArray().Select(o => $"{o.GetProperty("title").GetString()}: {o.GetProperty("effect").GetString()}").ToArray());
        Assert.Equal("Accept the new price", report.GetProperty("recommendation").GetString());
        Assert.True(!report.TryGetProperty("lessons", out var lessons) || lessons.ValueKind == JsonValueKind.Null);
        Assert.Equal(10_800m, report.GetProperty("plan").GetProperty("approvedBudget").GetDecimal());
        var planned = report.GetProperty("plan").GetProperty("milestones").EnumerateArray().Single();
        Assert.Equal(("m1", "2027-02-12"), (planned.GetProperty("milestoneId").GetString(), planned.GetProperty("baseline").GetString()));
        Assert.Equal("pm-sam", report.GetProperty("submittedBy").GetString());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.Equal(1, audit.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "ExceptionReported"));
        await app.LinkAsync("line-lee", projectId, count: 2); // the report went to the gate: Lee is asked to decide

        using var again = await sam.GetAsync(FormPath(projectId));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_bad_post_names_every_field_and_stores_nothing()
    {
        var projectId = await BreachedProjects.CreateAsync(app, 10_500m, BreachedProjects.SevenInLondon(app, 1));
        using var sam = app.As("pm-sam");

        using var bad = await sam.PostAsync(FormPath(projectId), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cause"] = " ",
            ["options[1].title"] = "Cut scope",
            ["plan.approvedBudget"] = "lots",
            ["plan.milestones.m1-day"] = "31",
            ["plan.milestones.m1-month"] = "2",
            ["plan.milestones.m1-year"] = "2027",
        }));
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(
            ["#cause", "#consequences", "#options[1].effect", "#recommendation", "#plan.approvedBudget", "#plan.milestones.m1-day"],
            ErrorLinks(html));
        Assert.Contains("Enter the effect of option 2", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Cut scope\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"options[1].effect-error\"", html, StringComparison.Ordinal);
        var exception = await BreachedProjects.ExceptionAsync(app, projectId, "AwaitingReport");
        Assert.Equal(0, exception.GetProperty("reportVersion").GetInt32());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "ExceptionReported");
    }

    [Fact]
    public async Task Only_the_project_manager_may_open_or_send_the_form()
    {
        var projectId = await BreachedProjects.CreateAsync(app, 10_500m, BreachedProjects.SevenInLondon(app, 1));
        using var rita = app.As("rita");
        using var ravi = app.As("ravi");
        using var sam = app.As("pm-sam");

        using var opened = await rita.GetAsync(FormPath(projectId));
        using var posted = await rita.PostAsync(FormPath(projectId), Good());
        using var stranger = await ravi.PostAsync(FormPath(projectId), Good());
        using var unknown = await sam.GetAsync($"/api/projects/{projectId}/exceptions/Time-7/report/edit");

        Assert.Equal(HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.Contains("You cannot write this exception report", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var exception = await BreachedProjects.ExceptionAsync(app, projectId, "AwaitingReport");
        Assert.Equal(0, exception.GetProperty("reportVersion").GetInt32());
    }

    [Fact]
    public async Task My_tasks_shows_the_report_until_it_is_sent_and_again_when_more_information_is_asked_for()
    {
        var projectId = await BreachedProjects.CreateAsync(app, 10_500m, BreachedProjects.SevenInLondon(app, 1));
        using var sam = app.As("pm-sam");
        using var rita = app.As("rita");
        using var ada = app.As("admin-ada");
        var taskId = $"{projectId}~exception~Cost-1";

        var asked = await TaskAsync(projectId, t => t is not null);
        Assert.Equal(PersonTaskKind.WriteExceptionReport, asked!.Kind);
        Assert.Equal(FormPath(projectId), asked.Href);
        Assert.Contains(FormPath(projectId), await sam.GetStringAsync("/api/tasks"), StringComparison.Ordinal);
        Assert.DoesNotContain(FormPath(projectId), await rita.GetStringAsync("/api/tasks"), StringComparison.Ordinal);

        // Lost from the view, a rebuild puts it back.
        await app.App.Services.GetRequiredService<Database>().GetContainer(DataContainers.Views)
            .DeleteItemAsync<PersonTask>(taskId, new PartitionKey(ViewIds.TasksOf("pm-sam")));
        Assert.Null(await TaskAsync(projectId));
        using var rebuilt = await ada.PostAsync("/api/admin/rebuild-views", null);
        Assert.True((await rebuilt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exceptions").GetInt32() >= 1);
        Assert.NotNull(await TaskAsync(projectId));

        Assert.Equal(HttpStatusCode.OK, (await sam.PostAsync(FormPath(projectId), Good())).StatusCode);
        Assert.Null(await TaskAsync(projectId));

        var link = await app.LinkAsync("line-lee", projectId, count: 2);
        var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
        using var lee = app.As("line-lee");
        using var decided = await lee.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "request-changes", comment = "Say more about the supplier" });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        await BreachedProjects.ExceptionAsync(app, projectId, "MoreInformationRequested");

        var back = await TaskAsync(projectId, t => t?.Subject.Contains("more information", StringComparison.Ordinal) == true);
        Assert.Equal("Exception report Cost-1: more information asked for", back!.Subject);
        var form = WebUtility.HtmlDecode(await sam.GetStringAsync(FormPath(projectId)));
        Assert.Contains("More information was asked for", form, StringComparison.Ordinal);
        Assert.Contains("Licence prices rose by a third", form, StringComparison.Ordinal); // the report as sent, to change
    }

    private static string FormPath(string projectId) => $"/api/projects/{projectId}/exceptions/Cost-1/report/edit";

    /// <summary>The form as someone would fill it in: the middle option row left blank, one milestone moved.</summary>
    private static FormUrlEncodedContent Good() => new(new Dictionary<string, string>
    {
        ["cause"] = "Licence prices rose by a third",
        ["consequences"] = "The forecast is above the cost tolerance",
        ["options[0].title"] = "Accept the new price",
        ["options[0].effect"] = "Business case still positive; budget up by £1,800",
        ["options[1].title"] = string.Empty,
        ["options[1].effect"] = " ",
        ["options[2].title"] = "Fewer laptops",
        ["options[2].effect"] = "Benefit b1 falls short",
        ["recommendation"] = "Accept the new price",
        ["lessons"] = string.Empty,
        ["plan.approvedBudget"] = "£10,800",
        ["plan.milestones.m1-day"] = "12",
        ["plan.milestones.m1-month"] = "2",
        ["plan.milestones.m1-year"] = "2027",
    });

    private async Task<PersonTask?> TaskAsync(string projectId) =>
        (await app.App.Services.GetRequiredService<TaskView>().ListAsync("pm-sam", CancellationToken.None))
            .SingleOrDefault(t => t.ProjectId == projectId && t.Kind == PersonTaskKind.WriteExceptionReport);

    /// <summary>Sam's report task once it is as expected: the orchestration's activities write the view just after the exception.</summary>
    private async Task<PersonTask?> TaskAsync(string projectId, Func<PersonTask?, bool> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var task = await TaskAsync(projectId);
            if (expected(task) || DateTime.UtcNow > deadline)
            {
                return task;
            }

            await Task.Delay(100);
        }
    }

    private static string[] ErrorLinks(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<div class=\"govuk-error-summary__body\">.*?</ul>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.Value, "href=\"([^\"]+)\"").Select(l => l.Groups[1].Value))
            .ToArray();
}
