using Delivery.Functions.App.Projects;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Budget;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Suppliers;

namespace Delivery.Functions.App.Controls;

/// <summary>The result of recording spending: the outcome, the entry as stored, and the errors of a refused one.</summary>
public sealed record SpendResult(SendOutcome Outcome, SpendEntry? Entry, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Recording money spent, one code path for the API (<c>POST /api/projects/{id}/spend</c>) and the spend page, so
/// they apply the same rules and store, refresh the monitor's figures and audit the same things. The caller has
/// already checked that the person is the project's manager or Finance and the project is in delivery.
/// </summary>
public sealed class SpendRecording(ControlsView controls, BudgetRepository budget, SupplierRepository suppliers, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The errors the entry would be refused with, storing nothing.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> CheckAsync(ProjectDocument project, SpendBody body, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var supplierKnown = await SupplierKnownAsync(project, body, cancellationToken);
        return body.Read(project.ProjectId, userId, ProjectRecordAccess.Today(now), ProjectRecordAccess.Start(project), limits, now, supplierKnown).Errors;
    }

    /// <summary>
    /// Creates the entry once under its id, refreshes the monitor's figures and audits it once; a retry of the same
    /// entry does those again and changes nothing, the same id with other details is <see cref="SendOutcome.NotNow"/>.
    /// </summary>
    public async Task<SpendResult> RecordAsync(ProjectDocument project, SpendBody body, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        var supplierKnown = await SupplierKnownAsync(project, body, cancellationToken);
        var (entry, errors) = body.Read(project.ProjectId, userId, ProjectRecordAccess.Today(now), ProjectRecordAccess.Start(project), limits, now, supplierKnown);
        if (entry is null)
        {
            return new SpendResult(SendOutcome.Invalid, null, errors);
        }

        var stored = await budget.RecordSpendAsync(entry, cancellationToken);
        if (!stored.SameAs(entry))
        {
            return new SpendResult(SendOutcome.NotNow, stored, errors);
        }

        // The monitor's figures follow the record, on a retry too (so a refresh lost to a fault is redone).
        await controls.RefreshAsync(project, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~spend~{entry.EntryId}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RecordedAt,
            Actor = stored.RecordedBy,
            Action = AuditAction.SpendRecorded,
            Summary = $"Spend of {UkFormat.Money(stored.Amount)} ({stored.Kind.ToString().ToLowerInvariant()}) recorded, {stored.Supplier}",
        }, cancellationToken);
        return new SpendResult(stored.RecordedAt == entry.RecordedAt ? SendOutcome.Sent : SendOutcome.Retried, stored, errors);
    }

    /// <summary>Whether the entry's supplier, when it names one, is one of the project's.</summary>
    private async Task<bool> SupplierKnownAsync(ProjectDocument project, SpendBody body, CancellationToken cancellationToken) =>
        body.SupplierId is { } supplierId && ProjectRecordAccess.IsRecordId(supplierId)
            && await suppliers.GetAsync(project.ProjectId, supplierId, cancellationToken) is not null;
}
