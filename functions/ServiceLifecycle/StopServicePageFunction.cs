using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.ServiceLifecycle;

/// <summary>What the stop form shows: the project, the reasons as sent and their error.</summary>
public sealed record StopServiceModel(ProjectDocument Project, string? Reasons, string? Error);

/// <summary>
/// The <c>StopServicePage</c> function: <c>GET/POST /api/projects/{id}/service/stop/page</c>, the delivery manager
/// stopping the service after Discovery or Alpha ("we learned not to build it") with the reasons, through the API's
/// own step (<see cref="ServiceSteps.StopAsync"/>). Stopped, it opens the service page.
/// </summary>
public sealed class StopServicePageFunction(ServiceSteps steps, InputLimits limits, PageRenderer pages)
{
    [Function("StopServicePage")]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/service/stop/page")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var (project, refusal) = await steps.ForManagingAsync(id, http.User, cancellationToken);
        if (refusal is not null)
        {
            return await pages.RefusalAsync(http, refusal, "You cannot stop this service");
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<StopServiceView, StopServiceModel>(http, new(project!, null, null));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var reasons = form["reasons"].ToString();
        var result = await steps.StopAsync(project!, http.User.UserId(), new StopBody(reasons), client, cancellationToken);
        return result.Outcome switch
        {
            ServiceOutcome.Invalid => await pages.PageAsync<StopServiceView, StopServiceModel>(
                http, new(project!, reasons, string.IsNullOrWhiteSpace(reasons) ? "Enter why the service stops" : result.Errors["reasons"][0]), StatusCodes.Status400BadRequest),
            ServiceOutcome.NotNow => await pages.MessageAsync(http, new("The service cannot stop now", result.Reason!), StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project!.ProjectId)}/service/page"),
        };
    }
}
