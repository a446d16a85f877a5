namespace Delivery.Workflows.Approvals;

/// <summary>
/// When a step's reminder and escalation fall due: N working days after it was requested. Computed by an activity
/// and handed to the orchestrator as dates, because the engine's own clock cannot be replaced in tests.
/// </summary>
/// <remarks>Virtual so tests can make a working day a few seconds long; production always uses the calendar.</remarks>
public class ApprovalDeadlines
{
    public virtual DateTimeOffset DueAfter(DateTimeOffset requestedAt, int workingDays, IReadOnlyCollection<DateOnly> bankHolidays) =>
        new(WorkingDays.Add(requestedAt.UtcDateTime, workingDays, bankHolidays), TimeSpan.Zero);
}
