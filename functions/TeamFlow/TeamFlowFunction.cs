using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Http;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Flow;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.TeamFlow;

/// <summary>What the team flow page shows: the service, the report (or the errors in the period asked for), whether the reader may change the backlog.</summary>
public sealed record TeamFlowPageModel(ProjectDocument Project, string? Months, TeamFlowReport? Report, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// A digital service team's flow metrics from its backlog's transitions: <c>GET /api/projects/{id}/team-flow</c>
/// (JSON, or CSV with <c>?format=csv</c>, also at <c>…/team-flow.csv</c>) and the page <c>…/team-flow/page</c> with
/// its charts, for whoever may see the project. <c>?months=</c> (1 to 36, default 6) sets the period. Each reads the
/// team's month documents and work in progress by point reads in the project's partition, never the stories.
/// </summary>
public sealed class TeamFlowFunction(ProjectRepository projects, BacklogFlowSummary flow, PageRenderer pages, TimeProvider clock)
{
    public const string Name = "TeamFlow";
    public const string CsvName = "TeamFlowCsv";
    public const string PageName = "TeamFlowPage";
    public const int DefaultMonths = 6;
    public const int MaxMonths = 36;

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/team-flow")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await DataAsync(req, id, string.Equals(req.Query["format"], "csv", StringComparison.OrdinalIgnoreCase), cancellationToken);
    }

    [Function(CsvName)]
    [SignInPage]
    public async Task<IResult> CsvAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/team-flow.csv")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await DataAsync(req, id, csv: true, cancellationToken);
    }

    [Function(PageName)]
    [SignInPage]
    public async Task<IResult> PageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/team-flow/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await BacklogAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return await pages.MessageAsync(req.HttpContext, new("Team flow not available", $"There is no digital service {id} that you can see."), StatusCodes.Status404NotFound);
        }

        var asked = req.Query["months"].ToString();
        var (months, errors) = ReportPeriod.Read(req, DefaultMonths, MaxMonths);
        if (errors.Count > 0)
        {
            return await pages.PageAsync<TeamFlowPage, TeamFlowPageModel>(req.HttpContext, new TeamFlowPageModel(project!, asked, null, errors), StatusCodes.Status400BadRequest);
        }

        return await pages.PageAsync<TeamFlowPage, TeamFlowPageModel>(req.HttpContext, new TeamFlowPageModel(project!, asked, await ReportAsync(project!.ProjectId, months, cancellationToken), errors));
    }

    private async Task<IResult> DataAsync(HttpRequest req, string id, bool csv, CancellationToken cancellationToken)
    {
        var (project, refusal) = await BacklogAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (months, errors) = ReportPeriod.Read(req, DefaultMonths, MaxMonths);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        var report = await ReportAsync(project!.ProjectId, months, cancellationToken);
        return csv ? TeamFlowCsv.Download(report) : TypedResults.Ok(report);
    }

    private async Task<TeamFlowReport> ReportAsync(string projectId, int months, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var data = await flow.ReadAsync(projectId, FlowCalculator.MonthsEnding(now, months), cancellationToken);
        return TeamFlowReport.Of(projectId, data, now);
    }
}
