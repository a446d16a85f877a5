namespace Delivery.Functions.App.Hosting;

/// <summary>
/// Tells whether the Azure Functions host started this process, the same way the isolated worker finds its host.
/// </summary>
/// <remarks>
/// The 2.x worker (Azure/azure-functions-dotnet-worker) reads the host's gRPC address from the configuration key
/// <c>Functions:Worker:HostEndpoint</c>: <c>WorkerHostBuilderExtensions.RegisterCommandLine</c> maps the host's
/// <c>--functions-uri</c> switch onto it, environment variables (plain and <c>AZURE_FUNCTIONS_</c>-prefixed) are
/// configuration sources too, and <c>GrpcServiceCollectionExtensions</c> refuses to start without it. So its
/// presence, from the same sources, means "the host started us"; its absence means a standalone run.
/// </remarks>
public static class FunctionsHost
{
    public const string HostEndpointKey = "Functions:Worker:HostEndpoint";

    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--functions-uri"] = HostEndpointKey,
        ["--functions-request-id"] = "Functions:Worker:RequestId",
        ["--functions-worker-id"] = "Functions:Worker:WorkerId",
        ["--functions-grpc-max-message-length"] = "Functions:Worker:GrpcMaxMessageLength",
    };

    public static bool StartedTheProcess(string[] args) => StartedTheProcess(Read(args));

    public static bool StartedTheProcess(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[HostEndpointKey]);

    private static IConfigurationRoot Read(string[] args) => new ConfigurationBuilder()
        .AddEnvironmentVariables("AZURE_FUNCTIONS_")
        .AddEnvironmentVariables()
        .AddCommandLine(args, SwitchMappings)
        .Build();
}
