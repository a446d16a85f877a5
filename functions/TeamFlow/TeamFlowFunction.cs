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
/// team's year documents and work in progress by point reads in the project's partition, never the stories.
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
        var (months, errors) = ReportPeriod.Read(req, DefaultMonths, MaxMonths);
        var (project, refusal, report) = await ReadAsync(req, id, errors.Count > 0 ? null : months, cancellationToken);
        if (refusal is not null)
        {
            return await pages.MessageAsync(req.HttpContext, new("Team flow not available", $"There is no digital service {id} that you can see."), StatusCodes.Status404NotFound);
        }

        var model = new TeamFlowPageModel(project!, req.Query["months"].ToString(), report, errors);
        return await pages.PageAsync<TeamFlowPage, TeamFlowPageModel>(req.HttpContext, model, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private async Task<IResult> DataAsync(HttpRequest req, string id, bool csv, CancellationToken cancellationToken)
    {
        var (months, errors) = ReportPeriod.Read(req, DefaultMonths, MaxMonths);
        var (_, refusal, report) = await ReadAsync(req, id, errors.Count > 0 ? null : months, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        return csv ? TeamFlowCsv.Download(report!) : TypedResults.Ok(report);
    }

    /// <summary>
    /// The service, or the refusal, and its flow over <paramref name="months"/> (none when null). The summaries are
    /// read while the project is read and checked, both point reads, and used only if the reader may see it: the
    /// report waits for one round trip to Cosmos DB, not two.
    /// </summary>
    private async Task<(ProjectDocument? Project, IResult? Refusal, TeamFlowReport? Report)> ReadAsync(HttpRequest req, string id, int? months, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reading = months is { } m ? flow.ReadAsync(id, FlowCalculator.MonthsEnding(now, m), cancellationToken) : null;
        var (project, refusal) = await BacklogAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        var data = reading is null ? null : await reading;
        return refusal is not null ? (null, refusal, null) : (project, null, data is null ? null : TeamFlowReport.Of(project!.ProjectId, data, now));
    }
}
