namespace Delivery.Benchmarks;

/// <summary>CPU time (utime + stime from /proc/&lt;pid&gt;/stat) of this process and the local service processes.</summary>
internal sealed class ProcessCpu
{
    // USER_HZ: clock ticks per second in /proc/<pid>/stat; 100 on Linux for every common architecture.
    private const double TicksPerSecond = 100;

    private readonly Dictionary<string, int[]> _pids;

    private ProcessCpu(Dictionary<string, int[]> pids) => _pids = pids;

    public IEnumerable<string> Names => _pids.Keys;

    /// <summary>This process, and the node processes whose command line names azurite, cosmos-server.js or maildev.</summary>
    public static ProcessCpu Find()
    {
        var found = new Dictionary<string, List<int>> { ["this process"] = [Environment.ProcessId], ["azurite"] = [], ["cosmos-server"] = [], ["maildev"] = [] };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string cmdline;
            try
            {
                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (!cmdline.StartsWith("node", StringComparison.Ordinal) && !cmdline.Contains("/node ", StringComparison.Ordinal))
            {
                continue;
            }

            if (cmdline.Contains("azurite", StringComparison.Ordinal))
            {
                found["azurite"].Add(pid);
            }
            else if (cmdline.Contains("cosmos-server", StringComparison.Ordinal))
            {
                found["cosmos-server"].Add(pid);
            }
            else if (cmdline.Contains("maildev", StringComparison.Ordinal))
            {
                found["maildev"].Add(pid);
            }
        }

        return new ProcessCpu(found.Where(f => f.Value.Count > 0).ToDictionary(f => f.Key, f => f.Value.ToArray()));
    }

    public string Describe() => string.Join(", ", _pids.Select(p => $"{p.Key} pid {string.Join('/', p.Value)}"));

    /// <summary>CPU seconds used so far, per name.</summary>
    public Dictionary<string, double> Read() => _pids.ToDictionary(p => p.Key, p => p.Value.Sum(CpuSeconds));

    private static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
