using Delivery.Functions.App.Auth;
using Delivery.Functions.App.DataProtection;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.Erasure;

/// <summary>
/// The <c>Erasure</c> function: <c>POST /api/admin/data-protection/erasure</c> with <c>{"email","reason"}</c>, for an
/// administrator, anonymises the person everywhere (projects, views, email records, audit entries and documents)
/// under a stable pseudonym, audits it in each project it changed and in the data protection log, and says what it
/// changed and which uploaded files a person must review. Sending it again finds nothing more to change.
/// </summary>
public sealed class ErasureFunction(PersonalData personalData, InputLimits limits)
{
    public const string Name = nameof(Erasure);

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/data-protection/erasure")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (Problems.UnlessAdmin(req.HttpContext.User, "erase a person's personal data") is { } refused)
        {
            return refused;
        }

        var (email, reason, failure) = await DataProtectionBody.ReadAsync(req, needsReason: true, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        return TypedResults.Ok(await personalData.EraseAsync(email!, req.HttpContext.User.UserId(), reason!, cancellationToken));
    }
}
