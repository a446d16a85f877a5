using Microsoft.DurableTask.Client;
using Delivery.Functions.App.Settings;
using Delivery.Workflows.Projects;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// <c>POST /api/projects</c>: takes a project request, validates all of it, stores it with its attachments and
/// starts its lifecycle (whose first activity emails the receipt) through <see cref="ProjectIntake"/>; answers 202
/// with the project's Location.
/// </summary>
public static class SubmitProjectEndpoint
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> HandleAsync(
        DurableTaskClient client, HttpContext http, IOptions<IntakeSettings> intake, ProjectIntake projects, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers[IdempotencyHeader].FirstOrDefault();
        if (key is not null && !ProjectIdentity.IsValidKey(key))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [IdempotencyHeader] = [$"The {IdempotencyHeader} header must be 1 to {ProjectIdentity.MaxKeyLength} visible ASCII characters."],
            });
        }

        var (body, failure) = await IntakeBody.ReadAsync(http.Request, intake.Value, cancellationToken);
        if (body is null)
        {
            return failure!;
        }

        var outcome = await projects.SubmitAsync(client, http.User, body.Fields, body.Attachments, body.Errors, key, cancellationToken);
        if (outcome.Invalid)
        {
            return Problems.Validation(body.Errors.ToDictionary());
        }

        return outcome.KeyReused
            ? Problems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                $"This {IdempotencyHeader} was already used for a different project request. Use a new key for a new request.")
            : TypedResults.Accepted($"/api/projects/{outcome.ProjectId}", new SubmittedProject(outcome.ProjectId!, ProjectStage.Request.ToString()));
    }
}

/// <summary>The 202 body: the new project's id and stage.</summary>
public sealed record SubmittedProject(string Id, string Stage);
