using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectBenefits;

/// <summary>
/// Benefit forecasts: <c>PUT /api/projects/{id}/benefits/{benefitId}</c> records what the project manager now expects
/// a benefit of the request (b1, b2…) to reach, and <c>GET /api/projects/{id}/benefits</c> lists each benefit with
/// its baseline, target, forecast and shortfall. Only benefits whose baseline and target are numbers can be
/// forecast as a figure; the tolerance monitor reads the shortfall against the benefits tolerance.
/// </summary>
public sealed class ProjectBenefitFunctions(ProjectRepository projects, ControlsView controls, BenefitRepository benefits, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string SaveName = "SaveBenefitForecast";
    public const string ListName = "ListBenefits";

    [Function(SaveName)]
    public async Task<IResult> SaveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/benefits/{benefitId}")] HttpRequest req, string id, string benefitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "benefit forecasts", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (benefit, baseline, target) = BenefitForecast.Measurable(project!, benefitId);
        if (benefit is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Benefit not found", $"The project has no benefit {benefitId}; its benefits are b1 to b{project!.Request.Benefits.Count}.");
        }

        if (baseline == target)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Not a figure", $"Benefit {benefitId} ({benefit.Measure}) has a baseline and target that are not two different numbers, so it cannot be forecast as one.");
        }

        var (body, failure) = await JsonBody.ReadAsync<BenefitForecastBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var read = body ?? new BenefitForecastBody(null, null, null);
        if (read.Forecast is not { } value)
        {
            errors["forecast"] = ["Enter the figure the benefit is now forecast to reach."];
        }
        else if (Math.Abs(value) > limits.MaxAmount || decimal.Round(value, 2) != value)
        {
            errors["forecast"] = [$"The forecast must be a number of at most 2 decimal places, no bigger than {limits.MaxAmount:N0}."];
        }

        RecordRules.Date("asAt", read.AsAt, ProjectRecordAccess.Start(project!), ProjectRecordAccess.Today(now), errors, mustNotBeFuture: true);
        RecordRules.Text("reason", read.Reason, limits.MaxReasonLength, required: true, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var forecast = new BenefitForecast
        {
            Id = BenefitForecast.IdFor(benefitId),
            ProjectId = project!.ProjectId,
            BenefitId = benefitId,
            Forecast = read.Forecast!.Value,
            AsAt = read.AsAt!.Value,
            Reason = read.Reason!.Trim(),
            Version = 0,
            UpdatedBy = string.Empty,
            UpdatedAt = default,
        };
        var (saved, _) = await benefits.SaveAsync(forecast, user.UserId(), now, cancellationToken);
        var stored = saved!.Record;

        // The monitor's figures follow the record, on a retry too (so a refresh lost to a fault is redone).
        await controls.RefreshAsync(project, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~benefit~{benefitId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.UpdatedAt,
            Actor = stored.UpdatedBy,
            Action = AuditAction.BenefitForecastRecorded,
            Summary = $"Benefit {benefitId} ({benefit.Measure}) forecast at {stored.Forecast} (target {benefit.Target})",
            Comment = stored.Reason,
            Subject = benefitId,
        }, cancellationToken);
        var response = BenefitResponse.From(project, BenefitIndex(project, benefitId), stored);
        return saved.Created ? TypedResults.Created($"/api/projects/{project.ProjectId}/benefits", response) : TypedResults.Ok(response);
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/benefits")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var forecasts = await benefits.ListAsync(project!.ProjectId, cancellationToken);
        return TypedResults.Ok(project.Request.Benefits
            .Select((_, i) => BenefitResponse.From(project, i, forecasts.FirstOrDefault(f => f.BenefitId == BenefitForecast.BenefitIdFor(i))))
            .ToList());
    }

    private static int BenefitIndex(ProjectDocument project, string benefitId) =>
        Enumerable.Range(0, project.Request.Benefits.Count).First(i => BenefitForecast.BenefitIdFor(i) == benefitId);
}

/// <summary>A benefit forecast as sent: <c>{"forecast","asAt","reason"}</c>.</summary>
public sealed record BenefitForecastBody(decimal? Forecast, DateOnly? AsAt, string? Reason);

/// <summary>A benefit as the API shows it: the request's promise, the latest forecast and the shortfall against the target.</summary>
public sealed record BenefitResponse(string BenefitId, string Measure, string Baseline, string Target, DateOnly By, decimal? Forecast, DateOnly? ForecastAsAt, decimal? ShortfallPercent, int Version)
{
    public static BenefitResponse From(ProjectDocument project, int index, BenefitForecast? forecast)
    {
        ArgumentNullException.ThrowIfNull(project);
        var benefit = project.Request.Benefits[index];
        var id = BenefitForecast.BenefitIdFor(index);
        var (measurable, baseline, target) = BenefitForecast.Measurable(project, id);
        decimal? shortfall = forecast is not null && measurable is not null && baseline != target ? new BenefitFigure(id, baseline, target, forecast.Forecast).ShortfallPercent : null;
        return new BenefitResponse(id, benefit.Measure, benefit.Baseline, benefit.Target, benefit.Date, forecast?.Forecast, forecast?.AsAt, shortfall, forecast?.Version ?? 0);
    }
}
