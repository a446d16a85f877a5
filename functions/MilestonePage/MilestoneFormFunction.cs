using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ProjectMilestones;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.MilestonePage;

/// <summary>What the milestone form shows: the milestone as planned, its dates as stored or as sent, and the errors.</summary>
public sealed record MilestoneFormModel(ProjectDocument Project, MilestoneRecord Milestone, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The errors as the summary links them: to each date's day box.</summary>
    public IReadOnlyDictionary<string, string> Summary => Errors.ToDictionary(e => e.Key + "-day", e => e.Value, StringComparer.Ordinal);
}

/// <summary>
/// The <c>MilestoneForm</c> function: <c>GET /api/projects/{id}/milestones/{milestoneId}/edit</c> is the project
/// manager's form for a planned milestone's forecast and actual dates, and its <c>POST</c> records them through the
/// API's own step (<see cref="MilestoneRecording"/>), leaving the name, baseline and key flag as they are; every
/// error is shown at once, nothing is stored while any is wrong, and saved dates open the delivery controls page
/// with a success banner.
/// </summary>
public sealed class MilestoneFormFunction(MilestoneRecording recording, InputLimits limits, PageRenderer pages)
{
    public const string Name = "MilestoneForm";

    /// <summary>The form's fields, in page order, with the words a date's messages use for it.</summary>
    public static readonly (string Field, string Label)[] Fields = [("forecast", "The forecast date"), ("actual", "The date it was reached")];

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/milestones/{milestoneId}/edit")] HttpRequest req,
        string id, string milestoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await recording.ForRecordingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot record this milestone");
        }

        // Only a milestone in the plan: adding one (with its name and baseline) stays with the API.
        var milestone = ProjectRecordAccess.IsRecordId(milestoneId) ? await recording.CurrentAsync(project!, milestoneId, cancellationToken) : null;
        if (milestone is null)
        {
            return await pages.MessageAsync(http, new("Milestone not found", "There is no such milestone in the project's plan. Check the link."), StatusCodes.Status404NotFound);
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            var stored = new Dictionary<string, string>(StringComparer.Ordinal) { ["forecast"] = FormDates.Typed(milestone.Forecast), ["actual"] = FormDates.Typed(milestone.Actual) };
            return await pages.PageAsync<MilestoneFormView, MilestoneFormModel>(http, new(project!, milestone, stored, new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var dates = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        foreach (var (field, label) in Fields)
        {
            var (typed, date, notADate) = FormDates.Read(form, field);
            (values[field], dates[field]) = (typed, date);
            if (notADate)
            {
                unreadable[field] = [FormDates.NotARealDate(label)];
            }
        }

        var body = new MilestoneBody(null, null, dates["forecast"], dates["actual"], null);
        var saved = await recording.SaveAsync(project!, milestoneId, http.User.UserId(), body, unreadable, cancellationToken);
        return saved.Outcome switch
        {
            MilestoneSaveOutcome.Invalid => await pages.PageAsync<MilestoneFormView, MilestoneFormModel>(
                http, new(project!, milestone, values, Words(saved.Errors)), StatusCodes.Status400BadRequest),
            MilestoneSaveOutcome.BaselineConflict => await pages.MessageAsync(http, new("The baseline cannot change here", saved.Conflict!), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}/delivery?saved=milestone-{Uri.EscapeDataString(milestoneId)}"),
        };
    }

    /// <summary>The API's date messages in the form's words, in page order (unreadable dates already are).</summary>
    private static Dictionary<string, string> Words(Dictionary<string, string[]> errors) =>
        Fields.Where(f => errors.ContainsKey(f.Field)).ToDictionary(
            f => f.Field,
            f => errors[f.Field][0].EndsWith("like 31 1 2027.", StringComparison.Ordinal) ? errors[f.Field][0] : FormDates.Words(f.Label, errors[f.Field][0]),
            StringComparer.Ordinal);
}
