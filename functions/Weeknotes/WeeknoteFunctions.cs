using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.Weeknotes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Weeknotes;

/// <summary>
/// Weeknotes through the API: <c>PUT /api/projects/{id}/weeknotes/{weeknoteId}</c> is the delivery manager posting
/// the week's note, stored once under its id, audited once and emailed to the stakeholders by one
/// <see cref="WeeknoteOrchestrator"/> per note, so posting the same note again sends nothing more; <c>GET
/// …/weeknotes</c> lists them, latest week first, for whoever may see the project.
/// </summary>
public sealed class WeeknoteFunctions(
    ProjectRepository projects, ServiceRepository services, WeeknoteRepository weeknotes, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    [Function("PostWeeknote")]
    public async Task<IResult> PostAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/weeknotes/{weeknoteId}")] HttpRequest req, string id, string weeknoteId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);
        var (project, _, refusal) = await ServiceRecordAccess.ForRecordingAsync(id, req.HttpContext.User, projects, services, directory, "weeknotes", teamMayRecord: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<WeeknoteBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        body ??= WeeknoteBody.Empty;
        var now = clock.GetUtcNow();
        var errors = body.Check(weeknoteId, project!, limits, ProjectRecordAccess.Today(now));
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var wanted = new Weeknote
        {
            WeeknoteId = weeknoteId,
            ProjectId = project!.ProjectId,
            WeekOf = WeeknoteBody.MondayOf(body.WeekOf!.Value),
            WhatWeDid = body.WhatWeDid!.Trim(),
            WhatWeLearned = body.WhatWeLearned!.Trim(),
            WhatsNext = body.WhatsNext!.Trim(),
            Blockers = body.Blockers?.Trim() ?? string.Empty,
            PostedBy = req.HttpContext.User.UserId(),
            PostedAt = now,
        };
        var stored = await weeknotes.CreateOrGetAsync(wanted, cancellationToken);
        if (!stored.SameAs(wanted))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Weeknote {weeknoteId} is posted already with other words; post another under a new id.");
        }

        // Audited and sent on a retry too: a posting cut short after storing completes here, and sends nothing twice.
        await audit.AppendAsync($"{project.ProjectId}~weeknote~{weeknoteId}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = project.ProjectId,
            At = stored.PostedAt,
            Actor = stored.PostedBy,
            Action = AuditAction.WeeknotePosted,
            Summary = $"Weeknote {weeknoteId} for the week of {stored.WeekOf:yyyy-MM-dd}",
            Subject = weeknoteId,
        }, cancellationToken);
        await StartSendingAsync(client, new WeeknoteSent(project.ProjectId, weeknoteId), cancellationToken);
        return stored.PostedAt == wanted.PostedAt
            ? TypedResults.Created($"/api/projects/{project.ProjectId}/weeknotes", stored with { ETag = null })
            : TypedResults.Ok(stored with { ETag = null });
    }

    [Function("ListWeeknotes")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/weeknotes")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, services, cancellationToken);
        return refusal ?? TypedResults.Ok((await weeknotes.ListAsync(project!.ProjectId, cancellationToken)).Select(n => n with { ETag = null }).ToList());
    }

    /// <summary>One sending per note: an instance already there (running or done) is this note's, so nothing more starts.</summary>
    private static async Task StartSendingAsync(DurableTaskClient client, WeeknoteSent input, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(input.InstanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(WeeknoteOrchestrator), input, new StartOrchestrationOptions(input.InstanceId), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Started meanwhile by a concurrent retry of the same post; anything else is a failure.
            if (await client.GetInstanceAsync(input.InstanceId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }
        }
    }
}
