using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.App.Projects;
using Delivery.Functions.ServiceLifecycle;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Cadence;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Retrospectives;

/// <summary>What a service team's form shows (the cadence form, the retrospective form): the fields as sent and their errors.</summary>
public sealed record TeamFormModel(ProjectDocument Project, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<Approver>? People = null)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>CadenceFormPage</c> function: <c>GET/POST /api/projects/{id}/cadence/page</c>, the delivery manager setting
/// the team's iteration length and the first iteration's start through the API's own <see cref="CadenceSteps.SetAsync"/>.
/// The cadence is the record itself, so sending the same values twice changes and audits nothing more. Done, it opens
/// the retrospectives page.
/// </summary>
public sealed class CadenceFormPageFunction(ProjectRepository projects, ServiceRepository services, CadenceRepository cadences, CadenceSteps steps, ApprovalPolicy directory, InputLimits limits, PageRenderer pages)
{
    private static readonly FormField[] Fields =
    [
        new("iterationDays", "The iteration length", $"Enter the iteration length in days, 1 to {CadenceBody.MaxIterationDays}"),
        new("firstIterationStart", "The first iteration's start", "Enter the day the first iteration starts", IsDate: true),
    ];

    [Function("CadenceFormPage")]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/cadence/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, _, refusal) = await ServiceRecordAccess.ForRecordingAsync(id, http.User, projects, services, directory, "the team's cadence", teamMayRecord: false, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot set this team's cadence");
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            var current = await cadences.GetAsync(project!.ProjectId, cancellationToken);
            var shown = current is null ? new Dictionary<string, string>() : new Dictionary<string, string>
            {
                ["iterationDays"] = current.IterationDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["firstIterationStart"] = FormDates.Typed(current.FirstIterationStart),
            };
            return await pages.PageAsync<CadenceFormView, TeamFormModel>(http, new(project, shown, new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var sent = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["iterationDays"] = form["iterationDays"].ToString().Trim(),
            ["firstIterationStart"] = DateField.Compose(form["firstIterationStart-day"], form["firstIterationStart-month"], form["firstIterationStart-year"]),
        };
        var days = int.TryParse(sent["iterationDays"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (int?)null;
        var result = await steps.SetAsync(project!, http.User.UserId(), new CadenceBody(days, FormErrors.Date(sent["firstIterationStart"])), cancellationToken);
        var errors = FormErrors.From(result.Errors, sent, Fields, "the retrospectives page");
        if (result.Outcome == ServiceOutcome.Invalid && days is null && sent["iterationDays"].Length > 0)
        {
            // A number the API never saw ("two weeks"): said as such, not as a missing one.
            errors["iterationDays"] = $"The iteration length must be a whole number of days, like 14";
        }

        return result.Outcome switch
        {
            ServiceOutcome.Invalid => await pages.PageAsync<CadenceFormView, TeamFormModel>(http, new(project!, sent, errors), StatusCodes.Status400BadRequest),
            ServiceOutcome.NotNow => await pages.MessageAsync(http, new("The cadence was not set", result.Reason!), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}/retrospectives/page?cadence=set"),
        };
    }
}
