using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Workflows.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Delivery.Functions.GetProject;

/// <summary><c>GET /api/projects/{id}</c>: the project, for people involved in it and the delivery team.</summary>
public static class GetProjectEndpoint
{
    public static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> HandleAsync(
        string id, ClaimsPrincipal user, ProjectRepository projects, CancellationToken cancellationToken)
    {
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;

        // Someone who may not see a project is told it is not there, so ids cannot be probed.
        if (project is null || !MaySee(user, project))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Project not found", detail: $"There is no project {id} that you can see.");
        }

        return TypedResults.Ok(ProjectView.From(project));
    }

    public static bool MaySee(ClaimsPrincipal user, ProjectDocument project)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(project);
        if (user.IsStaff())
        {
            return true;
        }

        var email = user.FindFirstValue(DeliveryClaims.Email) ?? user.FindFirstValue("preferred_username");
        return project.SubmittedBy == user.UserId()
            || (email is not null && (email.Equals(project.Request.Requester.Email, StringComparison.OrdinalIgnoreCase)
                || email.Equals(project.Request.Sponsor.Email, StringComparison.OrdinalIgnoreCase)));
    }
}
