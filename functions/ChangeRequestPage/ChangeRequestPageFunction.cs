using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Controls;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Changes;
using Delivery.Workflows.Milestones;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ChangeRequestPage;

/// <summary>What the change request form shows: the project, its milestones, the fields and their errors.</summary>
public sealed record ChangeRequestFormModel(
    ProjectDocument Project, IReadOnlyList<MilestoneRecord> Milestones, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public static IReadOnlyList<Choice> Kinds { get; } =
    [
        new("scope", "Scope", "What the project delivers changes."),
        new("time", "Time", "A milestone moves: give its new baseline below."),
        new("cost", "Cost", "The budget needed changes: give the cost impact."),
    ];

    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>What the confirmation shows: the change as stored.</summary>
public sealed record ChangeRequestSentModel(ProjectDocument Project, ChangeRequest Change);

/// <summary>
/// The <c>ChangeRequestPage</c> function: <c>GET /api/projects/{id}/change-request</c> is a new change request form
/// for the project's manager, and its <c>POST</c> sends it through the API's own step
/// (<see cref="ChangeRequests.SendAsync"/>, as <c>PUT …/changes/{changeId}</c> does), so its rules, the stored change,
/// the audit and the assessment against the manager's delegation are the API's. Anyone else is refused.
/// </summary>
public sealed class ChangeRequestPageFunction(ProjectRepository projects, ChangeRequests requests, ApprovalPolicy directory, InputLimits limits, PageRenderer pages)
{
    public const string Name = nameof(ChangeRequestPage);

    /// <summary>Where the form is, for the delivery page's link.</summary>
    public static string Href(string projectId) => $"/api/projects/{Uri.EscapeDataString(projectId)}/change-request";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/change-request")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await ProjectRecordAccess.CheckRecordingAsync(id, http.User, projects, directory, _ => false, cancellationToken);
        switch (refusal)
        {
            case RecordRefusal.NotFound:
                return await pages.MessageAsync(http, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound);
            case RecordRefusal.NotAllowed:
                return await pages.MessageAsync(http, new("You cannot request a change to this project", "Only the project's manager raises its change requests."), StatusCodes.Status403Forbidden);
            case RecordRefusal.NotNow:
                return await NotNowAsync(http, $"The project is in {ProjectText.Stage(project!.Stage).ToLowerInvariant()}: changes are requested from approval until closure.");
        }

        var milestones = await requests.MilestonesAsync(project!, cancellationToken);
        if (!HttpMethods.IsPost(req.Method))
        {
            var empty = ChangeRequestForm.New(milestones);
            return await pages.PageAsync<ChangeRequestFormPage, ChangeRequestFormModel>(http, new(project!, milestones, empty.Values, new Dictionary<string, string>()));
        }

        var (posted, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (posted is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your change request could not be sent", bad!.Message), bad.Status);
        }

        var form = ChangeRequestForm.FromPost(posted, milestones);
        var body = form.ToBody();
        var userId = http.User.UserId();

        // Everything wrong at once, as GOV.UK forms do: what could not be read, and the API's rules on the rest.
        var result = form.Errors.Count == 0
            ? await requests.SendAsync(client, project!, form.ChangeId, body, userId, cancellationToken)
            : new ChangeResult(SendOutcome.Invalid, null, await requests.CheckAsync(project!, form.ChangeId, body, userId, cancellationToken));
        return result.Outcome switch
        {
            SendOutcome.Invalid => await pages.PageAsync<ChangeRequestFormPage, ChangeRequestFormModel>(
                http, new(project!, milestones, form.Values, form.PageErrors(result.Errors)), StatusCodes.Status400BadRequest),
            SendOutcome.NotNow => await NotNowAsync(http, $"Change {form.ChangeId} was already sent. Start a new change request for another change."),
            _ => await pages.PageAsync<ChangeRequestSentPage, ChangeRequestSentModel>(http, new(project!, result.Change!)),
        };
    }

    private Task<IResult> NotNowAsync(HttpContext http, string message) =>
        pages.MessageAsync(http, new("The change request cannot be sent now", message), StatusCodes.Status409Conflict);
}
