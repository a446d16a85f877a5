using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Delivery.Functions.WithdrawPage;

/// <summary>What the withdrawal page shows: the project, the reason as typed, and its error.</summary>
public sealed record WithdrawModel(ProjectDocument Project, string? Reason, string? Error);

/// <summary>
/// The <c>WithdrawPage</c> function: <c>GET /api/projects/{id}/withdraw-request</c> asks the requester to confirm,
/// with an optional reason; its <c>POST</c> withdraws through the same lifecycle command as the API, whose rules
/// (only the requester, only before the project is approved) decide, and whose refusals are shown as they are.
/// </summary>
public sealed class WithdrawPageFunction(ProjectRepository projects, LifecycleCommands lifecycle, InputLimits limits, PageRenderer pages)
{
    public const string Name = nameof(WithdrawPage);

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "projects/{id}/withdraw-request")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(http.User, project))
        {
            return await pages.MessageAsync(http, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<WithdrawPageView, WithdrawModel>(http, new(project, null, null));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var reason = form["reason"].ToString().Trim();
        if (reason.Length > limits.MaxReasonLength)
        {
            return await pages.PageAsync<WithdrawPageView, WithdrawModel>(
                http, new(project, reason, $"The reason must be {limits.MaxReasonLength} characters or fewer"), StatusCodes.Status400BadRequest);
        }

        var result = await lifecycle.WithdrawAsync(client, project.ProjectId, http.User.UserId(), reason.Length == 0 ? null : reason, cancellationToken);
        return result.Status switch
        {
            CommandStatus.Recorded => Results.Redirect($"/api/projects/{Uri.EscapeDataString(project.ProjectId)}/page"),
            CommandStatus.Forbidden => await pages.MessageAsync(http, new("You cannot withdraw this project", result.Message), StatusCodes.Status403Forbidden),
            CommandStatus.NotFound => await pages.MessageAsync(http, new("Project not found", result.Message), StatusCodes.Status404NotFound),
            _ => await pages.MessageAsync(http, new("This project cannot be withdrawn now", result.Message), StatusCodes.Status409Conflict),
        };
    }

    /// <summary>Who sees the withdraw action on the project page: its requester, until it is approved or stopped.</summary>
    public static bool MayOffer(System.Security.Claims.ClaimsPrincipal user, ProjectDocument project)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(project);
        return project.Stage is ProjectStage.Request or ProjectStage.BusinessCase or ProjectStage.Approval
            && string.Equals(project.SubmittedBy, user.UserId(), StringComparison.OrdinalIgnoreCase);
    }

}
