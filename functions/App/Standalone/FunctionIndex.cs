namespace Delivery.Functions.App.Standalone;

/// <summary>The functions the standalone host serves: every <c>[Function]</c> method of the app assembly, unless a test supplies its own.</summary>
public sealed class FunctionIndex(IReadOnlyList<StandaloneFunction> functions)
{
    public IReadOnlyList<StandaloneFunction> Functions { get; } = functions;

    public IEnumerable<StandaloneFunction> Http => Functions.Where(f => f.Http is not null);

    public IEnumerable<StandaloneFunction> Timers => Functions.Where(f => f.Timer is not null);

    public IEnumerable<StandaloneFunction> Queues => Functions.Where(f => f.Queue is not null);

    public static FunctionIndex ForApp() => new(StandaloneFunction.FindAll(typeof(FunctionIndex).Assembly));
}
