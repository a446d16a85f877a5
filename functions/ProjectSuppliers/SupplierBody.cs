using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Suppliers;

namespace Delivery.Functions.ProjectSuppliers;

/// <summary>
/// A supplier as sent to <c>PUT /api/projects/{id}/suppliers/{supplierId}</c>: <c>{"name",
/// "statementOfWorkReference","statementOfWorkValue","startDate","endDate","contractReference"}</c>; the dates and
/// the contract or purchase order reference are optional. Each PUT states the whole record.
/// </summary>
public sealed record SupplierBody(string? Name, string? StatementOfWorkReference, decimal? StatementOfWorkValue, DateOnly? StartDate, DateOnly? EndDate, string? ContractReference)
{
    public static readonly SupplierBody Empty = new(null, null, null, null, null, null);

    /// <summary>Every rule, every bad field named; the supplier (unstamped) when there is none.</summary>
    public (SupplierRecord? Supplier, Dictionary<string, string[]> Errors) Read(ProjectDocument project, string supplierId, DateOnly today, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(supplierId))
        {
            errors["supplierId"] = ["Give the supplier an id of 1 to 64 letters, digits, '-' or '_'."];
        }

        RecordRules.Text("name", Name, limits.MaxNameLength, required: true, errors);
        RecordRules.Text("statementOfWorkReference", StatementOfWorkReference, limits.MaxNameLength, required: true, errors);
        RecordRules.Amount("statementOfWorkValue", StatementOfWorkValue, limits, errors);
        var start = ProjectRecordAccess.Start(project);
        RecordRules.PlanDate("startDate", StartDate, start, today, limits, required: false, errors);
        RecordRules.PlanDate("endDate", EndDate, start, today, limits, required: false, errors);
        if (StartDate is { } from && EndDate is { } to && to < from && !errors.ContainsKey("endDate"))
        {
            errors["endDate"] = ["The end date cannot be before the start date."];
        }

        RecordRules.Text("contractReference", ContractReference, limits.MaxNameLength, required: false, errors);
        return errors.Count > 0 ? (null, errors) : (new SupplierRecord
        {
            Id = SupplierRecord.IdFor(supplierId),
            ProjectId = project.ProjectId,
            SupplierId = supplierId,
            Name = Name!.Trim(),
            StatementOfWorkReference = StatementOfWorkReference!.Trim(),
            StatementOfWorkValue = StatementOfWorkValue!.Value,
            StartDate = StartDate,
            EndDate = EndDate,
            ContractReference = string.IsNullOrWhiteSpace(ContractReference) ? null : ContractReference.Trim(),
            Version = 0,
            RecordedBy = string.Empty,
            RecordedAt = default,
        }, errors);
    }
}
