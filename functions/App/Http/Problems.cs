namespace Delivery.Functions;

/// <summary>RFC 9457 problem details for the app's error answers; never anonymous objects.</summary>
public static class Problems
{
    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>403 for anyone but an administrator (null for an administrator), saying what only they may do.</summary>
    public static IResult? UnlessAdmin(System.Security.Claims.ClaimsPrincipal user, string onlyTheyMay) =>
        user?.IsInRole(App.Auth.Roles.Admin) == true ? null : Status(StatusCodes.Status403Forbidden, "Administrators only", $"Only an administrator may {onlyTheyMay}.");

    /// <summary>400 with an <c>errors</c> member naming every bad field.</summary>
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "There is a problem with the request", detail: "Correct the fields listed in errors and send it again.");
}
