using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ClassicML.Benchmarks;

/// <summary>Runs one C# workload in this process and prints its times, peak memory and check value as JSON.</summary>
public static class Worker
{
    /// <summary>
    /// <c>worker NAME DATA-DIR REPEATS [--rows N] [--no-warmup] [--warmup-rows M]</c>: untimed warm-up runs for at least a
    /// second (unless --no-warmup; their result is the check value; with --warmup-rows on the M-row data instead), then
    /// REPEATS timed runs. <c>worker micro</c>: the per-value costs the document
    /// explains results with (see <see cref="Micro"/>).
    /// </summary>
    public static int Run(string[] args)
    {
        // Before anything touches Workloads: this one loads the notebooks' own (Debug) ClassicML.dll through the runner.
        if (args.Length == 3 && args[0] == "course-warm-cell")
            return Course.WarmCellWorker(int.Parse(args[2], CultureInfo.InvariantCulture));
        if (args.Length >= 1 && args[0] == "micro")
        {
            Console.WriteLine(JsonSerializer.Serialize(Micro.Measure()));
            return 0;
        }
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || (args[i - 1] != "--rows" && args[i - 1] != "--warmup-rows"))).ToArray();
        if (positional.Length != 3 || Workloads.Specs.All(s => s.Name != positional[0]))
        {
            Console.Error.WriteLine($"usage: worker <{string.Join('|', Workloads.Specs.Select(s => s.Name))}|micro> <data-dir> <repeats> [--rows N] [--no-warmup]");
            return 2;
        }
        var spec = Workloads.Spec(positional[0]);
        var rowsAt = Array.IndexOf(args, "--rows");
        var rows = rowsAt >= 0 ? int.Parse(args[rowsAt + 1], CultureInfo.InvariantCulture) : spec.Rows;
        var warmupAt = Array.IndexOf(args, "--warmup-rows");
        if (warmupAt >= 0)
        {
            // A large run warms the JIT on a smaller data set first (the same code, a second of it), then times one run.
            var small = Workloads.Create(spec, positional[1], int.Parse(args[warmupAt + 1], CultureInfo.InvariantCulture));
            var clock = Stopwatch.StartNew();
            do small();
            while (clock.Elapsed.TotalSeconds < 1.0);
            small = null;
            GC.Collect();
        }
        var run = Workloads.Create(spec, positional[1], rows);
        object? check = null;
        if (!args.Contains("--no-warmup"))
        {
            // Warm-up, repeated for at least a second: the tiered JIT replaces a method's first code only after a delay,
            // so a single short run would leave the timed runs partly in unoptimised code. Its answer is the check value.
            var warm = Stopwatch.StartNew();
            do check = run();
            while (warm.Elapsed.TotalSeconds < 1.0);
        }
        var repeats = int.Parse(positional[2], CultureInfo.InvariantCulture);
        var times = new double[repeats];
        var cpu = new double[repeats];
        var self = Process.GetCurrentProcess();
        for (var r = 0; r < repeats; r++)
        {
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var c = run();
            times[r] = sw.Elapsed.TotalSeconds;
            self.Refresh();
            cpu[r] = (self.TotalProcessorTime - cpu0).TotalSeconds;
            check ??= c;
        }
        Console.WriteLine(JsonSerializer.Serialize(new { workload = spec.Name, rows, times, cpu_times = cpu, peak_rss_bytes = PeakRss(), check }));
        return 0;
    }

    /// <summary>The process's peak resident set (VmHWM), in bytes.</summary>
    public static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
