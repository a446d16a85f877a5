using Delivery.Functions.App.AzureHosting;
using Delivery.Functions.App.Auth;
using Delivery.Functions.App.Telemetry;
using Delivery.Functions.App.Email;
using Delivery.Functions.App.Hosting;
using Delivery.Functions.App.Settings;
using Delivery.Functions.App.Storage;
using Delivery.Functions.App.Workflows;
using Delivery.Functions.ApprovalPage;
using Delivery.Functions.Assets;
using Delivery.Functions.AttachmentSweep;
using Delivery.Functions.BusinessCaseDraft;
using Delivery.Functions.DecideApproval;
using Delivery.Functions.DelegateApproval;
using Delivery.Functions.DevSignIn;
using Delivery.Functions.DurableWork;
using Delivery.Functions.GetProject;
using Delivery.Functions.GetProjectAudit;
using Delivery.Functions.Health;
using Delivery.Functions.ResubmitBusinessCase;
using Delivery.Functions.SendEmail;
using Delivery.Functions.SubmitBusinessCase;
using Delivery.Functions.SubmitProject;
using Delivery.Functions.WithdrawProject;
using Delivery.Workflows.Projects;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App;

/// <summary>Wiring only: settings, clients, sign-in, functions and routes.</summary>
public static class DeliveryApp
{
    public static WebApplication Build(string[] args) => Build(new DeliveryAppOptions { Args = args });

    public static WebApplication Build(DeliveryAppOptions options)
    {
        var localSettings = options.UseLocalSettingsFile ? LocalSettingsFile.Find(Directory.GetCurrentDirectory()) : null;
        var localValues = localSettings is null ? new Dictionary<string, string?>() : LocalSettingsFile.ReadValues(localSettings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.Args,

            // The environment decides what start-up allows (dev sign-in), so it must be known before the host is built.
            EnvironmentName = options.EnvironmentName
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT")
                ?? localValues.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")
                ?? Environments.Production,
        });
        if (localValues.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(localValues);
            builder.Configuration.AddEnvironmentVariables();
        }

        options.Configure?.Invoke(builder);
        KeyVaultReferenceGuard.EnsureResolved(builder.Configuration);
        builder.Services.AddDeliverySettings(builder.Configuration, builder.Environment);
        builder.AddCustomHandlerHosting();
        builder.AddDeliveryTelemetry();
        builder.Services.AddProblemDetails();
        builder.Services.AddDeliveryStorage(builder.Environment);
        builder.Services.AddDeliveryEmail();
        builder.Services.AddDeliveryAuth(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProjectRepository>();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddDeliveryWorkflows(builder.Configuration);
        builder.Services.AddSingleton<BusinessCaseDocuments>();
        builder.Services.TryAddSingleton<PageServices>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "delivery-antiforgery";
            o.FormFieldName = "__RequestVerificationToken";
        });
        builder.Services.AddSingleton<IFunctionHandler, SendEmailFunction>();
        builder.Services.AddSingleton<IFunctionHandler, AttachmentSweepFunction>();
        builder.Services.AddSingleton<IFunctionHandler, DurableWorkFunction>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        // The Functions host treats any answer to "/" as "ready".
        app.MapGet("/", () => Results.Text("Delivery is running.")).AllowAnonymous();
        FunctionInvoker.Map(app);
        var api = app.MapGroup("/api");
        HealthEndpoint.Map(api);
        SubmitProjectEndpoint.Map(api);
        GetProjectEndpoint.Map(api);
        GetProjectAuditEndpoint.Map(api);
        BusinessCaseDraftEndpoint.Map(api);
        SubmitBusinessCaseEndpoint.Map(api);
        ResubmitBusinessCaseEndpoint.Map(api);
        WithdrawProjectEndpoint.Map(api);
        ApprovalPageEndpoint.Map(api);
        DecideApprovalEndpoint.Map(api);
        DelegateApprovalEndpoint.Map(api);
        AssetsEndpoint.Map(api);
        if (app.Services.GetRequiredService<IOptions<AuthSettings>>().Value.DevSignIn)
        {
            DevSignInEndpoint.Map(api);
        }

        return app;
    }
}
