namespace Delivery.Functions.App.Hosting;

/// <summary>
/// The code behind one non-HTTP function (timer or queue trigger). Its <see cref="Name"/> is the folder of its
/// function.json; the host invokes it as <c>POST /{Name}</c> and so does the local trigger runner.
/// </summary>
public interface IFunctionHandler
{
    string Name { get; }

    /// <summary>Runs the function; throwing fails the invocation, so the host retries a queue message.</summary>
    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
