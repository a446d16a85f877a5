using System.Security.Claims;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.Weeknotes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Weeknotes;

/// <summary>How posting a weeknote ended: posted, the same note again (a retry), bad fields, or the id taken by other words.</summary>
public enum WeeknoteOutcome
{
    Posted,
    Unchanged,
    Invalid,
    Conflict,
}

/// <summary>What posting did: the note as stored, or the errors by field.</summary>
public sealed record WeeknoteResult(WeeknoteOutcome Outcome, Weeknote? Note, Dictionary<string, string[]> Errors);

/// <summary>
/// Posting a weeknote, one set of rules for the API and the form: only the delivery manager posts, while the service
/// goes on; a note is stored once under its id, audited once and emailed by one <see cref="WeeknoteOrchestrator"/>
/// per note, so the same note sent again (a retry, a form sent twice) changes and sends nothing more.
/// </summary>
public sealed class WeeknoteSteps(ProjectRepository projects, ServiceRepository services, WeeknoteRepository weeknotes, ApprovalPolicy directory, AuditLog audit, InputLimits limits, TimeProvider clock)
{
    /// <summary>The project, or the API's refusal (404, 403 unless the delivery manager, 409 unless the service goes on).</summary>
    public async Task<(ProjectDocument? Project, IResult? Refusal)> ForPostingAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (project, _, refusal) = await ServiceRecordAccess.ForRecordingAsync(id, user, projects, services, directory, "weeknotes", teamMayRecord: false, cancellationToken);
        return (project, refusal);
    }

    /// <summary>Today, for a form to name its note's id by the day it is shown.</summary>
    public DateOnly Today => ProjectRecordAccess.Today(clock.GetUtcNow());

    public async Task<WeeknoteResult> PostAsync(ProjectDocument project, string userId, string weeknoteId, WeeknoteBody body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.GetUtcNow();
        var errors = body.Check(weeknoteId, project, limits, ProjectRecordAccess.Today(now));
        if (errors.Count > 0)
        {
            return new(WeeknoteOutcome.Invalid, null, errors);
        }

        var wanted = new Weeknote
        {
            WeeknoteId = weeknoteId,
            ProjectId = project.ProjectId,
            WeekOf = WeeknoteBody.MondayOf(body.WeekOf!.Value),
            WhatWeDid = body.WhatWeDid!.Trim(),
            WhatWeLearned = body.WhatWeLearned!.Trim(),
            WhatsNext = body.WhatsNext!.Trim(),
            Blockers = body.Blockers?.Trim() ?? string.Empty,
            PostedBy = userId,
            PostedAt = now,
        };
        var stored = await weeknotes.CreateOrGetAsync(wanted, cancellationToken);
        if (!stored.SameAs(wanted))
        {
            return new(WeeknoteOutcome.Conflict, stored, []);
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
        return new(stored.PostedAt == wanted.PostedAt ? WeeknoteOutcome.Posted : WeeknoteOutcome.Unchanged, stored, []);
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
