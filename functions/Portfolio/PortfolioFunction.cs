using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Views;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Portfolio;

/// <summary>What the portfolio page shows.</summary>
public sealed record PortfolioModel(
    PortfolioQuery Query,
    PortfolioResults? Results,
    int Page,
    int PageCount,
    IReadOnlyList<string> Bands,
    IReadOnlyDictionary<string, string> Errors,
    DateTimeOffset Now);

/// <summary>
/// The <c>Portfolio</c> function: <c>GET /api/portfolio</c>, every project with filters, counts by stage and
/// pagination, for the delivery team and managers; <c>GET /api/portfolio/export</c> is the same list as CSV (or as
/// Excel with <c>?format=xlsx</c>, also at <c>GET /api/portfolio/export.xlsx</c>). All read only the portfolio
/// view's partition: the summary (a point read) and the rows, which carry each project's delivery figures.
/// </summary>
public sealed class PortfolioFunction(PortfolioView portfolio, ApprovalPolicy approvals, PageRenderer pages, TimeProvider clock)
{
    public const string Name = nameof(Portfolio);
    public const string ExportName = "PortfolioExport";
    public const string ExcelExportName = "PortfolioExcelExport";
    public const int PageSize = 25;

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portfolio")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (Refusal(req) is { } refusal)
        {
            return await refusal;
        }

        var query = PortfolioQuery.From(req.Query);
        var (filter, page, cursor, errors) = query.Read(approvals);
        var bands = approvals.Bands.Select(b => b.Name).ToList();
        if (errors.Count > 0)
        {
            return await pages.PageAsync<PortfolioPage, PortfolioModel>(
                req.HttpContext, new PortfolioModel(query, null, 1, 1, bands, errors, clock.GetUtcNow()), StatusCodes.Status400BadRequest);
        }

        var results = await portfolio.PageAsync(filter, cursor, PageSize, cancellationToken);
        var pageCount = Math.Max(1, (results.Matching + PageSize - 1) / PageSize);
        return await pages.PageAsync<PortfolioPage, PortfolioModel>(
            req.HttpContext, new PortfolioModel(query, results, Math.Min(page, pageCount), pageCount, bands, errors, clock.GetUtcNow()));
    }

    [Function(ExportName)]
    [SignInPage]
    public async Task<IResult> ExportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portfolio/export")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await DownloadAsync(req, excel: string.Equals(req.Query["format"], "xlsx", StringComparison.OrdinalIgnoreCase), cancellationToken);
    }

    [Function(ExcelExportName)]
    [SignInPage]
    public async Task<IResult> ExcelExportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portfolio/export.xlsx")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await DownloadAsync(req, excel: true, cancellationToken);
    }

    private async Task<IResult> DownloadAsync(HttpRequest req, bool excel, CancellationToken cancellationToken)
    {
        if (Refusal(req) is { } refusal)
        {
            return await refusal;
        }

        // The download is every matching row, so a page number does not matter.
        var (filter, _, _, errors) = PortfolioQuery.From(req.Query).Read(approvals);
        errors.Remove("page");
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        var rows = portfolio.AllAsync(filter, cancellationToken);
        return excel ? new PortfolioXlsx(rows, clock.GetUtcNow()) : PortfolioCsv.Download(rows, clock.GetUtcNow());
    }

    /// <summary>Requesters see their own projects, not the portfolio.</summary>
    private Task<IResult>? Refusal(HttpRequest req) => req.HttpContext.User.IsStaff()
        ? null
        : pages.MessageAsync(req.HttpContext, new("You cannot see the portfolio", "The portfolio is for the delivery team and managers. Your own requests are in My tasks."), StatusCodes.Status403Forbidden);
}
