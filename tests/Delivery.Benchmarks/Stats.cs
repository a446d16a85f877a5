using System.Diagnostics;

namespace Delivery.Benchmarks;

/// <summary>Latency samples in milliseconds, and their percentiles.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count
    {
        get
        {
            lock (_values)
            {
                return _values.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_values)
        {
            _values.Add(milliseconds);
        }
    }

    public void AddSince(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public double Percentile(double p)
    {
        lock (_values)
        {
            if (_values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _values.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }

    public string P50P95 => $"p50 {Percentile(50),7:F1} ms  p95 {Percentile(95),7:F1} ms  (n={Count})";
}
