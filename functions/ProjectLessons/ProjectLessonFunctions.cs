using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Lessons;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectLessons;

/// <summary>
/// The project's lessons log: <c>PUT /api/projects/{id}/lessons/{lessonId}</c> records a lesson or a new version of
/// it, <c>GET /api/projects/{id}/lessons</c> lists them. Only the project manager records, from approval through
/// Closure (lessons are logged at closure too); whoever may see the project reads. Each version is audited once and
/// copied to the cross-project lessons log, so sending the same content again changes nothing.
/// </summary>
public sealed class ProjectLessonFunctions(ProjectRepository projects, LessonRepository lessons, LessonsView log, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    public const string SaveName = "SaveLesson";
    public const string ListName = "ListLessons";
    private const string What = "lessons";

    [Function(SaveName)]
    public async Task<IResult> SaveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/lessons/{lessonId}")] HttpRequest req, string id, string lessonId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var (project, refusal) = await ProjectRecordAccess.CheckRecordingAsync(id, user, projects, directory, _ => false, cancellationToken);
        if (Refusal(id, project, refusal) is { } problem)
        {
            return problem;
        }

        var (body, failure) = await JsonBody.ReadAsync<LessonBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (lesson, errors) = (body ?? LessonBody.Empty).Read(project!.ProjectId, lessonId, limits);
        if (lesson is null)
        {
            return Problems.Validation(errors);
        }

        var saved = await lessons.SaveAsync(lesson, user.UserId(), clock.GetUtcNow(), cancellationToken);
        var stored = saved.Record;
        // The log's row and the audit entry are written for the stored version even on a retry, so one lost to a fault is completed.
        await log.WriteAsync(stored, project.Request.Title, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~lesson~{stored.LessonId}~v{stored.Version}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RecordedAt,
            Actor = stored.RecordedBy,
            Action = AuditAction.LessonRecorded,
            Summary = Describe(stored),
            Subject = stored.LessonId,
        }, cancellationToken);
        var response = LessonResponse.From(stored);
        return saved.Created ? TypedResults.Created($"/api/projects/{project.ProjectId}/lessons", response) : TypedResults.Ok(response);
    }

    [Function(ListName)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/lessons")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, refusal) = await ProjectRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, cancellationToken);
        return refusal ?? TypedResults.Ok((await lessons.ListAsync(project!.ProjectId, cancellationToken)).Select(LessonResponse.From).ToList());
    }

    /// <summary>The delivery records' refusals, except that lessons may still be logged while the project is in Closure.</summary>
    private static IResult? Refusal(string id, ProjectDocument? project, RecordRefusal? refusal) => refusal switch
    {
        null => null,
        RecordRefusal.NotNow when project!.Stage == ProjectStage.Closure => null,
        RecordRefusal.NotFound => Problems.Status(StatusCodes.Status404NotFound, "Project not found", $"There is no project {id} that you can see."),
        RecordRefusal.NotAllowed => Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", $"Only the project's manager can record {What}."),
        _ => Problems.Status(StatusCodes.Status409Conflict, "Not now", $"The project is in {project!.Stage}; {What} are recorded from approval until closure."),
    };

    private static string Describe(LessonRecord lesson)
    {
        var verb = lesson.Version == 1 ? "logged" : $"updated (version {lesson.Version})";
        var outcome = lesson.Outcome == LessonOutcome.WentWell ? "went well" : "went badly";
        return $"Lesson {lesson.LessonId} {verb}: {lesson.Category.ToString().ToLowerInvariant()}, {outcome}";
    }
}
