namespace Delivery.Durable;

/// <summary>
/// The orchestrator's code no longer matches its history (it scheduled something else, or nothing, at a step that
/// history records). The instance fails with this error; the message names the step and both sides.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
