using System.Globalization;
using System.Security.Claims;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Performance;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;

namespace Delivery.Functions.ServicePerformance;

/// <summary>How a performance command ended: done, the same again (a retry), bad fields, no such measure, or not now (with the reason).</summary>
public enum PerformanceOutcome
{
    Done,
    Unchanged,
    Invalid,
    NoSuchMeasure,
    NotNow,
}

/// <summary>What a performance command did: the record as stored, or the errors by field, or the reason.</summary>
public sealed record PerformanceResult(PerformanceOutcome Outcome, PerformanceRecord? Performance, Dictionary<string, string[]> Errors, string? Reason = null, int Changed = 0)
{
    public static PerformanceResult Invalid(Dictionary<string, string[]> errors) => new(PerformanceOutcome.Invalid, null, errors);

    public static PerformanceResult NotNow(string reason) => new(PerformanceOutcome.NotNow, null, [], reason);
}

/// <summary>
/// A service's performance, one set of rules for the API and the pages: only the delivery manager (the project's
/// manager) of a digital service whose phases have started records measures, figures and stakeholders, while the
/// project is in Initiation or Delivery; whoever may see the project reads them. Every change is audited once, keyed
/// by the revision it made, so the same command sent again stores and audits nothing more.
/// </summary>
public sealed class PerformanceSteps(ProjectRepository projects, ServiceRepository services, PerformanceRepository performance, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project, or the refusal: 404 when the person may not see it, 403 unless they manage it, 409 unless it is a digital service with its phases started.</summary>
    public async Task<(ProjectDocument? Project, IResult? Refusal)> ForRecordingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "the service's performance", (string.Empty, _ => false), cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        return await RefusalAsync(project!, cancellationToken) is { } reason ? (null, Problems.Status(StatusCodes.Status409Conflict, "Not now", reason)) : (project, null);
    }

    /// <summary>Why the project has no performance to record, or null.</summary>
    public async Task<string?> RefusalAsync(ProjectDocument project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.Request.Category != ProjectCategory.DigitalService)
        {
            return "Only a digital service reports service performance; this is a technology project.";
        }

        return await services.GetAsync(project.ProjectId, cancellationToken) is null ? "Start the service's Discovery first: performance is recorded for a service." : null;
    }

    public async Task<PerformanceResult> DefineMeasureAsync(ProjectDocument project, string userId, string measureId, MeasureBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Read(measureId, limits, errors) is not { } measure)
        {
            return PerformanceResult.Invalid(errors);
        }

        var changed = false;
        var stored = await performance.UpdateAsync(project.ProjectId, d =>
        {
            changed = false;
            if (d.Measure(measureId) is null && d.Measures.Count >= PerformanceRecord.MaxMeasures)
            {
                return null;
            }

            var next = d.WithMeasure(measure);
            changed = !ReferenceEquals(next, d);
            return changed ? next : null;
        }, cancellationToken);
        if (stored.Measure(measureId) is not { } now || !now.SameAs(measure))
        {
            return PerformanceResult.NotNow($"A service keeps at most {PerformanceRecord.MaxMeasures} measures.");
        }

        await audit.AppendAsync($"{project.ProjectId}~performance-measure~{measureId}~r{now.Revision}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = clock.GetUtcNow(),
            Actor = userId,
            Action = AuditAction.PerformanceMeasureDefined,
            Summary = $"{(now.Revision == 1 ? "Defined" : "Changed")} the measure {now.Name}: target {PerformanceFigures.Format(now.Target, now.Unit)} ({now.BetterWhen.ToString().ToLowerInvariant()} is better)",
            Comment = now.Definition,
            Subject = measureId,
        }, cancellationToken);
        return new(changed ? PerformanceOutcome.Done : PerformanceOutcome.Unchanged, stored, errors);
    }

    public async Task<PerformanceResult> RecordAsync(ProjectDocument project, string userId, string measureId, string month, PointBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        if ((await performance.GetAsync(project.ProjectId, cancellationToken))?.Measure(measureId) is not { } measure)
        {
            return new(PerformanceOutcome.NoSuchMeasure, null, [], $"The service has no measure '{measureId}': define it first (PUT …/performance/measures/{{measureId}}).");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (PerformanceRules.Point(measure, month, body.Value, body.Cost, body.Transactions, string.Empty, userId, clock.GetUtcNow(), limits, errors) is not { } point)
        {
            return PerformanceResult.Invalid(errors);
        }

        var (stored, changed) = await StoreAsync(project.ProjectId, [point], cancellationToken);
        var now = stored.Point(measureId, point.Month)!;
        await audit.AppendAsync($"{project.ProjectId}~performance~{measureId}~{now.Month}~r{now.Revision}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = now.RecordedAt,
            Actor = now.RecordedBy,
            Action = AuditAction.PerformanceDataRecorded,
            Summary = $"{(now.Revision == 1 ? "Recorded" : "Corrected")} {measure.Name} for {Months.Name(now.Month)}: {PerformanceFigures.Format(now.Value, measure.Unit)}"
                + (now.Cost is { } c ? $" ({PerformanceFigures.Format(c, MeasureUnit.Pounds)} over {now.Transactions!.Value.ToString("N0", CultureInfo.InvariantCulture)} transactions)" : string.Empty),
            Subject = $"{measureId}/{now.Month}",
        }, cancellationToken);
        return new(changed > 0 ? PerformanceOutcome.Done : PerformanceOutcome.Unchanged, stored, errors, Changed: changed);
    }

    /// <summary>Stores a checked file's figures all together (one replace of the record), audited once per file.</summary>
    public async Task<PerformanceResult> ImportAsync(ProjectDocument project, string userId, PerformanceFile file, string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(sha256);
        var (stored, changed) = await StoreAsync(project.ProjectId, file.Points, cancellationToken);

        // Keyed by the file and the revisions it left: the same file again (a retry) is audited once, while the same
        // file imported after its figures were corrected by hand is a new import.
        var revisions = file.Points.Sum(p => (long)stored.Point(p.MeasureId, p.Month)!.Revision);
        await audit.AppendAsync($"{project.ProjectId}~performance-import~{sha256}~{revisions}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = clock.GetUtcNow(),
            Actor = userId,
            Action = AuditAction.PerformanceDataImported,
            Summary = $"Imported a CSV file of {file.Rows} monthly figures ({changed} new or corrected)",
            Subject = sha256[..16],
        }, cancellationToken);
        return new(changed > 0 ? PerformanceOutcome.Done : PerformanceOutcome.Unchanged, stored, [], Changed: changed);
    }

    public async Task<PerformanceResult> NameStakeholdersAsync(ProjectDocument project, string userId, StakeholdersBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Read(directory, limits, errors) is not { } ids)
        {
            return PerformanceResult.Invalid(errors);
        }

        var changed = false;
        var stored = await performance.UpdateAsync(project.ProjectId, d =>
        {
            changed = !d.StakeholderIds.SequenceEqual(ids, StringComparer.OrdinalIgnoreCase);
            return changed ? d with { StakeholderIds = ids, StakeholdersRevision = d.StakeholdersRevision + 1 } : null;
        }, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~performance-stakeholders~r{stored.StakeholdersRevision}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = clock.GetUtcNow(),
            Actor = userId,
            Action = AuditAction.PerformanceStakeholdersNamed,
            Summary = $"Named {stored.StakeholderIds.Count} stakeholders for the monthly performance report, besides the sponsor and delivery manager",
            Subject = "stakeholders",
        }, cancellationToken);
        return new(changed ? PerformanceOutcome.Done : PerformanceOutcome.Unchanged, stored, errors);
    }

    /// <summary>Adds or corrects the figures in one ETag-guarded replace; returns the record and how many figures changed.</summary>
    private async Task<(PerformanceRecord Stored, int Changed)> StoreAsync(string projectId, IReadOnlyList<PerformancePoint> points, CancellationToken cancellationToken)
    {
        var changed = 0;
        var stored = await performance.UpdateAsync(projectId, d =>
        {
            changed = 0;
            foreach (var point in points)
            {
                var next = d.WithPoint(point);
                changed += ReferenceEquals(next, d) ? 0 : 1;
                d = next;
            }

            return changed > 0 ? d : null;
        }, cancellationToken);
        return (stored, changed);
    }
}
