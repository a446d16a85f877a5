using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.Weeknotes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Weeknotes;

/// <summary>
/// Weeknotes through the API: <c>PUT /api/projects/{id}/weeknotes/{weeknoteId}</c> is the delivery manager posting
/// the week's note through <see cref="WeeknoteSteps"/> (the weeknote form's steps too), stored, audited and emailed
/// once per id; <c>GET …/weeknotes</c> lists them, latest week first, for whoever may see the project.
/// </summary>
public sealed class WeeknoteFunctions(WeeknoteSteps steps, ProjectRepository projects, ServiceRepository services, WeeknoteRepository weeknotes, InputLimits limits)
{
    [Function("PostWeeknote")]
    public async Task<IResult> PostAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "projects/{id}/weeknotes/{weeknoteId}")] HttpRequest req, string id, string weeknoteId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);
        var (project, refusal) = await steps.ForPostingAsync(id, req.HttpContext.User, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, failure) = await JsonBody.ReadAsync<WeeknoteBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var result = await steps.PostAsync(project!, req.HttpContext.User.UserId(), weeknoteId, body ?? WeeknoteBody.Empty, client, cancellationToken);
        return result.Outcome switch
        {
            WeeknoteOutcome.Invalid => Problems.Validation(result.Errors),
            WeeknoteOutcome.Conflict => Problems.Status(StatusCodes.Status409Conflict, "Not now", $"Weeknote {weeknoteId} is posted already with other words; post another under a new id."),
            WeeknoteOutcome.Posted => TypedResults.Created($"/api/projects/{project!.ProjectId}/weeknotes", result.Note! with { ETag = null }),
            _ => TypedResults.Ok(result.Note! with { ETag = null }),
        };
    }

    [Function("ListWeeknotes")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/weeknotes")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (project, _, refusal) = await ServiceRecordAccess.ForReadingAsync(id, req.HttpContext.User, projects, services, cancellationToken);
        return refusal ?? TypedResults.Ok((await weeknotes.ListAsync(project!.ProjectId, cancellationToken)).Select(n => n with { ETag = null }).ToList());
    }
}
