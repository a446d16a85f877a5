namespace Delivery.Functions.App.DataProtection;

/// <summary>The services behind subject access, erasure and retention.</summary>
public static class DataProtectionRegistration
{
    public static IServiceCollection AddDataProtectionJobs(this IServiceCollection services)
    {
        services.AddSingleton<PseudonymKey>();
        services.AddSingleton<DataProtectionLog>();
        services.AddSingleton<PersonalDataDocuments>();
        services.AddSingleton<PersonalDataFiles>();
        services.AddSingleton<PersonalData>();
        return services;
    }
}
