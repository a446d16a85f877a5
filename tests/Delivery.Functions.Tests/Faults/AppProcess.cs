using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Faults;

/// <summary>
/// The built app as a real child process (<c>dotnet Delivery.Functions.dll</c>, standalone), its settings as
/// environment variables, its stdout and stderr in a file under the test output folder (named in failures).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(Process process, StreamWriter log, string logPath, Uri baseAddress)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the app with the given settings (configuration keys, <c>:</c> separated) on a free loopback port and
    /// waits until <c>/api/health</c> answers 200.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IDictionary<string, string?> settings, string logName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var output = FunctionsOutput();
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(output, "Delivery.Functions.dll") },

            // The output folder: host.json is beside the dll, and no local.settings.json is read from there up.
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["urls"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__DurableTask.AzureStorage"] = "Warning";
        start.Environment["Logging__LogLevel__DurableTask.Core"] = "Warning";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        var folder = Path.Combine(AppContext.BaseDirectory, "fault-logs");
        Directory.CreateDirectory(folder);
        var logPath = Path.Combine(folder, $"{logName}.log");
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, "out", e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, "err", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, log, logPath, baseAddress);
        try
        {
            await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client signed in (dev sign-in) as a seeded person.</summary>
    public HttpClient ClientAs(string personId)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Dev-User", personId);
        return client;
    }

    /// <summary>SIGKILL (kill -9 on Linux): no graceful stop, no lease release. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
            lock (_log)
            {
                _log.Dispose();
            }
        }
    }

    /// <summary>Where the functions project put its build for the tests' configuration (bin/&lt;cfg&gt;/net10.0).</summary>
    private static string FunctionsOutput()
    {
        var metadata = Repository.FunctionsMetadata();
        var folder = Path.GetDirectoryName(metadata)!;
        var built = Path.Combine(Repository.Root(), "functions", "bin", new DirectoryInfo(folder).Parent!.Name, new DirectoryInfo(folder).Name);
        return File.Exists(Path.Combine(built, "Delivery.Functions.dll")) ? built : folder;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Write(StreamWriter log, string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine($"{stream}: {line}");
            }
            catch (ObjectDisposedException)
            {
                // A last line after the process was disposed.
            }
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_process.HasExited, $"The app exited with {(_process.HasExited ? _process.ExitCode : 0)} before it was healthy; see {LogPath}.");
            try
            {
                using var response = await http.GetAsync("/api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"The app was not healthy within {timeout}; see {LogPath}.");
            await Task.Delay(200);
        }
    }
}
