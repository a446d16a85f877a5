using Delivery.Functions.App.Projects;
using Delivery.Workflows.Budget;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.Controls;

/// <summary>
/// A spend entry as sent: <c>{"entryId","date","amount","kind","supplier","description","reference","supplierId"}</c>;
/// <c>supplierId</c> (optional) names the project's supplier whose statement of work it counts against.
/// </summary>
public sealed record SpendBody(string? EntryId, DateOnly? Date, decimal? Amount, string? Kind, string? Supplier, string? Description, string? Reference, string? SupplierId = null)
{
    /// <summary>
    /// Every rule, every bad field named; the entry when there is none. <paramref name="supplierKnown"/> says whether
    /// <see cref="SupplierId"/> is one of the project's suppliers (looked up by the caller; ignored when it is null).
    /// </summary>
    public (SpendEntry? Entry, Dictionary<string, string[]> Errors) Read(string projectId, string userId, DateOnly today, DateOnly projectStart, InputLimits limits, DateTimeOffset now, bool supplierKnown = false)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(EntryId))
        {
            errors["entryId"] = ["Give the entry an id of 1 to 64 letters, digits, '-' or '_', the same on every retry."];
        }

        RecordRules.Date("date", Date, projectStart, today, errors, mustNotBeFuture: true);
        RecordRules.Amount("amount", Amount, limits, errors);
        CostKind kind = default;
        if (Kind is null || !Enum.TryParse(Kind, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || Kind.All(char.IsDigit))
        {
            errors["kind"] = ["Say whether it is capital or revenue spending."];
        }

        RecordRules.Text("supplier", Supplier, limits.MaxNameLength, required: true, errors);
        RecordRules.Text("description", Description, limits.MaxReasonLength, required: true, errors);
        RecordRules.Text("reference", Reference, limits.MaxNameLength, required: false, errors);
        if (SupplierId is not null && !supplierKnown)
        {
            errors["supplierId"] = [ProjectRecordAccess.IsRecordId(SupplierId)
                ? $"The project has no supplier '{SupplierId}'. Record the supplier and its statement of work first, or leave supplierId out."
                : "A supplier id is 1 to 64 letters, digits, '-' or '_'."];
        }

        return errors.Count > 0 ? (null, errors) : (new SpendEntry
        {
            Id = SpendEntry.IdFor(EntryId!),
            ProjectId = projectId,
            EntryId = EntryId!,
            Date = Date!.Value,
            Amount = Amount!.Value,
            Kind = kind,
            Supplier = Supplier!.Trim(),
            SupplierId = SupplierId,
            Description = Description!.Trim(),
            Reference = string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim(),
            RecordedBy = userId,
            RecordedAt = now,
        }, errors);
    }
}

/// <summary>A forecast as sent: <c>{"entryId","atCompletion","asAt","reason"}</c>.</summary>
public sealed record ForecastBody(string? EntryId, decimal? AtCompletion, DateOnly? AsAt, string? Reason)
{
    public (CostForecast? Forecast, Dictionary<string, string[]> Errors) Read(string projectId, string userId, DateOnly today, DateOnly projectStart, InputLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(EntryId))
        {
            errors["entryId"] = ["Give the forecast an id of 1 to 64 letters, digits, '-' or '_', the same on every retry."];
        }

        RecordRules.Amount("atCompletion", AtCompletion, limits, errors);
        RecordRules.Date("asAt", AsAt, projectStart, today, errors, mustNotBeFuture: true);
        RecordRules.Text("reason", Reason, limits.MaxReasonLength, required: true, errors);
        return errors.Count > 0 ? (null, errors) : (new CostForecast
        {
            Id = CostForecast.IdFor(EntryId!),
            ProjectId = projectId,
            EntryId = EntryId!,
            AtCompletion = AtCompletion!.Value,
            AsAt = AsAt!.Value,
            Reason = Reason!.Trim(),
            RecordedBy = userId,
            RecordedAt = now,
        }, errors);
    }
}
