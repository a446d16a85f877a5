using Delivery.Functions.App.Standalone;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.App.Settings;

/// <summary>Binds and validates every settings section once, at start-up, and registers them as options.</summary>
public static class SettingsRegistration
{
    public static IServiceCollection AddDeliverySettings(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        Register(services, SettingsBinder.Bind<CosmosSettings>(configuration, CosmosSettings.Section, problems));
        Register(services, SettingsBinder.Bind<StorageSettings>(configuration, StorageSettings.Section, problems));
        Register(services, SettingsBinder.Bind<EmailSettings>(configuration, EmailSettings.Section, problems));
        Register(services, SettingsBinder.Bind<IntakeSettings>(configuration, IntakeSettings.Section, problems));
        Register(services, SettingsBinder.Bind<InputSettings>(configuration, InputSettings.Section, problems));
        Register(services, SettingsBinder.Bind<AppSettings>(configuration, AppSettings.Section, problems));
        Register(services, SettingsBinder.Bind<ApprovalSettings>(configuration, ApprovalSettings.Section, problems));
        Register(services, SettingsBinder.Bind<LifecycleSettings>(configuration, LifecycleSettings.Section, problems));
        Register(services, SettingsBinder.Bind<BenefitsSettings>(configuration, BenefitsSettings.Section, problems));
        Register(services, SettingsBinder.Bind<ServiceSettings>(configuration, ServiceSettings.Section, problems));
        Register(services, SettingsBinder.Bind<DataProtectionSettings>(configuration, DataProtectionSettings.Section, problems));
        Register(services, SettingsBinder.Bind<DurableSettings>(configuration, DurableSettings.Section, problems));
        Register(services, SettingsBinder.Bind<LocalTriggerSettings>(configuration, LocalTriggerSettings.Section, problems));
        var auth = SettingsBinder.Bind<AuthSettings>(configuration, AuthSettings.Section, problems);
        Register(services, auth);

        if (auth.DevSignIn && !environment.IsDevelopment())
        {
            problems.Add($"Auth__DevSignIn: dev sign-in is refused in the {environment.EnvironmentName} environment; it is for Development only.");
        }

        if (!environment.IsDevelopment() && !auth.BearerConfigured && !auth.TrustAppServiceAuthentication)
        {
            problems.Add("Auth__TenantId and Auth__Audience: required outside Development (or set Auth__TrustAppServiceAuthentication).");
        }

        if (problems.Count > 0)
        {
            throw new SettingsException("Delivery cannot start; fix these settings: " + string.Join("; ", problems));
        }

        return services;
    }

    private static void Register<T>(IServiceCollection services, T settings)
        where T : class => services.AddSingleton(Options.Create(settings));
}
