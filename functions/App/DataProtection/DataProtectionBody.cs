using Delivery.Functions.SubmitProject;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.App.DataProtection;

/// <summary>
/// A data protection request as sent to the API: <c>{"email"}</c> for a subject access export, and with
/// <c>"reason"</c> (why the person's data is erased, e.g. "Right to erasure request 2026-114") for an erasure.
/// </summary>
public sealed record DataProtectionBody(string? Email, string? Reason)
{
    public static readonly DataProtectionBody Empty = new(null, null);

    /// <summary>The request's address and reason, or the problem answer (unreadable body, or every bad field named).</summary>
    public static async Task<(string? Email, string? Reason, IResult? Failure)> ReadAsync(HttpRequest request, bool needsReason, InputLimits limits, CancellationToken cancellationToken)
    {
        var (body, failure) = await JsonBody.ReadAsync<DataProtectionBody>(request, limits, cancellationToken);
        if (failure is not null)
        {
            return (null, null, failure);
        }

        var sent = body ?? Empty;
        var (email, errors) = sent.Read(needsReason, limits);
        return email is null ? (null, null, Problems.Validation(errors)) : (email, sent.Reason?.Trim(), null);
    }

    /// <summary>Every bad field named; the address trimmed when there is none.</summary>
    public (string? Email, Dictionary<string, string[]> Errors) Read(bool needsReason, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var email = Email?.Trim() ?? string.Empty;
        if (email.Length == 0)
        {
            errors["email"] = ["Enter the person's email address."];
        }
        else if (email.Length > 254 || !FieldReader.IsEmail(email))
        {
            errors["email"] = ["Enter an email address in the correct format, like name@example.gov.uk."];
        }

        var reason = Reason?.Trim() ?? string.Empty;
        if (needsReason && reason.Length == 0)
        {
            errors["reason"] = ["Enter why the person's data is erased, such as the reference of their request."];
        }
        else if (reason.Length > limits.MaxReasonLength)
        {
            errors["reason"] = [$"The reason must be {limits.MaxReasonLength} characters or fewer."];
        }

        return (errors.Count == 0 ? email : null, errors);
    }
}
