using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;

namespace Delivery.Workflows.Tests.Views;

/// <summary>
/// An exception waiting for its report is a task for the project's manager (found in the directory by the email the
/// project holds) through <see cref="ExceptionRepository"/>: there while a report is awaited, gone once it is sent,
/// back when more information is asked for, gone once decided; a rebuild writes it again.
/// </summary>
public sealed class ExceptionTaskTests(ViewsDatabase db) : IClassFixture<ViewsDatabase>
{
    [Fact]
    public async Task The_report_waits_for_the_project_manager_until_it_is_sent_and_again_when_more_is_asked()
    {
        var projectId = "prj-" + Guid.NewGuid().ToString("N")[..12];
        var project = ViewsDatabase.Project(projectId, 9_000m, DateTimeOffset.UtcNow) with { ProjectManager = new Person("Sam Okafor", "Sam.Okafor@example.gov.uk") };
        await db.Projects.TryCreateAsync(project, default);
        var exceptions = new ExceptionRepository(db.Database, db.Tasks, db.Controls);

        await exceptions.CreateOrGetAsync(Opened(projectId), default);
        var asked = Assert.Single(await SamsAsync(projectId));
        Assert.Equal(PersonTaskKind.WriteExceptionReport, asked.Kind);
        Assert.Equal($"/api/projects/{projectId}/exceptions/Cost-1/report/edit", asked.Href);
        Assert.Equal("Exception report Cost-1: cost tolerance exceeded", asked.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), asked.Since);

        await exceptions.UpdateAsync(projectId, "Cost-1", e => e with { Status = ExceptionStatus.AwaitingDecision, ReportVersion = 1 }, default);
        Assert.Empty(await SamsAsync(projectId));

        var decidedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        await exceptions.UpdateAsync(projectId, "Cost-1", e => e with { Status = ExceptionStatus.MoreInformationRequested, Decision = new ExceptionDecision(ApprovalOutcome.ChangesRequested, "line-lee", decidedAt) }, default);
        var again = Assert.Single(await SamsAsync(projectId));
        Assert.Equal("Exception report Cost-1: more information asked for", again.Subject);
        Assert.Equal(decidedAt, again.Since);

        await db.Views.DeleteItemAsync<PersonTask>(again.Id, new Microsoft.Azure.Cosmos.PartitionKey(ViewIds.TasksOf("pm-sam")));
        var report = await db.Rebuilder.RebuildAsync(default);
        Assert.True(report.Exceptions >= 1);
        Assert.Single(await SamsAsync(projectId));

        await exceptions.UpdateAsync(projectId, "Cost-1", e => e with { Status = ExceptionStatus.ClosedEarly }, default);
        Assert.Empty(await SamsAsync(projectId));
    }

    private async Task<List<PersonTask>> SamsAsync(string projectId) =>
        (await db.Tasks.ListAsync("pm-sam", default)).Where(t => t.ProjectId == projectId).ToList();

    private static ProjectException Opened(string projectId) => new()
    {
        Id = ProjectException.IdFor(ToleranceKind.Cost, 1),
        ProjectId = projectId,
        Kind = ToleranceKind.Cost,
        Episode = 1,
        Band = 1,
        Measure = "Forecast 16.7% over the approved £9,000",
        RaisedOn = new DateOnly(2026, 11, 23),
        Status = ExceptionStatus.AwaitingReport,
    };
}
