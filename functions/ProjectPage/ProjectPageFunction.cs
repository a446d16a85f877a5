using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Pages;
using Delivery.Functions.GetProject;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Budget;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.ProjectPage;

/// <summary>What the project page shows, and which of its actions the signed-in person may take.</summary>
public sealed record ProjectPageModel(
    ProjectDocument Project,
    BusinessCaseDocument? BusinessCase,
    IReadOnlyList<ApprovalStepDocument> Steps,
    IReadOnlyList<AuditEntry> Audit,
    ApprovalStepDocument? StepToDecide,
    bool CanEditCase,
    bool JustSubmitted,
    bool CanWithdraw,
    BudgetSummary? Budget = null);

/// <summary>
/// The <c>ProjectPage</c> function: <c>GET /api/projects/{id}/page</c>, one project for the people involved in it
/// and the delivery team (the same rule as the API; anyone else is told there is no such project). Everything comes
/// from the project's own partition.
/// </summary>
public sealed class ProjectPageFunction(
    ProjectRepository projects, BusinessCaseRepository cases, ApprovalStepRepository steps, AuditLog audit, BudgetRepository budget, PageRenderer pages)
{
    public const string Name = nameof(ProjectPage);

    [Function(Name)]
    [SignInPage]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "projects/{id}/page")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var user = req.HttpContext.User;
        var project = id.StartsWith("prj-", StringComparison.Ordinal) ? await projects.GetAsync(id, cancellationToken) : null;
        if (project is null || !GetProjectEndpoint.MaySee(user, project))
        {
            return await pages.MessageAsync(req.HttpContext, new("Project not found", "There is no such project that you can see. Check the link."), StatusCodes.Status404NotFound);
        }

        var all = await steps.ListAsync(project.ProjectId, cancellationToken);
        var model = new ProjectPageModel(
            project,
            await cases.GetAsync(project.ProjectId, cancellationToken),
            all,
            await audit.ListAsync(project.ProjectId, cancellationToken),
            all.FirstOrDefault(s => s.Status == StepStatus.Pending && s.MayDecide(user.UserId())),
            CanEditCase: project.Stage == ProjectStage.BusinessCase && string.Equals(project.SubmittedBy, user.UserId(), StringComparison.OrdinalIgnoreCase),
            JustSubmitted: req.Query["submitted"] == "1",
            CanWithdraw: WithdrawPage.WithdrawPageFunction.MayOffer(user, project),
            Budget: project.Baseline is { } baseline ? await budget.SummaryAsync(project.ProjectId, baseline.ApprovedBudget, cancellationToken) : null);
        return await pages.PageAsync<ProjectPageView, ProjectPageModel>(req.HttpContext, model);
    }
}
