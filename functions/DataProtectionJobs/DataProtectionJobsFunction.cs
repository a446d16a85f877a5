using Delivery.Functions.App.DataProtection;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.DataProtectionJobs;

/// <summary>
/// <c>GET /api/admin/data-protection/jobs</c>, for an administrator: the data protection log, newest first — every
/// subject access export, erasure and retention run with who asked, when it was received, when it was due by law,
/// when it was done and what it touched. The people are named only by their pseudonyms.
/// </summary>
public sealed class DataProtectionJobsFunction(DataProtectionLog log)
{
    public const string Name = "DataProtectionJobs";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/data-protection/jobs")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (Problems.UnlessAdmin(req.HttpContext.User, "read the data protection log") is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await log.ListAsync(cancellationToken));
    }
}
