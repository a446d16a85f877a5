using Delivery.Workflows.Monitoring;

namespace Delivery.Workflows.Cadence;

/// <summary>
/// What a service team's cadence adds to the daily reminders: the next retrospective not recorded, for the delivery
/// manager, dated at the end of its iteration; and every retrospective action not done, for its owner, dated when due.
/// Both are reminded once their date has passed, like a risk action.
/// </summary>
public static class CadenceReminders
{
    /// <summary>The iteration whose retrospective is due next: the one after the latest recorded, or the first.</summary>
    public static int NextDue(IReadOnlyList<Retrospective> retrospectives)
    {
        ArgumentNullException.ThrowIfNull(retrospectives);
        return retrospectives.Count == 0 ? 1 : retrospectives.Max(r => r.Iteration) + 1;
    }

    /// <summary>The reminders; <paramref name="deliveryManager"/> is the project manager's email address (who runs the retrospectives), and without a cadence no retrospective is due.</summary>
    public static IEnumerable<ReminderItem> For(TeamCadence? cadence, IReadOnlyList<Retrospective> retrospectives, string? deliveryManager)
    {
        ArgumentNullException.ThrowIfNull(retrospectives);
        var actions = retrospectives.SelectMany(r => r.Actions.Where(a => !a.Done)
            .Select(a => new ReminderItem(a.OwnerId, ReminderKind.RetrospectiveAction, $"retrospective-{r.Iteration}/{a.ActionId}", a.Description, a.Due)));
        if (cadence is null || deliveryManager is null)
        {
            return actions;
        }

        var next = NextDue(retrospectives);
        var due = new ReminderItem(deliveryManager, ReminderKind.RetrospectiveDue, $"retrospective-{next}", $"Iteration {next}", cadence.EndOf(next));
        return actions.Prepend(due);
    }
}
