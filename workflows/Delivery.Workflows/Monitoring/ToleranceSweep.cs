using Microsoft.Extensions.Logging;

namespace Delivery.Workflows.Monitoring;

/// <summary>Where breaches go: the project's control orchestration in the app, a list in tests.</summary>
public interface IToleranceBreachSink
{
    Task RaiseAsync(ToleranceBreach breach, CancellationToken cancellationToken);
}

/// <summary>What one sweep did: projects evaluated, breaches raised, and the projects it could not evaluate.</summary>
public sealed record SweepReport(int Projects, int Breaches, IReadOnlyList<string> Failed);

/// <summary>
/// One run of the tolerance monitor: reads every project's <see cref="ControlFigures"/> a page at a time, reads each
/// active one against its tolerances for the day and raises what <see cref="ToleranceEpisodes"/> says is new.
/// </summary>
/// <remarks>
/// A breach is raised before its episode is written: if the write is lost the next sweep raises it again, and the
/// receiving side records each episode and band once, so nothing is lost and nothing duplicated. One project's
/// failure is logged and reported and the sweep goes on with the others.
/// </remarks>
public sealed class ToleranceSweep(ControlsView controls, ILogger<ToleranceSweep> logger)
{
    /// <summary>Figures read per query page: one request brings this many projects.</summary>
    public const int PageSize = 1000;

    private const int Parallelism = 16;

    public async Task<SweepReport> RunAsync(DateOnly today, IReadOnlyCollection<DateOnly> bankHolidays, IToleranceBreachSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var projects = 0;
        var breaches = 0;
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await foreach (var page in controls.PagesAsync(PageSize, cancellationToken))
        {
            var active = page.Where(f => f.Active).ToList();
            projects += active.Count;
            await Parallel.ForEachAsync(active, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (figures, ct) =>
            {
                try
                {
                    Interlocked.Add(ref breaches, await SweepOneAsync(figures, today, bankHolidays, sink, ct));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed.Add(figures.Id);
                    logger.LogError(ex, "Tolerance check of project {ProjectId} failed; the sweep goes on", figures.Id);
                }
            });
        }

        var report = new SweepReport(projects, breaches, failed.Order(StringComparer.Ordinal).ToList());
        if (report.Failed.Count > 0)
        {
            logger.LogError("Tolerance sweep could not check {Failed} of {Projects} projects: {ProjectIds}", report.Failed.Count, projects, string.Join(", ", report.Failed));
        }

        return report;
    }

    /// <returns>How many distinct breaches (episode and band) were raised: one raised again after a clash counts once.</returns>
    private async Task<int> SweepOneAsync(ControlFigures figures, DateOnly today, IReadOnlyCollection<DateOnly> bankHolidays, IToleranceBreachSink sink, CancellationToken cancellationToken)
    {
        var raised = new HashSet<string>(StringComparer.Ordinal);
        var current = figures;
        while (true)
        {
            var update = ToleranceEpisodes.Apply(current, ToleranceEvaluator.Evaluate(current, today, bankHolidays), today);
            if (!update.Changed)
            {
                return raised.Count;
            }

            foreach (var breach in update.Raised)
            {
                await sink.RaiseAsync(breach, cancellationToken);
                raised.Add(breach.Key);
            }

            if (await controls.TryReplaceAsync(update.Figures, cancellationToken))
            {
                return raised.Count;
            }

            // The figures changed since the page was read (a record was saved): evaluate the new ones. A breach
            // raised twice this way is recorded once by the receiving side.
            current = await controls.GetAsync(figures.Id, cancellationToken) ?? throw new InvalidOperationException($"The figures of {figures.Id} disappeared during the sweep.");
        }
    }
}
