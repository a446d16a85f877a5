using System.Globalization;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Monitoring;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Views;
using Microsoft.Extensions.Logging;

namespace Delivery.Workflows.Digest;

/// <summary>What one digest run did: leads emailed, leads already emailed this week, and those whose email failed.</summary>
public sealed record DigestReport(int LeadsEmailed, int AlreadySentThisWeek, IReadOnlyList<string> Failed, DigestFigures Figures);

/// <summary>
/// The weekly digest for delivery leads (everyone in the directory holding the digest role): the week's figures read
/// once from the view partitions, then one email per lead per ISO week, keyed by the week, so a second run sends nothing.
/// </summary>
public sealed class WeeklyDigest(PortfolioView portfolio, ControlsView controls, BenefitsView benefits, EmailOutbox outbox, ApprovalPolicy directory, WorkflowEnvironment environment, ILogger<WeeklyDigest> logger)
{
    /// <summary>How many of the longest-waiting approvals the digest lists.</summary>
    public const int LongestWaiting = 5;

    /// <summary>The partition that holds a person's digest emails' once-only claims.</summary>
    public static string PartitionFor(string personId) => "digest~" + personId.ToLowerInvariant();

    /// <summary>The ISO week of the day, as the email key names it (2027-W02).</summary>
    public static string WeekOf(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}");

    public async Task<DigestReport> RunAsync(DateOnly today, string role, int riskReviewDays, CancellationToken cancellationToken)
    {
        var figures = await DigestFigures.ReadAsync(portfolio, controls, benefits, today, riskReviewDays, cancellationToken);
        var week = WeekOf(today);
        int emailed = 0, already = 0;
        var failed = new List<string>();
        foreach (var lead in directory.People.Where(p => p.Holds(role)))
        {
            try
            {
                var message = WeeklyDigestEmail.Build(new Projects.Person(lead.Name, lead.Email), figures, today, environment.PublicBaseUrl);
                _ = await outbox.SendOnceAsync(PartitionFor(lead.Id), $"digest:{lead.Id}:{week}", message, cancellationToken) ? emailed++ : already++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed.Add(lead.Id);
                logger.LogError(ex, "The weekly digest to person {PersonId} failed; the others go on", lead.Id);
            }
        }

        return new DigestReport(emailed, already, failed, figures);
    }
}
