using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ProjectRaid;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.RaidPage;

/// <summary>What the risk form shows: the risk's fields as stored or as sent, how many action rows, and the errors.</summary>
public sealed record RiskFormModel(
    ProjectDocument Project, string ItemId, bool IsNew, IReadOnlyList<Approver> People, IReadOnlyDictionary<string, string> Values, int Rows, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The errors as the summary links them: a date's link lands on its day box.</summary>
    public IReadOnlyDictionary<string, string> Summary => Errors.ToDictionary(
        e => e.Key == "lastReviewed" || e.Key.EndsWith("-due", StringComparison.Ordinal) ? e.Key + "-day" : e.Key, e => e.Value, StringComparer.Ordinal);
}

/// <summary>
/// The <c>RiskForm</c> function: <c>GET /api/projects/{id}/raid/{itemId}/edit</c> is the form for adding risk
/// <c>itemId</c> to the RAID log or changing it, and its <c>POST</c> records it through the API's own step
/// (<see cref="RaidRecording"/>), so the same people may (the project manager, or the risk's owner reviewing it),
/// the same rules apply and nothing is stored while any field is wrong; every error is shown at once the GOV.UK
/// way, and a saved risk opens the delivery controls page with a success banner.
/// </summary>
public sealed class RiskFormFunction(RaidRecording recording, ApprovalPolicy directory, InputLimits limits, PageRenderer pages)
{
    public const string Name = "RiskForm";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/raid/{itemId}/edit")] HttpRequest req,
        string id, string itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        if (!ProjectRecordAccess.IsRecordId(itemId))
        {
            return await pages.MessageAsync(http, new("Risk not found", "There is no such risk. Check the link."), StatusCodes.Status404NotFound);
        }

        var (project, existing, refusal) = await recording.ForRecordingAsync(id, itemId, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot record this risk");
        }

        if (existing is { Kind: not RaidKind.Risk } other)
        {
            return await NotARiskAsync(http, other);
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            var (shown, shownRows) = RiskForm.Show(existing);
            return await pages.PageAsync<RiskFormView, RiskFormModel>(http, Model(project!, itemId, existing, shown, shownRows, new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var (values, rows, body, unreadable, rowOfAction) = RiskForm.Read(form, existing, limits);
        var saved = await recording.SaveAsync(project!, itemId, http.User.UserId(), body, unreadable, cancellationToken);
        return saved.Outcome switch
        {
            RaidSaveOutcome.Invalid => await pages.PageAsync<RiskFormView, RiskFormModel>(
                http, Model(project!, itemId, existing, values, rows, RiskForm.Errors(saved.Errors, rowOfAction, rows)), StatusCodes.Status400BadRequest),
            RaidSaveOutcome.KindConflict => await pages.MessageAsync(http, new("This is not a risk", saved.Conflict!), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}/delivery?saved=risk-{Uri.EscapeDataString(itemId)}"),
        };
    }

    private RiskFormModel Model(ProjectDocument project, string itemId, RaidItem? existing, Dictionary<string, string> values, int rows, Dictionary<string, string> errors) =>
        new(project, itemId, existing is null, directory.People, values, rows, errors);

    private Task<IResult> NotARiskAsync(HttpContext http, RaidItem item) =>
        pages.MessageAsync(
            http,
            new("This is not a risk", $"{item.ItemId} is logged as {(item.Kind == RaidKind.Issue ? "an" : "a")} {item.Kind.ToString().ToLowerInvariant()}; this page records risks."),
            StatusCodes.Status409Conflict);
}
