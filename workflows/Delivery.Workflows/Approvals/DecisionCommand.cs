namespace Delivery.Workflows.Approvals;

/// <summary>A decision someone asks to record: by whom, with which link token (none through the API), and what.</summary>
public sealed record DecisionCommand(string StepId, string UserId, string? Token, ApprovalOutcome Outcome, string? Comment, InitiationAdjustments? Adjustments = null);

/// <summary>What became of a command: recorded, or why not (each maps to one HTTP status).</summary>
public enum CommandStatus
{
    Recorded,
    Invalid,
    NotFound,
    Forbidden,
    LinkExpired,
    LinkUsed,
    Conflict,
}

/// <summary>The result of a command, with a message for the person and the field it is about when invalid.</summary>
public sealed record CommandResult(CommandStatus Status, string Message, string? Field = null, StepDecision? Decision = null)
{
    /// <summary>Every bad field with its message, when the command was invalid.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public static CommandResult Invalid(string field, string message) =>
        new(CommandStatus.Invalid, message, field) { Errors = new Dictionary<string, string[]> { [field] = [message] } };

    public static CommandResult Invalid(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var (field, messages) = errors.First();
        return new(CommandStatus.Invalid, messages[0], field) { Errors = errors };
    }
}
