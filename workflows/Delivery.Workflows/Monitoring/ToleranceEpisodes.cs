namespace Delivery.Workflows.Monitoring;

/// <summary>The figures with the day's episodes, and the breaches to raise.</summary>
public sealed record EpisodeUpdate(ControlFigures Figures, IReadOnlyList<ToleranceBreach> Raised, bool Changed);

/// <summary>
/// Turns a day's readings into breach episodes: a breach is raised once when it starts, not again each day while it
/// stands, again when it worsens beyond its worst band so far, and as a new episode when it recurs after it was
/// resolved (back within tolerance).
/// </summary>
public static class ToleranceEpisodes
{
    public static EpisodeUpdate Apply(ControlFigures figures, IReadOnlyList<ToleranceReading> readings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(readings);
        var open = new Dictionary<string, ToleranceEpisode>(figures.OpenEpisodes, StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(figures.EpisodeCounts, StringComparer.Ordinal);
        var raised = new List<ToleranceBreach>();
        var changed = false;
        foreach (var reading in readings)
        {
            var key = reading.Kind.ToString();
            var current = open.GetValueOrDefault(key);
            if (!reading.Breached)
            {
                changed |= open.Remove(key);
            }
            else if (current is null)
            {
                var number = counts.GetValueOrDefault(key) + 1;
                counts[key] = number;
                open[key] = new ToleranceEpisode(number, reading.Band, today);
                raised.Add(new ToleranceBreach(figures.Id, reading.Kind, number, reading.Band, Worsened: false, reading.Measure, today));
                changed = true;
            }
            else if (reading.Band > current.Band)
            {
                open[key] = current with { Band = reading.Band };
                raised.Add(new ToleranceBreach(figures.Id, reading.Kind, current.Number, reading.Band, Worsened: true, reading.Measure, today));
                changed = true;
            }
        }

        return new EpisodeUpdate(changed ? figures with { OpenEpisodes = open, EpisodeCounts = counts } : figures, raised, changed);
    }
}
