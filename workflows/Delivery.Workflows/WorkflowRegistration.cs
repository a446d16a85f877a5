using Microsoft.DurableTask;
using Delivery.Workflows.ApprovalGate;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.BusinessCase;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.ProjectLifecycle;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Delivery.Workflows;

/// <summary>Registers the workflows' orchestrators and activities, and the services they and the HTTP API share.</summary>
public static class WorkflowRegistration
{
    public static DurableTaskRegistry AddDeliveryWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ProjectLifecycleOrchestrator>()
            .AddOrchestrator<ApprovalGateOrchestrator>()
            .AddOrchestrator<ApprovalStepOrchestrator>()
            .AddOrchestrator<ProjectControlOrchestrator>()
            .AddOrchestrator<Highlights.HighlightReportOrchestrator>()
            .AddOrchestrator<Weeknotes.WeeknoteOrchestrator>()
            .AddOrchestrator<Benefits.BenefitReviewOrchestrator>()
            .AddOrchestrator<Services.ServiceLifecycleOrchestrator>()
            .AddActivity<Services.PlanServiceMoveActivity>()
            .AddActivity<Services.ApplyServiceMoveActivity>()
            .AddActivity<Benefits.PlanBenefitReviewsActivity>()
            .AddActivity<Benefits.OpenBenefitReviewActivity>()
            .AddActivity<Benefits.ChaseBenefitReviewActivity>()
            .AddActivity<Benefits.FinishBenefitReviewsActivity>()
            .AddActivity<Highlights.SendHighlightReportActivity>()
            .AddActivity<Weeknotes.SendWeeknoteActivity>()
            .AddActivity<OpenExceptionActivity>()
            .AddActivity<PlanExceptionGateActivity>()
            .AddActivity<DecideExceptionActivity>()
            .AddActivity<Changes.AssessChangeActivity>()
            .AddActivity<Changes.DecideChangeActivity>()
            .AddActivity<Stages.PlanStageGateActivity>()
            .AddActivity<Stages.DecideStageGateActivity>()
            .AddActivity<Closure.PlanClosureGateActivity>()
            .AddActivity<Closure.DecideClosureActivity>()
            .AddActivity<SendReceiptActivity>()
            .AddActivity<PlanLifecycleActivity>()
            .AddActivity<SetProjectStageActivity>()
            .AddActivity<PlanApprovalActivity>()
            .AddActivity<RecordGateOutcomeActivity>()
            .AddActivity<StartInitiationActivity>()
            .AddActivity<OpenApprovalStepActivity>()
            .AddActivity<ChaseApprovalStepActivity>()
            .AddActivity<NotifyDelegateActivity>()
            .AddActivity<CloseApprovalStepActivity>()
            .AddActivity<NotifyStepDecisionActivity>();
    }

    /// <summary>Repositories and services; the caller registers the Cosmos <c>Database</c>, the email sender and the policies.</summary>
    public static IServiceCollection AddDeliveryWorkflowServices(this IServiceCollection services)
    {
        services.TryAddSingleton<PortfolioView>();
        services.TryAddSingleton<TaskView>();
        services.TryAddSingleton<ViewRebuilder>();
        services.TryAddSingleton<ControlsView>();
        services.TryAddSingleton<ToleranceSweep>();
        services.TryAddSingleton<ReminderSweep>();
        services.TryAddSingleton<Digest.WeeklyDigest>();
        services.TryAddSingleton<ExceptionRepository>();
        services.TryAddSingleton<ToleranceLevelRouter>();
        services.TryAddSingleton<Rebaseliner>();
        services.TryAddSingleton<Changes.ChangeRepository>();
        services.TryAddSingleton<Changes.ChangeDecider>();
        services.TryAddSingleton<Stages.StageRepository>();
        services.TryAddSingleton<Highlights.HighlightRepository>();
        services.TryAddSingleton<Closure.ClosureRepository>();
        services.TryAddSingleton<Services.ServiceRepository>();
        services.TryAddSingleton<TeamBudget.TeamBudgetRepository>();
        services.TryAddSingleton<Performance.PerformanceRepository>();
        services.TryAddSingleton<Performance.MonthlyPerformanceReport>();
        services.TryAddSingleton<Cadence.CadenceRepository>();
        services.TryAddSingleton<Research.ResearchRepository>();
        services.TryAddSingleton<Weeknotes.WeeknoteRepository>();
        services.TryAddSingleton<ProjectRepository>();
        services.TryAddSingleton<Delivery.Workflows.Budget.BudgetRepository>();
        services.TryAddSingleton<Delivery.Workflows.Raid.RaidRepository>();
        services.TryAddSingleton<Delivery.Workflows.Benefits.BenefitRepository>();
        services.TryAddSingleton<Delivery.Workflows.Milestones.MilestoneRepository>();
        services.TryAddSingleton<Delivery.Workflows.Suppliers.SupplierRepository>();
        services.TryAddSingleton<Delivery.Workflows.Lessons.LessonRepository>();
        services.TryAddSingleton<LessonsView>();
        services.TryAddSingleton<FlowView>();
        services.TryAddSingleton<Backlog.BacklogRepository>();
        services.TryAddSingleton<Backlog.BacklogFlowSummary>();
        services.TryAddSingleton<BenefitsView>();
        services.TryAddSingleton<Delivery.Workflows.Benefits.BenefitReviewRepository>();
        services.TryAddSingleton<ApprovalStepRepository>();
        services.TryAddSingleton<BusinessCaseRepository>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<EmailOutbox>();
        services.TryAddSingleton<StepLinkSender>();
        services.TryAddSingleton<ApprovalDecisionService>();
        services.TryAddSingleton<LifecycleCommands>();
        services.TryAddSingleton<ApprovalDeadlines>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
