using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Suppliers;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectSuppliers;

/// <summary>
/// Suppliers and their statements of work: <c>PUT /api/projects/{id}/suppliers/{supplierId}</c> records one or a new
/// version of it, <c>GET /api/projects/{id}/suppliers</c> lists them with what has been spent against each (spend
/// entries naming its supplier id), what remains and the share used, and <c>GET …/suppliers/{supplierId}</c> shows
/// one with its spend entries. Money, so the project manager or Finance records, from approval until closure, as for
/// spending; whoever may see the project reads. Each version is audited once: sending the same content again
/// changes nothing.
/// </summary>
public sealed class ProjectSupplierFunctions(ProjectRepository projects, SupplierRepository suppliers, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string SaveName = "SaveSupplier";
    public const string ListName = "ListSuppliers";
    public const string GetName = "GetSupplier";

    [Function(SaveName)]
    public async Task<IResult> SaveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/suppliers/{supplierId}")] HttpRequest req, string id, string supplierId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.ForRecordingAsync(id, user, projects, directory, "suppliers and statements of work", (" or Finance", u => u.IsInRole(Roles.Finance)), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<SupplierBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var now = clock.GetUtcNow();
        var (supplier, errors) = (body ?? SupplierBody.Empty).Read(project!, supplierId, ProjectRecordAccess.Today(now), limits);
        if (supplier is null)
        {
            return Problems.Validation(errors);
        }

        var saved = await suppliers.SaveAsync(supplier, user.UserId(), now, cancellationToken);
        var stored = saved.Record;
        // Audited for the stored version even when nothing changed: a retry after a lost audit write completes it.
        await audit.AppendAsync($"{project!.ProjectId}~supplier~{stored.SupplierId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RecordedAt,
            Actor = stored.RecordedBy,
            Action = AuditAction.SupplierRecorded,
            Summary = Describe(stored),
            Subject = stored.SupplierId,
        }, cancellationToken);
        var response = SupplierResponse.From(stored);
        return saved.Created ? TypedResults.Created($"/api/projects/{project.ProjectId}/suppliers/{stored.SupplierId}", response) : TypedResults.Ok(response);
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/suppliers")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        return refusal ?? TypedResults.Ok(SupplierListResponse.From(await suppliers.SpendSummaryAsync(project!.ProjectId, cancellationToken)));
    }

    [Function(GetName)]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/suppliers/{supplierId}")] HttpRequest req, string id, string supplierId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var line = (await suppliers.SpendSummaryAsync(project!.ProjectId, cancellationToken)).Suppliers.FirstOrDefault(s => s.Supplier.SupplierId == supplierId);
        return line is null
            ? Problems.Status(StatusCodes.Status404NotFound, "Supplier not found", "The project has no supplier with that id.")
            : TypedResults.Ok(SupplierDetailResponse.From(line));
    }

    private static string Describe(SupplierRecord supplier)
    {
        var verb = supplier.Version == 1 ? "recorded" : $"updated (version {supplier.Version})";
        return $"Supplier {supplier.SupplierId} {verb}: {supplier.Name}, statement of work {supplier.StatementOfWorkReference} for {UkFormat.Money(supplier.StatementOfWorkValue)}";
    }
}
