using Delivery.Workflows.Approvals;
using Delivery.Workflows.Audit;
using Delivery.Workflows.Notifications;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Services;
using Delivery.Workflows.Views;
using Microsoft.Extensions.Logging;

namespace Delivery.Workflows.Performance;

/// <summary>What one monthly run did: services reported on, emails sent, emails sent before (a second run), and the services whose report failed.</summary>
public sealed record PerformanceReportRun(string Month, int Services, int Emailed, int AlreadySent, IReadOnlyList<string> Failed);

/// <summary>
/// The monthly performance report: every digital service in beta (private or public) or live, with at least one
/// measure, emails its stakeholders the month's figures against target. Stakeholders are the sponsor, the delivery
/// manager (the project's manager) and the people named on the service's performance record.
/// </summary>
/// <remarks>
/// Services are found from the portfolio view's partition (digital-service rows), never by a cross-partition query.
/// Each email is claimed in the project's partition under (project, month, address) before it goes, so a second run
/// of the timer, or a run retried after a failure, sends nobody the same month twice; the audit entry is keyed by
/// (project, month) and written once.
/// </remarks>
public sealed class MonthlyPerformanceReport(
    PortfolioView portfolio, ProjectRepository projects, ServiceRepository services, PerformanceRepository performance, EmailOutbox outbox, ApprovalPolicy directory,
    AuditLog audit, WorkflowEnvironment environment, TimeProvider clock, ILogger<MonthlyPerformanceReport> logger)
{
    public const string Actor = "system:performance-report";

    /// <summary>The phases whose services report monthly: they have users, so they have figures.</summary>
    public static bool Reports(ServicePhase phase) => phase is ServicePhase.PrivateBeta or ServicePhase.PublicBeta or ServicePhase.Live;

    /// <summary>Reports <paramref name="month"/> (<c>yyyy-MM</c>, the month just ended) for every service that reports.</summary>
    public async Task<PerformanceReportRun> RunAsync(string month, CancellationToken cancellationToken)
    {
        int reported = 0, emailed = 0, already = 0;
        var failed = new List<string>();
        await foreach (var row in portfolio.AllAsync(new PortfolioFilter(Category: ProjectCategory.DigitalService), cancellationToken))
        {
            try
            {
                if (await ReportAsync(row.Id, month, cancellationToken) is { } sent)
                {
                    reported++;
                    emailed += sent.Emailed;
                    already += sent.Already;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed.Add(row.Id);
                logger.LogError(ex, "The performance report of {ProjectId} for {Month} failed; the others go on", row.Id, month);
            }
        }

        return new PerformanceReportRun(month, reported, emailed, already, failed);
    }

    /// <summary>One service's report, or null when it does not report this month.</summary>
    public async Task<(int Emailed, int Already)?> ReportAsync(string projectId, string month, CancellationToken cancellationToken)
    {
        var service = await services.GetAsync(projectId, cancellationToken);
        if (service is not { Status: ServiceStatus.Active } || !Reports(service.Phase)
            || await performance.GetAsync(projectId, cancellationToken) is not { Measures.Count: > 0 } record
            || await projects.GetAsync(projectId, cancellationToken) is not { } project)
        {
            return null;
        }

        var figures = PerformanceFigures.For(record, month);
        int emailed = 0, already = 0;
        foreach (var person in Stakeholders(project, record, directory))
        {
            var message = PerformanceReportEmail.Build(person, projectId, project.Request.Title, month, figures, environment.PublicBaseUrl);
            _ = await outbox.SendOnceAsync(projectId, $"performance-report:{projectId}:{month}:{person.Email.ToLowerInvariant()}", message, cancellationToken) ? emailed++ : already++;
        }

        await audit.AppendAsync($"{projectId}~performance-report~{month}", new AuditEntry
        {
            Id = string.Empty,
            ProjectId = projectId,
            At = clock.GetUtcNow(),
            Actor = Actor,
            Action = AuditAction.PerformanceReportSent,
            Summary = $"The performance report for {Months.Name(month)} was emailed to the service's stakeholders ({figures.Count(f => f.OnTarget == true)} of {figures.Count} measures met)",
            Subject = month,
        }, cancellationToken);
        return (emailed, already);
    }

    /// <summary>The sponsor, the delivery manager and the named stakeholders, each address once.</summary>
    public static IReadOnlyList<Person> Stakeholders(ProjectDocument project, PerformanceRecord record, ApprovalPolicy directory)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(directory);
        IEnumerable<Person?> people = [project.Request.Sponsor, project.ProjectManager, .. record.StakeholderIds.Select(id => directory.Find(id) is { } a ? new Person(a.Name, a.Email) : null)];
        return people.OfType<Person>().Where(p => !string.IsNullOrWhiteSpace(p.Email)).DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
