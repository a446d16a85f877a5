using Delivery.Functions.App.AzureHosting;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.DataProtection;
using Delivery.Functions.App.Email;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Storage;
using Delivery.Functions.App.Telemetry;
using Delivery.Functions.App.Workflows;
using Delivery.Functions.ApprovalPage;
using Delivery.Functions.BusinessCaseDraft;
using Delivery.Functions.SubmitProject;
using Delivery.Workflows.Projects;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Delivery.Functions.App;

/// <summary>
/// The app's one composition, used by both modes (the isolated worker and the standalone web app): settings
/// validation, storage, email, sign-in, telemetry and workflows.
/// </summary>
public static class DeliveryServices
{
    public static IHostApplicationBuilder AddDeliveryServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        KeyVaultReferenceGuard.EnsureResolved(builder.Configuration);
        builder.Services.AddDeliverySettings(builder.Configuration, builder.Environment);
        builder.AddDeliveryTelemetry();
        builder.Services.AddProblemDetails();
        builder.Services.AddDeliveryStorage(builder.Environment);
        builder.Services.AddDeliveryEmail();
        builder.Services.AddDeliveryAuth(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProjectRepository>();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<ProjectIntake>();
        builder.Services.AddSingleton<Delivery.Functions.RequestForm.RequestDrafts>();
        builder.Services.AddDeliveryWorkflows();
        builder.Services.AddSingleton<BusinessCaseDocuments>();
        builder.Services.AddSingleton<PageRenderer>();
        builder.Services.AddSingleton<Delivery.Functions.ProjectHighlights.HighlightReporting>();
        builder.Services.AddSingleton<Delivery.Functions.ProjectStages.StageSteps>();
        builder.Services.AddSingleton<Delivery.Functions.ProjectClosure.ClosureSteps>();
        builder.Services.AddSingleton<Delivery.Functions.BenefitReviews.BenefitReviewSteps>();
        builder.Services.AddSingleton<Delivery.Functions.ServiceLifecycle.ServiceSteps>();
        builder.Services.AddSingleton<Delivery.Functions.Weeknotes.WeeknoteSteps>();
        builder.Services.AddSingleton<Delivery.Functions.UserResearch.ResearchSteps>();
        builder.Services.AddSingleton<Delivery.Functions.BacklogImport.BacklogImporter>();
        builder.Services.AddSingleton<Delivery.Functions.BacklogImportPage.ImportUploads>();
        builder.Services.AddSingleton<Delivery.Functions.ServiceAssessments.AssessmentSteps>();
        builder.Services.AddSingleton<Delivery.Functions.TeamBudget.TeamBudgetSteps>();
        builder.Services.AddSingleton<Delivery.Functions.ServicePerformance.PerformanceSteps>();
        builder.Services.AddSingleton<Delivery.Functions.Retrospectives.CadenceSteps>();
        builder.Services.AddSingleton<Delivery.Functions.App.Controls.ExceptionReports>();
        builder.Services.AddSingleton<Delivery.Functions.App.Controls.ChangeRequests>();
        builder.Services.AddSingleton<Delivery.Functions.App.Controls.SpendRecording>();
        builder.Services.AddSingleton<Delivery.Functions.ProjectRaid.RaidRecording>();
        builder.Services.AddSingleton<Delivery.Functions.ProjectMilestones.MilestoneRecording>();
        builder.Services.AddDataProtectionJobs();
        builder.Services.TryAddSingleton<PageServices>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "delivery-antiforgery";
            o.FormFieldName = "__RequestVerificationToken";

            // Outside Development the cookie never travels over plain HTTP.
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        return builder;
    }
}
