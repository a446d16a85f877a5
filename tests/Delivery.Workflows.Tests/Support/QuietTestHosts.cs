using System.Runtime.CompilerServices;

namespace Delivery.Workflows.Tests.Support;

/// <summary>
/// The SDK's in-process test host builds its sidecar and worker with the default host builder, which logs every gRPC
/// call to the console at Information: tens of thousands of lines per run that bury a failure. The default builder
/// reads logging levels from environment variables, so this assembly sets Warning before any host is built.
/// </summary>
internal static class QuietTestHosts
{
    [ModuleInitializer]
    internal static void LogWarningsOnly() => Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
}
