namespace Delivery.Workflows.Monitoring;

/// <summary>One tolerance read on one day: band 0 within tolerance, 1 just beyond, 2 beyond by twice as much…</summary>
public sealed record ToleranceReading(ToleranceKind Kind, int Band, string Measure)
{
    public bool Breached => Band > 0;

    /// <summary>
    /// How far beyond its tolerance a measure is, in multiples of the tolerance: at the edge is within (0), just
    /// over is 1, over twice the tolerance 2. A tolerance of zero makes any deviation band 1.
    /// </summary>
    public static int BandOf(decimal deviation, decimal tolerance)
    {
        if (deviation <= tolerance)
        {
            return 0;
        }

        return tolerance <= 0 ? 1 : (int)Math.Ceiling(deviation / tolerance) - 1;
    }
}
