using System.Security.Cryptography;
using System.Text.Unicode;
using Delivery.Functions.App.Auth;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ServicePerformance;

/// <summary>
/// Monthly figures from a CSV file (the body; see <see cref="PerformanceCsv"/> for its columns):
/// <c>POST /api/projects/{id}/performance/import/preview</c> shows the figures read and every bad row, storing
/// nothing; <c>POST …/performance/import</c> stores them all only when no row has a problem (otherwise 400 naming each
/// bad row and its fields, nothing stored). Files are small (a row per measure and month), so they are read from
/// memory within the body limit.
/// </summary>
public sealed class PerformanceImportFunctions(PerformanceRepository performance, PerformanceSteps steps, InputLimits limits, TimeProvider clock)
{
    [Function("PreviewPerformanceImport")]
    public async Task<IResult> PreviewAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/performance/import/preview")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithFileAsync(req, id, (_, file, _) => Task.FromResult<IResult>(TypedResults.Ok(new ImportPreview(file.Rows, file.Errors.Count, Rows(file), file.Errors))), cancellationToken);
    }

    [Function("ImportPerformance")]
    public async Task<IResult> ImportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "projects/{id}/performance/import")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        return await WithFileAsync(req, id, async (project, file, sha) =>
        {
            if (file.Errors.Count > 0)
            {
                return TypedResults.ValidationProblem(file.Errors, title: "There are problems in the file", detail: $"{file.Errors.Count} of {file.Rows} rows have problems, so nothing was imported. Correct them and import the file again.");
            }

            var result = await steps.ImportAsync(project, req.HttpContext.User.UserId(), file, sha, cancellationToken);
            return TypedResults.Ok(new ImportResult(file.Rows, result.Changed, PerformanceResponse.From(result.Performance!)));
        }, cancellationToken);
    }

    private async Task<IResult> WithFileAsync(HttpRequest req, string id, Func<ProjectDocument, PerformanceFile, string, Task<IResult>> use, CancellationToken cancellationToken)
    {
        var (project, refusal) = await steps.ForRecordingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var bytes = req.ContentLength > limits.MaxBodyBytes ? null : await BoundedBody.ReadAsync(req.Body, limits.MaxBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "File too large", $"The file must be {limits.MaxBodyBytes / 1024} KB or smaller.");
        }

        var text = BoundedBody.WithoutByteOrderMark(bytes).ToArray();
        if (text.Length == 0 || !Utf8.IsValid(text))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["file"] = [text.Length == 0 ? "Send the CSV file as the body: a header row (measure, month, value, cost, transactions), then a row per measure and month." : "The file is not valid UTF-8 text."],
            });
        }

        var stored = await performance.GetAsync(project!.ProjectId, cancellationToken);
        var file = await PerformanceCsv.ReadAsync(text, stored, req.HttpContext.User.UserId(), clock.GetUtcNow(), limits, cancellationToken);
        return await use(project, file, Convert.ToHexStringLower(SHA256.HashData(text)));
    }

    private static List<FigureRow> Rows(PerformanceFile file) => file.Points.Select(p => new FigureRow(p.MeasureId, p.Month, p.Value, p.Cost, p.Transactions)).ToList();
}

/// <summary>What a file would import: its rows, how many have problems, the figures read from the good ones, and each bad row's problems.</summary>
public sealed record ImportPreview(int Rows, int RowsWithErrors, IReadOnlyList<FigureRow> Figures, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>A figure read from a file.</summary>
public sealed record FigureRow(string MeasureId, string Month, decimal Value, decimal? Cost, long? Transactions);

/// <summary>What an import stored: the rows read, the figures new or corrected (none when the same file comes again), and the record.</summary>
public sealed record ImportResult(int Rows, int Changed, PerformanceResponse Performance);
