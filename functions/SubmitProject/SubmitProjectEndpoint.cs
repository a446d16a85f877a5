using Microsoft.DurableTask.Client;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Settings;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// <c>POST /api/projects</c>: takes a project request, validates all of it, stores it with its attachments and
/// starts its lifecycle (whose first activity emails the receipt); answers 202 with the project's Location.
/// </summary>
/// <remarks>
/// Order matters for faults. Nothing is written until the whole request is valid. The project is stored before its
/// lifecycle starts; if starting fails, a retry with the same Idempotency-Key lands on the same project id (never a
/// second project) and starts it then, and the email outbox never sends a second receipt.
/// </remarks>
public static class SubmitProjectEndpoint
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> HandleAsync(
        DurableTaskClient client,
        HttpContext http,
        IOptions<IntakeSettings> intake,
        InputLimits limits,
        ApprovalPolicy directory,
        ProjectRepository projects,
        AttachmentStore attachments,
        LifecycleCommands lifecycle,
        TimeProvider clock,
        CancellationToken cancellationToken)
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

        var now = clock.GetUtcNow();
        var request = ProjectRequestReader.Read(body.Fields, DateOnly.FromDateTime(now.UtcDateTime), limits, SignedInPerson(http.User), directory, body.Errors);
        AttachmentInput.Validate(body.Attachments, intake.Value, body.Errors);
        if (body.Errors.Any || request is null)
        {
            return Problems.Validation(body.Errors.ToDictionary());
        }

        var userId = http.User.UserId();
        var projectId = ProjectIdentity.NewId(userId, key);
        var hash = ProjectIdentity.RequestHash(body.Fields, body.Attachments);

        if (key is not null && await projects.GetAsync(projectId, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(client, earlier, hash, lifecycle, cancellationToken);
        }

        var stored = await attachments.StoreAsync(projectId, body.Attachments, cancellationToken);
        var project = new ProjectDocument
        {
            Id = projectId,
            ProjectId = projectId,
            Request = request,
            Attachments = stored,
            Stage = ProjectStage.Request,
            WaitingFor = "Business case from the requester",
            SubmittedBy = userId,
            SubmittedAt = now,
            RequestHash = hash,
            IdempotencyKey = key,
        };
        if (!await projects.TryCreateAsync(project, cancellationToken))
        {
            // A concurrent request with the same key won the create; answer as its replay.
            return await ReplayAsync(client, (await projects.GetAsync(projectId, cancellationToken))!, hash, lifecycle, cancellationToken);
        }

        await lifecycle.StartAsync(client, projectId, cancellationToken);
        return Accepted(projectId);
    }

    private static async Task<IResult> ReplayAsync(
        DurableTaskClient client, ProjectDocument earlier, string hash, LifecycleCommands lifecycle, CancellationToken cancellationToken)
    {
        if (earlier.RequestHash != hash)
        {
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                $"This {IdempotencyHeader} was already used for a different project request. Use a new key for a new request.");
        }

        // The first attempt may have died before the lifecycle started; starting is idempotent (its instance id
        // derives from the project id) and the receipt it sends goes once per key.
        await lifecycle.StartAsync(client, earlier.ProjectId, cancellationToken);
        return Accepted(earlier.ProjectId);
    }

    /// <summary>The requester as their sign-in names them; null when it gives no usable email address.</summary>
    private static Person? SignedInPerson(System.Security.Claims.ClaimsPrincipal user)
    {
        var email = user.EmailAddress()?.Trim();
        return email is null || !FieldReader.IsEmail(email) ? null : new Person(user.DisplayName()?.Trim() ?? email, email);
    }

    private static Accepted<SubmittedProject> Accepted(string projectId) =>
        TypedResults.Accepted($"/api/projects/{projectId}", new SubmittedProject(projectId, ProjectStage.Request.ToString()));
}

/// <summary>The 202 body: the new project's id and stage.</summary>
public sealed record SubmittedProject(string Id, string Stage);
