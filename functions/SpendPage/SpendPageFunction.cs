using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Budget;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.SpendPage;

/// <summary>What the spend form shows: the project, the fields and their errors.</summary>
public sealed record SpendFormModel(ProjectDocument Project, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public static IReadOnlyList<Choice> Kinds { get; } = [new("capital", "Capital"), new("revenue", "Revenue")];

    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>What the confirmation shows: the entry as stored.</summary>
public sealed record SpendRecordedModel(ProjectDocument Project, SpendEntry Entry);

/// <summary>
/// The <c>SpendPage</c> function: <c>GET /api/projects/{id}/record-spend</c> is a form to record money spent, for
/// the project's manager or Finance, and its <c>POST</c> records it through the API's own step
/// (<see cref="SpendRecording.RecordAsync"/>, as <c>POST …/spend</c> does). Anyone else is refused.
/// </summary>
public sealed class SpendPageFunction(ProjectRepository projects, SpendRecording spending, ApprovalPolicy directory, InputLimits limits, PageRenderer pages)
{
    public const string Name = nameof(SpendPage);

    /// <summary>Where the form is, for the delivery page's link.</summary>
    public static string Href(string projectId) => $"/api/projects/{Uri.EscapeDataString(projectId)}/record-spend";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/record-spend")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await ProjectRecordAccess.CheckRecordingAsync(id, http.User, projects, directory, u => u.IsInRole(Roles.Finance), cancellationToken);
        switch (refusal)
        {
            case RecordRefusal.NotFound:
                return await pages.MessageAsync(http, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound);
            case RecordRefusal.NotAllowed:
                return await pages.MessageAsync(http, new("You cannot record spending on this project", "Only the project's manager or Finance records its spending."), StatusCodes.Status403Forbidden);
            case RecordRefusal.NotNow:
                return await NotNowAsync(http, $"The project is in {ProjectText.Stage(project!.Stage).ToLowerInvariant()}: spending is recorded from approval until closure.");
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<SpendFormPage, SpendFormModel>(http, new(project!, SpendForm.New().Values, new Dictionary<string, string>()));
        }

        var (posted, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (posted is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("The spending could not be recorded", bad!.Message), bad.Status);
        }

        var form = SpendForm.FromPost(posted);
        var body = form.ToBody();
        var userId = http.User.UserId();

        // Everything wrong at once, as GOV.UK forms do: what could not be read, and the API's rules on the rest.
        var result = form.Errors.Count == 0
            ? await spending.RecordAsync(project!, body, userId, cancellationToken)
            : new SpendResult(SendOutcome.Invalid, null, await spending.CheckAsync(project!, body, userId, cancellationToken));
        return result.Outcome switch
        {
            SendOutcome.Invalid => await pages.PageAsync<SpendFormPage, SpendFormModel>(http, new(project!, form.Values, form.PageErrors(result.Errors)), StatusCodes.Status400BadRequest),
            SendOutcome.NotNow => await NotNowAsync(http, "This spending was already recorded with other details. Record new spending from the delivery controls."),
            _ => await pages.PageAsync<SpendRecordedPage, SpendRecordedModel>(http, new(project!, result.Entry!)),
        };
    }

    private Task<IResult> NotNowAsync(HttpContext http, string message) =>
        pages.MessageAsync(http, new("The spending cannot be recorded now", message), StatusCodes.Status409Conflict);
}
