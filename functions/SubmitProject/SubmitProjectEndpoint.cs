using System.Text.Json;
using Delivery.Functions.App.Storage;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Settings;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// <c>POST /api/projects</c>: takes a project request, validates all of it, stores it with its attachments and
/// asks for a receipt email; answers 202 with the project's Location.
/// </summary>
/// <remarks>
/// Order matters for faults. Nothing is written until the whole request is valid. The receipt request is queued
/// (slightly delayed) before the project is created: if the create then fails, the receipt handler finds no
/// project and drops it; if queueing fails, nothing was stored. A retry with the same Idempotency-Key lands on the
/// same project id, so it can never make a second project, and the email outbox never sends a second receipt.
/// </remarks>
public static class SubmitProjectEndpoint
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        IOptions<IntakeSettings> intake,
        ProjectRepository projects,
        AttachmentStore attachments,
        AppQueues queues,
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
        var request = ProjectRequestReader.Read(body.Fields, DateOnly.FromDateTime(now.UtcDateTime), body.Errors);
        AttachmentInput.Validate(body.Attachments, intake.Value, body.Errors);
        if (body.Errors.Any || request is null)
        {
            return Problems.Validation(body.Errors.ToDictionary());
        }

        var userId = http.User.UserId();
        var projectId = ProjectIdentity.NewId(userId, key);
        var hash = ProjectIdentity.RequestHash(body.Fields, body.Attachments);

        // Resolved here rather than as a parameter so existing callers of this handler keep their signature.
        var lifecycle = http.RequestServices.GetRequiredService<LifecycleCommands>();
        if (key is not null && await projects.GetAsync(projectId, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, hash, queues, lifecycle, now, cancellationToken);
        }

        var stored = await attachments.StoreAsync(projectId, body.Attachments, cancellationToken);
        await QueueReceiptAsync(queues, projectId, now, cancellationToken);
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
            return await ReplayAsync((await projects.GetAsync(projectId, cancellationToken))!, hash, queues, lifecycle, now, cancellationToken);
        }

        await lifecycle.StartAsync(projectId, cancellationToken);
        return Accepted(projectId);
    }

    private static async Task<IResult> ReplayAsync(
        ProjectDocument earlier, string hash, AppQueues queues, LifecycleCommands lifecycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (earlier.RequestHash != hash)
        {
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                $"This {IdempotencyHeader} was already used for a different project request. Use a new key for a new request.");
        }

        // The first attempt may have died before its receipt was queued; queueing again is safe (sent once per key).
        await QueueReceiptAsync(queues, earlier.ProjectId, now, cancellationToken);

        // Likewise the lifecycle: starting is idempotent (its instance id derives from the project id).
        await lifecycle.StartAsync(earlier.ProjectId, cancellationToken);
        return Accepted(earlier.ProjectId);
    }

    private static async Task QueueReceiptAsync(AppQueues queues, string projectId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await queues.Get(QueueNames.EmailOutbox).SendMessageAsync(
            JsonSerializer.Serialize(new EmailRequest(projectId, ReceiptTemplate, now)),
            visibilityTimeout: TimeSpan.FromSeconds(1),
            cancellationToken: cancellationToken);

    private const string ReceiptTemplate = "receipt";

    private static Accepted<SubmittedProject> Accepted(string projectId) =>
        TypedResults.Accepted($"/api/projects/{projectId}", new SubmittedProject(projectId, ProjectStage.Request.ToString()));
}

/// <summary>The 202 body: the new project's id and stage.</summary>
public sealed record SubmittedProject(string Id, string Stage);
