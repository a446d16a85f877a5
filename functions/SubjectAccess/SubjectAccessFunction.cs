using Delivery.Functions.App.Auth;
using Delivery.Functions.App.DataProtection;
using Delivery.Functions.App.Pages;
using Delivery.Workflows.Projects;
using Microsoft.Azure.Functions.Worker;

namespace Delivery.Functions.SubjectAccess;

/// <summary>What the subject access page shows: the address as typed, its error, and the export once made.</summary>
public sealed record SubjectAccessModel(string? Email, IReadOnlyDictionary<string, string> Errors, SubjectAccessExport? Export);

/// <summary>
/// Subject access, for an administrator: <c>POST /api/admin/data-protection/subject-access</c> with <c>{"email"}</c>
/// gives everything held about the person as JSON; the page <c>/api/admin/data-protection/subject-access/page</c>
/// asks for the address and shows the same export to read. The address travels in the body, never in a URL, so it
/// stays out of logs. Each export is recorded in the data protection log with the date it is due by in law.
/// </summary>
public sealed class SubjectAccessFunction(PersonalData personalData, InputLimits limits, PageRenderer pages)
{
    public const string ExportName = "SubjectAccessExport";
    public const string PageName = "SubjectAccessPage";

    [Function(ExportName)]
    public async Task<IResult> ExportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/data-protection/subject-access")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (Problems.UnlessAdmin(req.HttpContext.User, "export a person's personal data") is { } refused)
        {
            return refused;
        }

        var (email, _, failure) = await DataProtectionBody.ReadAsync(req, needsReason: false, limits, cancellationToken);
        return failure ?? TypedResults.Ok(await personalData.ExportAsync(email!, req.HttpContext.User.UserId(), cancellationToken));
    }

    [Function(PageName)]
    [SignInPage]
    public async Task<IResult> PageAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "admin/data-protection/subject-access/page")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var http = req.HttpContext;
        if (!http.User.IsInRole(Roles.Admin))
        {
            return await pages.MessageAsync(http, new("You cannot see this page", "Subject access requests are answered by an administrator."), StatusCodes.Status403Forbidden);
        }

        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.PageAsync<SubjectAccessPage, SubjectAccessModel>(http, new(null, new Dictionary<string, string>(), null));
        }

        var (form, bad) = await FormBody.ReadAsync(req, limits, cancellationToken);
        if (form is null || bad is not null)
        {
            return await pages.MessageAsync(http, new("Your form could not be sent", bad!.Message), bad.Status);
        }

        var typed = form["email"].ToString();
        var (email, errors) = new DataProtectionBody(typed, null).Read(needsReason: false, limits);
        if (email is null)
        {
            return await pages.PageAsync<SubjectAccessPage, SubjectAccessModel>(
                http, new(typed, errors.ToDictionary(e => e.Key, e => e.Value[0]), null), StatusCodes.Status400BadRequest);
        }

        var export = await personalData.ExportAsync(email, http.User.UserId(), cancellationToken);
        return await pages.PageAsync<SubjectAccessPage, SubjectAccessModel>(http, new(email, new Dictionary<string, string>(), export));
    }
}
