using System.Security.Cryptography;
using System.Text;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServicePerformance;

/// <summary>What the import page shows: the CSV text as sent, and each bad row's problems (nothing stored while there are any).</summary>
public sealed record ImportFiguresModel(ProjectDocument Project, string Csv, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// The <c>ImportFiguresPage</c> function: <c>GET/POST /api/projects/{id}/performance/import/page</c>, the delivery
/// manager pasting a CSV file of monthly figures (the same columns and checks as <c>POST …/performance/import</c>).
/// Stored only when every row is good, otherwise each bad row is named and nothing is stored; done, it opens the
/// performance page.
/// </summary>
public sealed class ImportFiguresPageFunction(PerformanceSteps steps, PerformanceRepository performance, InputLimits limits, TimeProvider clock, PageRenderer pages)
{
    [Function("ImportFiguresPage")]
    [SignInPage]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/performance/import/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForRecordingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot import this service's figures");
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<ImportFiguresView, ImportFiguresModel>(http, new(project!, string.Empty, new Dictionary<string, string[]>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var csv = form["csv"].ToString();
        var bytes = Encoding.UTF8.GetBytes(csv);
        var file = string.IsNullOrWhiteSpace(csv)
            ? new PerformanceFile([], new() { ["csv"] = ["Paste the CSV file: a header row (measure, month, value, cost, transactions), then a row per measure and month."] }, 0)
            : await PerformanceCsv.ReadAsync(bytes, await performance.GetAsync(project!.ProjectId, cancellationToken), http.User.UserId(), clock.GetUtcNow(), limits, cancellationToken);
        if (file.Errors.Count > 0)
        {
            return await pages.PageAsync<ImportFiguresView, ImportFiguresModel>(http, new(project!, csv, file.Errors), StatusCodes.Status400BadRequest);
        }

        _ = await steps.ImportAsync(project!, http.User.UserId(), file, Convert.ToHexStringLower(SHA256.HashData(bytes)), cancellationToken);
        return Results.Redirect($"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}/performance/page");
    }
}
