using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ServiceLifecycle;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.ServiceAssessments;

/// <summary>What an assessment command did: the assessment as stored, the errors by field, or why not now (409) or not theirs (403).</summary>
public sealed record AssessmentResult(ServiceOutcome Outcome, ServiceAssessment? Assessment, Dictionary<string, string[]> Errors, string? Reason = null, bool Forbidden = false)
{
    public static AssessmentResult NotNow(string reason) => new(ServiceOutcome.NotNow, null, [], reason);

    public static AssessmentResult NotAllowed(string reason) => new(ServiceOutcome.NotNow, null, [], reason, Forbidden: true);
}

/// <summary>
/// Service Standard assessments, one set of rules for the API and the pages. The team (the delivery manager and the
/// current phase's team) asks for an assessment of the current phase and records its self-assessment; a holder of the
/// assessment lead role assigns the panel, assessors who are not in the team (a refusal is audited); a panel member
/// records each point and the outcome, whose conditions become reminded actions and whose report is kept in Blob
/// Storage. A reassessment covers only the points its earlier assessment did not meet. Every change is audited once.
/// </summary>
public sealed class AssessmentSteps(
    ProjectRepository projects, ServiceRepository services, ApprovalPolicy directory, ServicePolicy policy, AuditLog audit, ControlsView controls,
    BlobServiceClient blobs, PageRenderer pages, InputLimits limits, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The project and its service for whoever may see the project, or the refusal (404 or 409).</summary>
    public async Task<(ProjectDocument? Project, ServiceRecord? Service, IResult? Refusal)> ForServiceAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (project, notFound) = await ProjectRecordAccess.ForReadingAsync(id, user, projects, cancellationToken);
        if (notFound is not null)
        {
            return (null, null, notFound);
        }

        return await services.GetAsync(project!.ProjectId, cancellationToken) is { } service
            ? (project, service, null)
            : (null, null, Problems.Status(StatusCodes.Status409Conflict, "Not now", "The service has not started its phases: its delivery manager starts Discovery first."));
    }

    /// <summary>The delivery manager, or someone in the current phase's team.</summary>
    public bool IsTeam(ClaimsPrincipal user, ProjectDocument project, ServiceRecord service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return ProjectRecordAccess.IsManager(user, project, directory) || service.TeamIds.Contains(user.UserId(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Who may never sit on the panel: the current phase's team, the delivery manager and the requester.</summary>
    public IReadOnlySet<string> TeamOf(ProjectDocument project, ServiceRecord service)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(service);
        var team = new HashSet<string>(service.TeamIds, StringComparer.OrdinalIgnoreCase) { project.SubmittedBy };
        if (project.ProjectManager is { } pm && directory.FindByEmail(pm.Email) is { } manager)
        {
            team.Add(manager.Id);
        }

        return team;
    }

    public async Task<AssessmentResult> RequestAsync(ProjectDocument project, ServiceRecord service, ClaimsPrincipal user, string assessmentId, AssessmentRequestBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!IsTeam(user, project, service))
        {
            return AssessmentResult.NotAllowed("Only the service's team asks for an assessment.");
        }

        var now = clock.GetUtcNow();
        var (kind, dates, documents, errors) = body.Read(ProjectRecordAccess.Today(now), limits);
        if (!ProjectRecordAccess.IsRecordId(assessmentId))
        {
            errors["assessmentId"] = ["Give the assessment an id of 1 to 64 letters, digits, '-' or '_', like alpha-1."];
        }

        IReadOnlyList<int> points = ServiceStandard.All;
        if (!string.IsNullOrWhiteSpace(body.ReassessmentOf))
        {
            var earlier = ProjectRecordAccess.IsRecordId(body.ReassessmentOf) ? await services.GetAssessmentAsync(project.ProjectId, body.ReassessmentOf, cancellationToken) : null;
            if (earlier is not { Outcome: AssessmentOutcome.NotMet } || earlier.Phase != service.Phase)
            {
                errors["reassessmentOf"] = [$"Name an assessment of {service.Phase.Title()} whose outcome was not met: only its points not met are reassessed."];
            }
            else
            {
                points = earlier.NotMet;
            }
        }

        if (errors.Count > 0)
        {
            return new(ServiceOutcome.Invalid, null, errors);
        }

        var asked = new ServiceAssessment
        {
            AssessmentId = assessmentId,
            ProjectId = project.ProjectId,
            Phase = service.Phase,
            Kind = kind!.Value,
            PreferredDates = dates,
            Documents = documents,
            ReassessmentOf = string.IsNullOrWhiteSpace(body.ReassessmentOf) ? null : body.ReassessmentOf,
            Points = points,
            RequestedBy = user.UserId(),
            RequestedAt = now,
        };
        var created = service.Status == ServiceStatus.Active && await services.TryCreateAssessmentAsync(asked, cancellationToken);
        var stored = await services.GetAssessmentAsync(project.ProjectId, assessmentId, cancellationToken);
        if (stored is null)
        {
            return AssessmentResult.NotNow($"The service is {service.Status.ToString().ToLowerInvariant()}: it is not assessed.");
        }

        if (!created && !(stored.Phase == asked.Phase && stored.Kind == asked.Kind && stored.PreferredDates.SequenceEqual(asked.PreferredDates)
            && stored.Documents.SequenceEqual(asked.Documents) && stored.ReassessmentOf == asked.ReassessmentOf))
        {
            return AssessmentResult.NotNow($"Assessment {assessmentId} was asked for already, differently: give a new one another id.");
        }

        await audit.AppendAsync($"{project.ProjectId}~assessment~{assessmentId}~requested", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.RequestedAt,
            Actor = stored.RequestedBy,
            Action = AuditAction.AssessmentRequested,
            Summary = $"{(stored.ReassessmentOf is null ? "A" : "A re")}assessment ({stored.Kind.ToString().ToLowerInvariant()}) of {stored.Phase.Title()} asked for ({assessmentId}), points {string.Join(", ", stored.Points)}",
            Subject = assessmentId,
        }, cancellationToken);
        return new(created ? ServiceOutcome.Done : ServiceOutcome.Unchanged, stored, errors);
    }

    public async Task<AssessmentResult> AssignPanelAsync(ProjectDocument project, ServiceRecord service, ServiceAssessment assessment, ClaimsPrincipal user, PanelBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(body);
        var me = directory.Find(user.UserId());
        if (me is null || !me.Holds(policy.AssessmentLeadRole))
        {
            return AssessmentResult.NotAllowed("Only an assessment lead assigns a panel.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var named = new List<(string Field, string? Id)> { ("leadAssessorId", body.LeadAssessorId) };
        var others = body.AssessorIds ?? [];
        if (others.Count > limits.MaxListItems)
        {
            errors["assessorIds"] = [$"Name at most {limits.MaxListItems} assessors."];
        }

        named.AddRange(others.Take(limits.MaxListItems).Select((id, i) => ($"assessorIds[{i}]", id)));
        var team = TeamOf(project, service);
        var refusedPeople = new List<string>();
        foreach (var (field, id) in named)
        {
            RecordRules.Person(field, id, directory, errors);
            if (directory.Find(id) is not { } person)
            {
                continue;
            }

            if (!person.Holds(policy.AssessorRole))
            {
                errors[field] = [$"{person.Name} is not an assessor: a panel member holds the {policy.AssessorRole} role."];
                refusedPeople.Add(person.Id);
            }
            else if (team.Contains(person.Id))
            {
                errors[field] = [$"{person.Name} is in the service's team: a panel member is never from the team."];
                refusedPeople.Add(person.Id);
            }
            else if (named.TakeWhile(n => n.Field != field).Any(n => person.Is(n.Id)))
            {
                errors[field] = [$"{person.Name} is named twice."];
            }
        }

        if (errors.Count > 0)
        {
            if (refusedPeople.Count > 0)
            {
                // The refusal is kept on the trail (once per panel proposed), though nothing else is stored.
                await audit.AppendAsync($"{project.ProjectId}~assessment~{assessment.AssessmentId}~panel-refused~{string.Join(",", named.Select(n => n.Id))}", new AuditEntry
                {
                    Id = string.Empty,
                    ProjectId = project.ProjectId,
                    At = clock.GetUtcNow(),
                    Actor = me.Id,
                    Action = AuditAction.AssessmentPanelRefused,
                    Summary = $"The panel for assessment {assessment.AssessmentId} was refused: {string.Join(", ", refusedPeople)} may not sit on it (not an assessor, or in the service's team)",
                    Subject = assessment.AssessmentId,
                }, cancellationToken);
            }

            return new(ServiceOutcome.Invalid, null, errors);
        }

        var panel = new AssessmentPanel(directory.Find(body.LeadAssessorId)!.Id, others.Select(id => directory.Find(id)!.Id).ToList(), me.Id, clock.GetUtcNow());
        var stored = await services.UpdateAssessmentAsync(project.ProjectId, assessment.AssessmentId, a => a.Status == AssessmentStatus.Assessed || SamePanel(a.Panel, panel)
            ? null
            : a with { Panel = panel, Status = AssessmentStatus.PanelAssigned }, cancellationToken);
        if (stored is null || !SamePanel(stored.Panel, panel))
        {
            return AssessmentResult.NotNow("The assessment has its outcome: its panel does not change.");
        }

        await audit.AppendAsync($"{project.ProjectId}~assessment~{assessment.AssessmentId}~panel~{string.Join(",", panel.Members)}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.Panel!.AssignedAt,
            Actor = stored.Panel.AssignedBy,
            Action = AuditAction.AssessmentPanelAssigned,
            Summary = $"Panel assigned for assessment {assessment.AssessmentId}: lead {panel.LeadAssessorId}{(panel.AssessorIds.Count == 0 ? string.Empty : ", with " + string.Join(", ", panel.AssessorIds))}",
            Subject = assessment.AssessmentId,
        }, cancellationToken);
        return new(ServiceOutcome.Done, stored, errors);
    }

    private static bool SamePanel(AssessmentPanel? a, AssessmentPanel b) => a is not null && a.LeadAssessorId == b.LeadAssessorId && a.AssessorIds.SequenceEqual(b.AssessorIds);

    public async Task<AssessmentResult> SelfAssessAsync(ProjectDocument project, ServiceRecord service, ServiceAssessment assessment, ClaimsPrincipal user, SelfAssessmentBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(body);
        if (!IsTeam(user, project, service))
        {
            return AssessmentResult.NotAllowed("Only the service's team records its self-assessment.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var points = body.Points ?? [];
        PointRules.Cover("points", points.Select(p => p?.Point).ToList(), assessment.Points, errors);
        for (var i = 0; i < points.Count; i++)
        {
            RecordRules.Text($"points[{i}].summary", points[i]?.Summary, limits.MaxTextLength, required: true, errors);
        }

        if (errors.Count > 0)
        {
            return new(ServiceOutcome.Invalid, null, errors);
        }

        var self = points.Select(p => new SelfAssessedPoint(p!.Point!.Value, p.Summary!.Trim())).OrderBy(p => p.Point).ToList();
        var stored = await services.UpdateAssessmentAsync(project.ProjectId, assessment.AssessmentId, a => a.Status == AssessmentStatus.Assessed || a.SelfAssessment.SequenceEqual(self)
            ? null
            : a with { SelfAssessment = self }, cancellationToken);
        if (stored is null || !stored.SelfAssessment.SequenceEqual(self))
        {
            return AssessmentResult.NotNow("The assessment has its outcome: the self-assessment no longer changes.");
        }

        await audit.AppendAsync($"{project.ProjectId}~assessment~{assessment.AssessmentId}~self~{JsonSerializer.Serialize(self, Json)}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = clock.GetUtcNow(),
            Actor = user.UserId(),
            Action = AuditAction.SelfAssessmentRecorded,
            Summary = $"Self-assessment recorded for assessment {assessment.AssessmentId} ({self.Count} points)",
            Subject = assessment.AssessmentId,
        }, cancellationToken);
        return new(ServiceOutcome.Done, stored, errors);
    }

    public async Task<AssessmentResult> RecordOutcomeAsync(ProjectDocument project, ServiceAssessment assessment, ClaimsPrincipal user, OutcomeBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(body);
        if (assessment.Panel is not { } panel)
        {
            return AssessmentResult.NotNow("The assessment has no panel yet: an assessment lead assigns one first.");
        }

        if (!panel.Members.Contains(user.UserId(), StringComparer.OrdinalIgnoreCase))
        {
            return AssessmentResult.NotAllowed("Only the assessment's panel records its outcome.");
        }

        var now = clock.GetUtcNow();
        var (results, outcome, conditions, errors) = OutcomeRules.Read(body, assessment, ProjectRecordAccess.Today(now), directory, limits);
        if (errors.Count > 0)
        {
            return new(ServiceOutcome.Invalid, null, errors);
        }

        if (assessment.Status == AssessmentStatus.Assessed)
        {
            return assessment.Outcome == outcome && assessment.Results.SequenceEqual(results) && assessment.Conditions.Select(c => c with { Done = false }).SequenceEqual(conditions)
                ? new(ServiceOutcome.Unchanged, assessment, errors)
                : AssessmentResult.NotNow("The assessment's outcome is recorded: a reassessment covers the points not met.");
        }

        var assessed = assessment with
        {
            Results = results,
            Outcome = outcome,
            Conditions = conditions,
            AssessedBy = user.UserId(),
            AssessedAt = now,
            Status = AssessmentStatus.Assessed,
            ReportBlob = ServiceAssessment.BlobFor(project.ProjectId, assessment.AssessmentId),
        };

        // The report goes to Blob Storage first, so the stored assessment never points at a missing document.
        var html = await pages.RenderAsync<AssessmentReportDocument, AssessmentReportModel>(new PageContext(null, "/", null), new AssessmentReportModel(project, assessed, directory));
        await blobs.GetBlobContainerClient(BlobContainers.Documents).GetBlobClient(assessed.ReportBlob).UploadAsync(
            new BinaryData(Encoding.UTF8.GetBytes(html)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" } }, cancellationToken);
        var stored = await services.UpdateAssessmentAsync(project.ProjectId, assessment.AssessmentId, a => a.Status == AssessmentStatus.Assessed ? null : assessed with { ETag = a.ETag }, cancellationToken);
        if (stored?.AssessedBy != assessed.AssessedBy || stored.Outcome != outcome)
        {
            return AssessmentResult.NotNow("Another panel member recorded the outcome meanwhile: read it again.");
        }

        await audit.AppendAsync($"{project.ProjectId}~assessment~{assessment.AssessmentId}~outcome", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = now,
            Actor = user.UserId(),
            Action = AuditAction.AssessmentOutcomeRecorded,
            Summary = $"Assessment {assessment.AssessmentId} of {assessment.Phase.Title()}: {(outcome == AssessmentOutcome.Met ? "met" : "not met")}"
                + (stored.NotMet.Count == 0 ? string.Empty : $"; points not met: {string.Join(", ", stored.NotMet)}")
                + (conditions.Count == 0 ? string.Empty : $"; {conditions.Count} condition(s)"),
            Subject = assessment.AssessmentId,
        }, cancellationToken);

        // Conditions reach the daily reminders through the project's control figures.
        await controls.RefreshAsync(project.ProjectId, cancellationToken);
        return new(ServiceOutcome.Done, stored, errors);
    }

    /// <summary>A condition done, by its owner or the delivery manager; audited once.</summary>
    public async Task<AssessmentResult> ConditionDoneAsync(ProjectDocument project, ServiceAssessment assessment, string conditionId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.Conditions.FirstOrDefault(c => c.ConditionId == conditionId) is not { } condition)
        {
            return new(ServiceOutcome.Invalid, null, new() { ["conditionId"] = [$"Assessment {assessment.AssessmentId} has no condition {conditionId}."] });
        }

        if (!ProjectRecordAccess.IsManager(user, project, directory) && !string.Equals(condition.OwnerId, user.UserId(), StringComparison.OrdinalIgnoreCase))
        {
            return AssessmentResult.NotAllowed("Only the condition's owner or the delivery manager says it is done.");
        }

        var stored = await services.UpdateAssessmentAsync(project.ProjectId, assessment.AssessmentId, a => a.Conditions.Any(c => c.ConditionId == conditionId && !c.Done)
            ? a with { Conditions = a.Conditions.Select(c => c.ConditionId == conditionId ? c with { Done = true } : c).ToList() }
            : null, cancellationToken);
        await audit.AppendAsync($"{project.ProjectId}~assessment~{assessment.AssessmentId}~condition~{conditionId}~done", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = clock.GetUtcNow(),
            Actor = user.UserId(),
            Action = AuditAction.AssessmentConditionDone,
            Summary = $"Condition {conditionId} of assessment {assessment.AssessmentId} done",
            Subject = assessment.AssessmentId,
        }, cancellationToken);
        await controls.RefreshAsync(project.ProjectId, cancellationToken);
        return new(ServiceOutcome.Done, stored, []);
    }
}
