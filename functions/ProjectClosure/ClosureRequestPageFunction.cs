using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ProjectClosure;

/// <summary>What the closure form shows: the open risks and issues to hand on, the people who can take them, the fields and errors.</summary>
public sealed record ClosureRequestFormModel(
    ProjectDocument Project, IReadOnlyList<RaidItem> Open, IReadOnlyList<Choice> People, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The <c>ClosureRequestPage</c> function: <c>GET/POST /api/projects/{id}/closure/request</c>, the project manager
/// asking to close the project: the checklist, who the service was handed over to, a summary and a new owner for every
/// open risk and issue, sent through the API's own step (<see cref="ClosureSteps.RequestAsync"/>); a sent request opens
/// the end project report.
/// </summary>
public sealed class ClosureRequestPageFunction(ClosureSteps steps, ApprovalPolicy directory, InputLimits limits, PageRenderer pages)
{
    public const string Name = "ClosureRequestPage";

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/closure/request")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForClosingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot ask to close this project");
        }

        var open = await steps.OpenItemsAsync(project!.ProjectId, cancellationToken);
        var people = directory.People.Select(p => new Choice(p.Id, p.Name)).Prepend(new Choice(string.Empty, "Choose a person")).ToList();
        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<ClosureRequestFormView, ClosureRequestFormModel>(http, new(project, open, people, new Dictionary<string, string>(), new Dictionary<string, string>()));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var values = form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
        bool Ticked(string field) => values.GetValueOrDefault($"checklist.{field}") == "true";
        var body = new ClosureBody(
            values.GetValueOrDefault("summary"),
            new ChecklistBody(Ticked("deliverablesAccepted"), Ticked("handoverConfirmed"), Ticked("usersTrained"), Ticked("supplierContractsClosed"), Ticked("lessonsLogged"), values.GetValueOrDefault("checklist.handedOverTo")),
            open.Select((item, i) => new HandoverBody(item.ItemId, values.GetValueOrDefault($"handover[{i}].newOwnerId") is { Length: > 0 } owner ? owner : null)).ToList());
        var result = await steps.RequestAsync(project, http.User.UserId(), body, client, cancellationToken);
        return result.Outcome switch
        {
            ClosureOutcome.Invalid => await pages.PageAsync<ClosureRequestFormView, ClosureRequestFormModel>(
                http, new(project, open, people, values, PageErrors(result.Errors, open)), StatusCodes.Status400BadRequest),
            ClosureOutcome.NotNow => await pages.MessageAsync(http, new("Closure has been asked for already", "The sponsor is deciding on the closure request, or has approved it. See the end project report."), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/closure/report"),
        };
    }

    /// <summary>The API's errors in page order and plain words: the checklist's as one message on its first unticked box.</summary>
    private static Dictionary<string, string> PageErrors(Dictionary<string, string[]> errors, IReadOnlyList<RaidItem> open)
    {
        var page = new Dictionary<string, string>(StringComparer.Ordinal);
        var unticked = ClosureBody.ChecklistItems.Where(c => errors.ContainsKey($"checklist.{c.Field}")).ToList();
        if (unticked.Count > 0)
        {
            page[$"checklist.{unticked[0].Field}"] = "Confirm every item of the closure checklist: " + string.Join("; ", unticked.Select(c => c.Says[8..]));
        }

        if (errors.ContainsKey("checklist.handedOverTo"))
        {
            page["checklist.handedOverTo"] = "Enter who the service was handed over to";
        }

        for (var i = 0; i < open.Count; i++)
        {
            if (errors.ContainsKey($"handover[{i}].newOwnerId"))
            {
                page[$"handover[{i}].newOwnerId"] = $"Choose who takes over {open[i].Kind.ToString().ToLowerInvariant()} {open[i].ItemId}";
            }
        }

        if (errors.ContainsKey("summary"))
        {
            page["summary"] = "Enter a summary of what the project delivered";
        }

        return page;
    }
}
