using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Http;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Views;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.FlowReport;

/// <summary>What the flow page shows: the report, or the errors in the period asked for.</summary>
public sealed record FlowPageModel(string? Months, FlowReportData? Report, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// The flow metrics: <c>GET /api/reports/flow</c> (JSON, or CSV with <c>?format=csv</c>, also at
/// <c>GET /api/reports/flow.csv</c>) and the page <c>GET /api/reports/flow/page</c> with its charts, for the people who
/// may see the portfolio. <c>?months=</c> (1 to 36, default 12) sets the period: whole calendar months (UTC) ending with
/// this one. Each reads the flow view's month documents for the period and its work in progress, point reads made at
/// once, never the projects' audit trails.
/// </summary>
public sealed class FlowReportFunction(FlowView flow, PageRenderer pages, TimeProvider clock)
{
    public const string Name = "FlowReport";
    public const string CsvName = "FlowReportCsv";
    public const string PageName = "FlowReportPage";
    public const int DefaultMonths = 12;
    public const int MaxMonths = 36;

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/flow")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await DataAsync(req, string.Equals(req.Query["format"], "csv", StringComparison.OrdinalIgnoreCase), cancellationToken);
    }

    [Function(CsvName)]
    [SignInPage]
    public async Task<IResult> CsvAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/flow.csv")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await DataAsync(req, csv: true, cancellationToken);
    }

    [Function(PageName)]
    [SignInPage]
    public async Task<IResult> PageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/flow/page")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!req.HttpContext.User.IsStaff())
        {
            return await pages.MessageAsync(req.HttpContext, new("You cannot see the flow report", "The flow report is for the delivery team and managers. Your own requests are in My tasks."), StatusCodes.Status403Forbidden);
        }

        var asked = req.Query["months"].ToString();
        var (months, errors) = ReadMonths(req);
        if (errors.Count > 0)
        {
            return await pages.PageAsync<FlowPage, FlowPageModel>(req.HttpContext, new FlowPageModel(asked, null, errors), StatusCodes.Status400BadRequest);
        }

        return await pages.PageAsync<FlowPage, FlowPageModel>(req.HttpContext, new FlowPageModel(asked, await ReportAsync(months, cancellationToken), errors));
    }

    private async Task<IResult> DataAsync(HttpRequest req, bool csv, CancellationToken cancellationToken)
    {
        if (!req.HttpContext.User.IsStaff())
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "The flow report is for the delivery team and managers.");
        }

        var (months, errors) = ReadMonths(req);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        var report = await ReportAsync(months, cancellationToken);
        return csv ? FlowCsv.Download(report) : TypedResults.Ok(report);
    }

    private async Task<FlowReportData> ReportAsync(int months, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var data = await flow.ReadAsync(FlowReportData.MonthsEnding(now, months), cancellationToken);
        return FlowReportData.Of(data, now);
    }

    private static (int Months, Dictionary<string, string> Errors) ReadMonths(HttpRequest req) => ReportPeriod.Read(req, DefaultMonths, MaxMonths);
}
