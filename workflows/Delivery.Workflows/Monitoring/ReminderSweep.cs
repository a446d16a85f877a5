using Delivery.Workflows.Approvals;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Microsoft.Extensions.Logging;

namespace Delivery.Workflows.Monitoring;

/// <summary>One item a person is reminded of, with the project it belongs to.</summary>
public sealed record DueReminder(string ProjectId, string ProjectTitle, ReminderItem Item);

/// <summary>What one reminder run did: people emailed, items in those emails, people already emailed today.</summary>
public sealed record ReminderReport(int PeopleEmailed, int Items, int AlreadySentToday, IReadOnlyList<string> Failed);

/// <summary>
/// The daily reminders: reads every approved project's <see cref="ControlFigures"/> a page at a time, picks the risks
/// not reviewed for more than the set number of days, the risk actions past due and the highlight reports overdue,
/// and sends each person one email a day listing all of theirs, across projects: never one email per item, never two
/// in a day.
/// </summary>
public sealed class ReminderSweep(ControlsView controls, EmailOutbox outbox, ApprovalPolicy directory, WorkflowEnvironment environment, ILogger<ReminderSweep> logger)
{
    /// <summary>The partition that holds a person's reminder emails' once-only claims.</summary>
    public static string PartitionFor(string personId) => "reminders~" + personId.ToLowerInvariant();

    public async Task<ReminderReport> RunAsync(DateOnly today, int riskReviewDays, CancellationToken cancellationToken)
    {
        var due = new List<DueReminder>();
        await foreach (var page in controls.PagesAsync(ToleranceSweep.PageSize, cancellationToken))
        {
            due.AddRange(page.Where(f => f.Active).SelectMany(f => f.Reminders
                .Where(r => r.Kind == ReminderKind.RiskReview ? r.Date.AddDays(riskReviewDays) < today : r.Date < today)
                .Select(r => new DueReminder(f.Id, f.Title, r))));
        }

        int emailed = 0, items = 0, already = 0;
        var failed = new List<string>();
        // Risk items name people by directory id and highlight reports by the manager's address: one email per person either way.
        foreach (var person in due.GroupBy(d => (directory.Find(d.Item.PersonId) ?? directory.FindByEmail(d.Item.PersonId))?.Id ?? d.Item.PersonId, StringComparer.OrdinalIgnoreCase))
        {
            var to = directory.Find(person.Key);
            if (to is null)
            {
                logger.LogWarning("{Count} reminders are for a person no longer in the directory", person.Count());
                continue;
            }

            try
            {
                var list = person.OrderBy(d => d.Item.Date).ThenBy(d => d.ProjectId, StringComparer.Ordinal).ToList();
                var message = RemindersEmail.Build(new Projects.Person(to.Name, to.Email), list, today, riskReviewDays, environment.PublicBaseUrl);
                if (await outbox.SendOnceAsync(PartitionFor(to.Id), $"reminders:{to.Id}:{today:yyyy-MM-dd}", message, cancellationToken))
                {
                    emailed++;
                    items += list.Count;
                }
                else
                {
                    already++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed.Add(to.Id);
                logger.LogError(ex, "The reminder email to person {PersonId} failed; the others go on", to.Id);
            }
        }

        return new ReminderReport(emailed, items, already, failed);
    }
}
