namespace Delivery.Workflows.Tests.Support;

/// <summary>
/// The business clock of the workflow tests: starts at a chosen moment and runs on with real time, and a test may
/// jump it forward (<see cref="Advance"/>) to stamp later decisions. Real time goes on underneath because the engine's
/// timers run on it.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly DateTimeOffset _realStart = DateTimeOffset.UtcNow;
    private TimeSpan _advanced;

    public override DateTimeOffset GetUtcNow() => start + (DateTimeOffset.UtcNow - _realStart) + _advanced;

    public void Advance(TimeSpan by) => _advanced += by;

    /// <summary>The real moment a business time stands for, ignoring jumps (so it is the same however often it is asked).</summary>
    public DateTimeOffset RealTimeOf(DateTimeOffset businessTime) => businessTime - (start - _realStart);
}
