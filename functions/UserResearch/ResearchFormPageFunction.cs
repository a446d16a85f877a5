using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Backlog;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Research;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.UserResearch;

/// <summary>What the research form shows: the session's id, the backlog's stories to link, the fields as sent, the stories ticked and the errors.</summary>
public sealed record ResearchFormModel(
    ProjectDocument Project, string SessionId, IReadOnlyList<StoryRecord> Stories, IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> Linked, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>ResearchFormPage</c> function: <c>GET/POST /api/projects/{id}/research/new</c>, the delivery manager or
/// someone in the team logging a research session through the API's own <see cref="ResearchSteps"/>: date, method,
/// how many took part (never who) and findings, with the backlog's stories it informs ticked. The session's id
/// (<c>session-{n}</c>, the next free number) is chosen when the form is shown and comes back with it, so sending
/// the form twice logs once. Done, it opens the research log.
/// </summary>
public sealed class ResearchFormPageFunction(ResearchSteps steps, ResearchRepository research, BacklogRepository backlog, InputLimits limits, PageRenderer pages)
{
    private static readonly FormField[] Fields =
    [
        new("date", "The date", "Enter the date of the session", IsDate: true),
        new("method", "The method", "Choose the research method"),
        new("participants", "The number of participants", $"Enter how many took part, 1 to {ResearchBody.MaxParticipants}"),
        new("findings", "The findings", "Enter what the team found"),
    ];

    [Function("ResearchFormPage")]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/research/new")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, _, refusal) = await steps.ForLoggingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot log this service's research");
        }

        var stories = await backlog.ListAsync(project!.ProjectId, cancellationToken);
        if (!HttpMethods.IsPost(req.Method))
        {
            var sessionId = await NextIdAsync(project.ProjectId, cancellationToken);
            return await pages.PageAsync<ResearchFormView, ResearchFormModel>(http, new(project, sessionId, stories, new Dictionary<string, string>(), new HashSet<string>(), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var sentId = form["sessionId"].ToString();
        var sent = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["date"] = DateField.Compose(form["date-day"], form["date-month"], form["date-year"]),
            ["method"] = form["method"].ToString(),
            ["participants"] = form["participants"].ToString().Trim(),
            ["findings"] = form["findings"].ToString(),
        };
        var linked = form["storyIds"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        var participants = int.TryParse(sent["participants"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        var body = new ResearchBody(FormErrors.Date(sent["date"]), sent["method"].Length == 0 ? null : sent["method"], participants, sent["findings"], linked);
        var result = await steps.LogAsync(project, http.User.UserId(), sentId, body, cancellationToken);
        if (result.Outcome == ResearchOutcome.Invalid)
        {
            var stale = result.Errors.Keys.Any(k => k.StartsWith("storyIds", StringComparison.Ordinal));
            var others = result.Errors.Where(e => !e.Key.StartsWith("storyIds", StringComparison.Ordinal)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            var errors = FormErrors.From(others, sent, Fields, "the research log");
            if (participants is null && sent["participants"].Length > 0)
            {
                errors["participants"] = "The number of participants must be a whole number, like 5";
            }

            if (stale)
            {
                // Only a story gone since the form was shown (or a changed form) gets here: the boxes list the backlog.
                errors["storyIds"] = "A story ticked is no longer in the backlog: tick the stories again";
            }

            var shown = new ResearchFormModel(project, sentId, stories, sent, linked.ToHashSet(StringComparer.Ordinal), errors);
            return await pages.PageAsync<ResearchFormView, ResearchFormModel>(http, shown, StatusCodes.Status400BadRequest);
        }

        return result.Outcome == ResearchOutcome.Conflict
            ? await pages.MessageAsync(http, new("This session is logged already", "A session was logged from this form with other details. Log a new session from the research log."), StatusCodes.Status409Conflict)
            : Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/research/page?logged={Uri.EscapeDataString(sentId)}");
    }

    /// <summary><c>session-{n}</c>, one more than the sessions logged, or the next number free after it.</summary>
    private async Task<string> NextIdAsync(string projectId, CancellationToken cancellationToken)
    {
        var taken = (await research.ListAsync(projectId, cancellationToken)).Select(s => s.SessionId).ToHashSet(StringComparer.Ordinal);
        var n = taken.Count + 1;
        while (taken.Contains($"session-{n}"))
        {
            n++;
        }

        return $"session-{n}";
    }
}
