using Delivery.Workflows.Approvals;

namespace Delivery.Functions;

/// <summary>Turns a workflow command's result into the HTTP answer: RFC 9457 problems for every refusal.</summary>
public static class CommandResults
{
    public static IResult ToProblem(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            CommandStatus.Invalid => Problems.Validation(result.Errors.Count > 0
                ? result.Errors.ToDictionary()
                : new Dictionary<string, string[]> { [result.Field ?? "request"] = [result.Message] }),
            CommandStatus.NotFound => Problems.Status(StatusCodes.Status404NotFound, "Not found", result.Message),
            CommandStatus.Forbidden => Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", result.Message),
            CommandStatus.LinkExpired => Problems.Status(StatusCodes.Status410Gone, "Link expired", result.Message),
            CommandStatus.LinkUsed => Problems.Status(StatusCodes.Status410Gone, "Link already used", result.Message),
            _ => Problems.Status(StatusCodes.Status409Conflict, "Conflict", result.Message),
        };
    }

    public static int StatusCode(CommandStatus status) => status switch
    {
        CommandStatus.Recorded => StatusCodes.Status200OK,
        CommandStatus.Invalid => StatusCodes.Status400BadRequest,
        CommandStatus.NotFound => StatusCodes.Status404NotFound,
        CommandStatus.Forbidden => StatusCodes.Status403Forbidden,
        CommandStatus.LinkExpired or CommandStatus.LinkUsed => StatusCodes.Status410Gone,
        _ => StatusCodes.Status409Conflict,
    };
}
