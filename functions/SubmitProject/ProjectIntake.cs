using System.Security.Claims;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Settings;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.SubmitProject;

/// <summary>How an intake went: the project it created or replayed, or why it did not.</summary>
public sealed record IntakeOutcome(string? ProjectId, bool Invalid = false, bool KeyReused = false);

/// <summary>
/// The one intake of project requests, for the API and the request form alike: every rule checked (naming every
/// bad field), nothing written until all of it is valid, the project stored before its lifecycle starts, and a
/// repeat with the same idempotency key landing on the same project.
/// </summary>
/// <remarks>
/// Order matters for faults. If starting the lifecycle fails, a retry with the same key finds the stored project and
/// starts it then (starting is idempotent), and the email outbox never sends a second receipt.
/// </remarks>
public sealed class ProjectIntake(
    IOptions<IntakeSettings> intake, InputLimits limits, ApprovalPolicy directory, ProjectRepository projects, AttachmentStore attachments, LifecycleCommands lifecycle, TimeProvider clock)
{
    /// <summary>Checks a request against every intake rule, as sending it would, without storing anything.</summary>
    public ProjectRequest? Check(ClaimsPrincipal user, RequestFields fields, IReadOnlyList<AttachmentInput> files, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(user);
        var request = ProjectRequestReader.Read(fields, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), limits, SignedInPerson(user), directory, errors);
        AttachmentInput.Validate(files, intake.Value, errors);
        return errors.Any ? null : request;
    }

    public async Task<IntakeOutcome> SubmitAsync(
        DurableTaskClient client, ClaimsPrincipal user, RequestFields fields, IReadOnlyList<AttachmentInput> files, FieldErrors errors, string? key, CancellationToken cancellationToken)
    {
        var request = Check(user, fields, files, errors);
        var now = clock.GetUtcNow();
        if (request is null)
        {
            return new IntakeOutcome(null, Invalid: true);
        }

        var userId = user.UserId();
        var projectId = ProjectIdentity.NewId(userId, key);
        var hash = ProjectIdentity.RequestHash(fields, files);
        if (key is not null && await projects.GetAsync(projectId, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(client, earlier, hash, cancellationToken);
        }

        var stored = await attachments.StoreAsync(projectId, files, cancellationToken);
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
            return await ReplayAsync(client, (await projects.GetAsync(projectId, cancellationToken))!, hash, cancellationToken);
        }

        await lifecycle.StartAsync(client, projectId, cancellationToken);
        return new IntakeOutcome(projectId);
    }

    private async Task<IntakeOutcome> ReplayAsync(DurableTaskClient client, ProjectDocument earlier, string hash, CancellationToken cancellationToken)
    {
        if (earlier.RequestHash != hash)
        {
            return new IntakeOutcome(null, KeyReused: true);
        }

        // The first attempt may have died before the lifecycle started; starting is idempotent (its instance id
        // derives from the project id) and the receipt it sends goes once per key.
        await lifecycle.StartAsync(client, earlier.ProjectId, cancellationToken);
        return new IntakeOutcome(earlier.ProjectId);
    }

    /// <summary>The requester as their sign-in names them; null when it gives no usable email address.</summary>
    private static Person? SignedInPerson(ClaimsPrincipal user)
    {
        var email = user.EmailAddress()?.Trim();
        return email is null || !FieldReader.IsEmail(email) ? null : new Person(user.DisplayName()?.Trim() ?? email, email);
    }
}
