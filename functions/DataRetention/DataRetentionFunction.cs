using Delivery.Functions.App.DataProtection;
using Delivery.Functions.App.Settings;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Delivery.Functions.DataRetention;

/// <summary>
/// Nightly timer: anonymises the personal data in every project that finished (closed, done, withdrawn or rejected)
/// more than <c>DataProtection__RetentionYears</c> ago, everyone in it alike; each project once, logged and audited.
/// A run cut short is finished by the next.
/// </summary>
public sealed class DataRetentionFunction(PersonalData personalData, IOptions<DataProtectionSettings> settings, TimeProvider clock, ILogger<DataRetentionFunction> logger)
{
    public const string Name = nameof(DataRetention);

    /// <summary>02:45 UTC every night (six fields, seconds first), before the history purge.</summary>
    public const string Schedule = "0 45 2 * * *";

    /// <returns>The projects anonymised by this run.</returns>
    [Function(Name)]
    public async Task<IReadOnlyList<string>> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var finishedBefore = clock.GetUtcNow().AddYears(-settings.Value.RetentionYears);
        var anonymised = await personalData.RetainAsync(finishedBefore, cancellationToken);
        logger.LogInformation("Data retention: anonymised {Count} projects finished before {Cutoff:u}", anonymised.Count, finishedBefore);
        return anonymised;
    }
}
