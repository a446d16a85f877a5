using System.Collections.Concurrent;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>
/// Writes a test app's log to a file when <c>DELIVERY_TEST_LOGS</c> names a folder: xunit shows no console output,
/// and a failing journey is explained by what the app logged.
/// </summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Timer _flush = new(_ => { }, null, Timeout.Infinite, Timeout.Infinite);

    public static void AddTo(ILoggingBuilder logging, string name)
    {
        var folder = Environment.GetEnvironmentVariable("DELIVERY_TEST_LOGS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            logging.AddProvider(new FileLoggerProvider(Path.Combine(folder, $"{name}.log")));
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        _flush.Dispose();
        Flush();
    }

    private void Write(string line)
    {
        _lines.Enqueue(line);
        if (_lines.Count > 50)
        {
            Flush();
        }
    }

    private void Flush()
    {
        var batch = new List<string>();
        while (_lines.TryDequeue(out var line))
        {
            batch.Add(line);
        }

        lock (_lines)
        {
            File.AppendAllLines(path, batch);
        }
    }

    private sealed class Logger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && !category.StartsWith("DurableTask.AzureStorage", StringComparison.Ordinal))
            {
                provider.Write($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
