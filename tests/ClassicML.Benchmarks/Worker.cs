using System.Diagnostics;
using System.Text.Json;

namespace ClassicML.Benchmarks;

/// <summary>Runs one C# workload in this process and prints its times, peak memory and check value as JSON.</summary>
public static class Worker
{
    /// <summary><c>worker NAME DATA-DIR REPEATS</c>: warm-up once, then time REPEATS runs.</summary>
    public static int Run(string[] args)
    {
        // Before anything touches Workloads: this one loads the notebooks' own (Debug) ClassicML.dll through the runner.
        if (args.Length == 3 && args[0] == "course-warm-cell")
            return Course.WarmCellWorker(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        if (args.Length != 3 || !Workloads.All.ContainsKey(args[0]))
        {
            Console.Error.WriteLine($"usage: worker <{string.Join('|', Workloads.All.Keys)}> <data-dir> <repeats>");
            return 2;
        }
        var run = Workloads.All[args[0]](args[1]);
        var check = run(); // warm-up (JIT, caches) and the value compared with the Python side
        var repeats = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var times = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            run();
            times[r] = sw.Elapsed.TotalSeconds;
        }
        Console.WriteLine(JsonSerializer.Serialize(new { workload = args[0], times, peak_rss_bytes = PeakRss(), check }));
        return 0;
    }

    /// <summary>The process's peak resident set (VmHWM), in bytes.</summary>
    public static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
