using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Weeknotes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.Weeknotes;

/// <summary>What the weeknote form shows: the service, the note's id, the fields as sent and their errors.</summary>
public sealed record WeeknoteFormModel(ProjectDocument Project, string WeeknoteId, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>WeeknoteFormPage</c> function: <c>GET/POST /api/projects/{id}/weeknotes/new</c>, the delivery manager posting
/// the week's note through the API's own <see cref="WeeknoteSteps"/>. The note's id (<c>weeknote-{day shown}</c>, or
/// the next free one that day) is chosen when the form is shown and comes back with it, so sending the form twice
/// posts, audits and emails once. Done, it opens the weeknotes page with the note.
/// </summary>
public sealed class WeeknoteFormPageFunction(WeeknoteSteps steps, WeeknoteRepository weeknotes, InputLimits limits, PageRenderer pages)
{
    private static readonly FormField[] Fields =
    [
        new("weekOf", "The week", "Enter a day in the week the note is for", IsDate: true),
        new("whatWeDid", "What we did", "Enter what we did"),
        new("whatWeLearned", "What we learned", "Enter what we learned"),
        new("whatsNext", "What's next", "Enter what's next"),
        new("blockers", "Blockers", "Enter the blockers"),
    ];

    [Function("WeeknoteFormPage")]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/weeknotes/new")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForPostingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot post this service's weeknotes");
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            var weeknoteId = await NextIdAsync(project!.ProjectId, cancellationToken);
            return await pages.PageAsync<WeeknoteFormView, WeeknoteFormModel>(http, new(project, weeknoteId, new Dictionary<string, string>(), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var sentId = form["weeknoteId"].ToString();
        var sent = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["weekOf"] = DateField.Compose(form["weekOf-day"], form["weekOf-month"], form["weekOf-year"]),
            ["whatWeDid"] = form["whatWeDid"].ToString(),
            ["whatWeLearned"] = form["whatWeLearned"].ToString(),
            ["whatsNext"] = form["whatsNext"].ToString(),
            ["blockers"] = form["blockers"].ToString(),
        };
        var body = new WeeknoteBody(FormErrors.Date(sent["weekOf"]), sent["whatWeDid"], sent["whatWeLearned"], sent["whatsNext"], sent["blockers"]);
        var result = await steps.PostAsync(project!, http.User.UserId(), sentId, body, client, cancellationToken);
        var projectPath = $"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}";
        return result.Outcome switch
        {
            WeeknoteOutcome.Invalid => await pages.PageAsync<WeeknoteFormView, WeeknoteFormModel>(
                http, new(project, sentId, sent, FormErrors.From(result.Errors, sent, Fields, "the weeknotes page")), StatusCodes.Status400BadRequest),
            WeeknoteOutcome.Conflict => await pages.MessageAsync(http, new("This weeknote is posted already", "A note was posted from this form with other words. Start a new weeknote from the weeknotes page."), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"{projectPath}/weeknotes/page?posted={Uri.EscapeDataString(sentId)}"),
        };
    }

    /// <summary><c>weeknote-{today}</c>, or <c>-2</c>, <c>-3</c>… after it when a note of that id is posted already today.</summary>
    private async Task<string> NextIdAsync(string projectId, CancellationToken cancellationToken)
    {
        var taken = (await weeknotes.ListAsync(projectId, cancellationToken)).Select(n => n.WeeknoteId).ToHashSet(StringComparer.Ordinal);
        var first = $"weeknote-{steps.Today:yyyy-MM-dd}";
        var n = 1;
        var candidate = first;
        while (taken.Contains(candidate))
        {
            candidate = $"{first}-{++n}";
        }

        return candidate;
    }
}
