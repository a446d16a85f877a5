using System.Security.Claims;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.GetProjectAudit;

/// <summary><c>GET /api/projects/{id}/audit</c>: the project's audit trail, oldest first, for those who may see the project.</summary>
public static class GetProjectAuditEndpoint
{
    public static async Task<IResult> HandleAsync(string id, ClaimsPrincipal user, ProjectRepository projects, AuditLog audit, CancellationToken cancellationToken)
    {
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(user, project))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Project not found", $"There is no project {id} that you can see.");
        }

        return TypedResults.Ok((await audit.ListAsync(id, cancellationToken)).Select(AuditEntryView.From).ToList());
    }
}

/// <summary>One line of the audit trail as the API shows it (without its storage id and partition fields).</summary>
public sealed record AuditEntryView(DateTimeOffset At, string Actor, string? OnBehalfOf, AuditAction Action, string Summary, string? Comment, string? Subject)
{
    public static AuditEntryView From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryView(entry.At, entry.Actor, entry.OnBehalfOf, entry.Action, entry.Summary, entry.Comment, entry.Subject);
    }
}
