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
        if (!req.HttpContext.User.IsInRole(Roles.Admin))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Administrators only", "Only an administrator may erase a person's personal data.");
        }

        var (body, failure) = await JsonBody.ReadAsync<DataProtectionBody>(req, limits, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var request = body ?? DataProtectionBody.Empty;
        var (email, errors) = request.Read(needsReason: true, limits);
        if (email is null)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await personalData.EraseAsync(email, req.HttpContext.User.UserId(), request.Reason!.Trim(), cancellationToken));
    }
}
