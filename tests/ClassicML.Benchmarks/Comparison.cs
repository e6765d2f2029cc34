using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ClassicML.Benchmarks;

/// <summary>
/// Runs every workload in C# and in every Python variant of bench/workloads.py in paired rounds (C# and Python back to
/// back, each in a fresh process, the order alternating between rounds), then the scaling runs at N/10 and 10·N, and
/// writes docs/benchmarks.md from the measurements (<see cref="Report"/>). The raw measurements are kept in
/// <c>artifacts/bench-results.json</c>, so <c>compare --from FILE</c> rewrites the document without measuring again.
/// </summary>
public static class Comparison
{
    /// <summary>One process's measurements.</summary>
    public sealed record Sample(double[] Times, double[]? CpuTimes, long? Peak, string? Check, bool Warmup);

    /// <summary>One workload in one round: the working-set bandwidth measured just before, C#, and each Python variant.</summary>
    public sealed record WorkloadRound(string Workload, double? Bandwidth, Sample? Cs, Dictionary<string, Sample?> Python);

    /// <summary>A paired round and the load while it ran.</summary>
    public sealed record Round(int Index, bool CsFirst, LoadWindow Load, List<WorkloadRound> Workloads);

    /// <summary>
    /// The load over an interval: the 1-minute load average at its start and end, and the cores that processes other
    /// than this benchmark kept busy on average (system busy time from /proc/stat minus this process and its children),
    /// plus the hypervisor's steal time.
    /// </summary>
    public sealed record LoadWindow(double Seconds, string LoadAverageStart, string LoadAverageEnd, double OtherCores, double StealCores);

    /// <summary>One size of the scaling table (Skipped says why when it did not run).</summary>
    public sealed record ScalingPoint(string Workload, int Rows, string Variant, Sample? Cs, Sample? Py, string? Skipped);

    /// <summary>A whole-course row (no Python side).</summary>
    public sealed record CourseRow(string Name, string Target, double? Seconds, long? Peak, string Note);

    /// <summary>Everything the document is generated from.</summary>
    public sealed record Results(
        DateTime StartUtc, DateTime EndUtc, string Cpu, int Cores, string DotNet, string Options,
        Dictionary<string, string> PythonVersions, List<Dictionary<string, string>> ThreadPools, Dictionary<string, string> OpenBlasEnvironment,
        double MainMemoryBandwidth1, double MainMemoryBandwidthAll, Dictionary<string, double> Micro,
        LoadWindow WholeRun, List<Round> Rounds, List<ScalingPoint> Scaling, List<CourseRow> Course);

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The OpenBLAS variables some machines set for old OpenBLAS builds; removed for the Python processes only.</summary>
    public static readonly string[] OpenBlasVariables = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    /// <summary>
    /// Options: <c>--rounds N</c> (default 3), <c>--quick</c> (3 rounds without the reference variants, scaling and
    /// course rows, written to artifacts/benchmarks-quick.md), <c>--no-scaling</c>, <c>--no-course</c>,
    /// <c>--only NAME[,NAME]</c>, <c>--output FILE</c>, <c>--python PATH</c>, <c>--from RESULTS.json</c>.
    /// </summary>
    public static int Run(string[] args)
    {
        var root = FindRoot();
        var quick = args.Contains("--quick");
        var output = Option(args, "--output", Path.Combine(root, quick ? "artifacts" : "docs", quick ? "benchmarks-quick.md" : "benchmarks.md"));
        var from = Option(args, "--from", "");
        Results results;
        if (from.Length > 0)
            results = JsonSerializer.Deserialize<Results>(File.ReadAllText(from))!;
        else
        {
            var rounds = int.Parse(Option(args, "--rounds", "3"), CultureInfo.InvariantCulture);
            if (rounds < 1) throw new ArgumentException("--rounds must be at least 1.");
            var only = Option(args, "--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            results = Measure(root, Option(args, "--python", "/usr/bin/python3"), rounds, withReference: !quick,
                scaling: !quick && !args.Contains("--no-scaling"), course: !quick && !args.Contains("--no-course"), only, string.Join(' ', args));
            WriteAtomically(Path.Combine(root, "artifacts", quick ? "bench-results-quick.json" : "bench-results.json"), JsonSerializer.Serialize(results, s_json));
        }

        var md = Report.Document(results);
        WriteAtomically(output, md);
        Console.WriteLine($"bench: wrote {output}");
        return 0;
    }

    private static Results Measure(string root, string python, int roundCount, bool withReference, bool scaling, bool course, string[] only, string options)
    {
        var start = DateTime.UtcNow;
        var whole = LoadMeter.Start();
        var clock = Stopwatch.StartNew();
        void Say(string s) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench [{clock.Elapsed.TotalMinutes:0.0} min]: {s}"));

        var data = Path.Combine(root, "artifacts", "bench-data");
        var specs = Workloads.Specs.Where(s => only.Length == 0 || only.Contains(s.Name)).ToArray();
        Say($"data in {data}");
        foreach (var s in specs) BenchData.Ensure(data, s, s.Rows);

        var script = Path.Combine(root, "bench", "workloads.py");
        var listing = RunRaw(python, $"\"{script}\" --list", root, PythonEnvironment()) ?? throw new InvalidOperationException($"'{python} {script} --list' failed: is numpy installed?");
        var variants = JsonSerializer.Deserialize<Dictionary<string, string[]>>(listing)!;

        Say("main-memory bandwidth and per-value costs");
        var bw1 = Bandwidth.Measure(1);
        var bwAll = Bandwidth.Measure(Environment.ProcessorCount);
        var micro = RunProcess(Environment.ProcessPath!, $"\"{typeof(Program).Assembly.Location}\" worker micro", root);
        var microValues = micro is { } m ? m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()) : [];

        Dictionary<string, string> versions = [];
        List<Dictionary<string, string>> pools = [];
        var rounds = new List<Round>();
        for (var r = 0; r < roundCount; r++)
        {
            var csFirst = r % 2 == 0;
            var meter = LoadMeter.Start();
            var list = new List<WorkloadRound>();
            foreach (var spec in specs)
            {
                double? bw = spec.Stem == "logistic" ? Bandwidth.WorkingSet(spec.DataBytes(spec.Rows)) : null;
                Sample? cs = null;
                var py = new Dictionary<string, Sample?>();
                // Short workloads get three timed runs per process (the fastest counts), long ones one.
                var repeats = spec.Stem == "logistic" ? 1 : 3;
                void RunCs() => cs = CSharp(root, data, spec.Name, spec.Rows, repeats, warmup: true);
                void RunPy()
                {
                    foreach (var v in variants.GetValueOrDefault(spec.Name, []))
                    {
                        if (!withReference && Workloads.IsReference(v)) continue;
                        var reference = Workloads.IsReference(v);
                        var (sample, json) = Python(python, script, root, data, spec.Name, v, spec.Rows, reference ? 1 : repeats, warmup: !reference);
                        py[v] = sample;
                        if (json is { } j && versions.Count == 0) (versions, pools) = Versions(j);
                    }
                }
                if (csFirst) { RunCs(); RunPy(); } else { RunPy(); RunCs(); }
                list.Add(new WorkloadRound(spec.Name, bw, cs, py));
                Say($"round {r + 1}/{roundCount} {spec.Name}: C# {Report.F(cs?.Times.Min())} s; " + string.Join(", ", py.Select(p => $"{p.Key} {Report.F(p.Value?.Times.Min())} s")));
            }
            var load = meter.Stop();
            rounds.Add(new Round(r + 1, csFirst, load, list));
            Say(string.Create(CultureInfo.InvariantCulture, $"round {r + 1}: other processes kept {load.OtherCores:0.00} cores busy, load average {load.LoadAverageStart} → {load.LoadAverageEnd}"));
        }

        var points = new List<ScalingPoint>();
        if (scaling)
        {
            foreach (var spec in specs)
            {
                var strongest = Report.Strongest(spec.Name, rounds);
                foreach (var rows in new[] { spec.Rows / 10, spec.Rows * 10 })
                {
                    var need = 2 * spec.DataBytes(rows) + (300L << 20);
                    var available = MemAvailable();
                    if (available is { } a && need * 5 / 4 > a)
                    {
                        points.Add(new ScalingPoint(spec.Name, rows, strongest ?? "", null, null,
                            string.Create(CultureInfo.InvariantCulture, $"skipped: needs about {need / 1073741824.0:0.0} GiB per side, {a / 1073741824.0:0.0} GiB available")));
                        continue;
                    }
                    Say($"scaling {spec.Name} at N = {rows:N0}");
                    BenchData.Ensure(data, spec, rows);
                    GC.Collect();
                    // Large sizes: one timed run; C# warms its JIT on the N/10 data first, Python needs no warm-up.
                    var big = rows > spec.Rows;
                    var repeats = big ? 1 : 3;
                    var cs = CSharp(root, data, spec.Name, rows, repeats, warmup: !big, warmupRows: big ? spec.Rows / 10 : null);
                    var py = strongest is null ? null : Python(python, script, root, data, spec.Name, strongest, rows, repeats, warmup: !big).Sample;
                    points.Add(new ScalingPoint(spec.Name, rows, strongest ?? "", cs, py, null));
                }
            }
        }

        var courseRows = new List<CourseRow>();
        if (course)
        {
            Say("course rows");
            courseRows.AddRange(Course.Rows(root, Environment.ProcessPath!).Select(c => new CourseRow(c.Name, c.Target, c.Seconds, c.Peak, c.Note)));
        }

        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var env = OpenBlasVariables.ToDictionary(v => v, v => Environment.GetEnvironmentVariable(v) ?? "");
        Say("done");
        return new Results(start, DateTime.UtcNow, cpu, Environment.ProcessorCount, Environment.Version.ToString(), options,
            versions, pools, env, bw1, bwAll, microValues, whole.Stop(), rounds, points, courseRows);
    }

    private static Sample? CSharp(string root, string data, string name, int rows, int repeats, bool warmup, int? warmupRows = null) =>
        ToSample(RunProcess(Environment.ProcessPath!,
            string.Create(CultureInfo.InvariantCulture, $"\"{typeof(Program).Assembly.Location}\" worker {name} \"{data}\" {repeats} --rows {rows}{(warmup ? "" : " --no-warmup")}{(warmupRows is { } w ? $" --warmup-rows {w}" : "")}"), root), warmup);

    private static (Sample? Sample, JsonElement? Json) Python(string python, string script, string root, string data, string name, string variant, int rows, int repeats, bool warmup)
    {
        var json = RunJson(python,
            string.Create(CultureInfo.InvariantCulture, $"\"{script}\" {name} {variant} \"{data}\" {repeats} --rows {rows}{(warmup ? "" : " --no-warmup")}"), root, PythonEnvironment());
        return (ToSample(json, warmup), json);
    }

    /// <summary>The Python processes run without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (they slow a current OpenBLAS).</summary>
    private static Dictionary<string, string?> PythonEnvironment() => OpenBlasVariables.ToDictionary(v => v, _ => (string?)null);

    private static Sample? ToSample(JsonElement? e, bool warmup)
    {
        if (e is not { } el) return null;
        double[] Doubles(string p) => el.TryGetProperty(p, out var a) ? a.EnumerateArray().Select(x => x.GetDouble()).ToArray() : [];
        var cpu = Doubles("cpu_times");
        return new Sample(Doubles("times"), cpu.Length > 0 ? cpu : null, el.TryGetProperty("peak_rss_bytes", out var p) ? p.GetInt64() : null,
            el.TryGetProperty("check", out var c) ? c.ToString() : null, warmup);
    }

    private static (Dictionary<string, string>, List<Dictionary<string, string>>) Versions(JsonElement json)
    {
        var versions = new Dictionary<string, string>();
        var pools = new List<Dictionary<string, string>>();
        if (!json.TryGetProperty("versions", out var v)) return (versions, pools);
        foreach (var p in v.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String) versions[p.Name] = p.Value.GetString()!;
            else if (p.Name == "threadpools" && p.Value.ValueKind == JsonValueKind.Array)
                pools.AddRange(p.Value.EnumerateArray().Select(o => o.EnumerateObject().ToDictionary(q => q.Name, q => q.Value.ToString())));
        }
        return (versions, pools);
    }

    private static long? MemAvailable()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return null;
    }

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    private static string? RunRaw(string file, string arguments, string workDir, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, WorkingDirectory = workDir };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) psi.Environment.Remove(key);
            else psi.Environment[key] = value;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            Console.Error.WriteLine($"bench: '{file} {arguments}' exited with {p.ExitCode}");
            return null;
        }
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
    }

    /// <summary>Runs a child process and parses the last line of its output as JSON (null when it failed).</summary>
    internal static JsonElement? RunProcess(string file, string arguments, string workDir, IReadOnlyDictionary<string, string>? environment = null) =>
        RunJson(file, arguments, workDir, environment?.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

    private static JsonElement? RunJson(string file, string arguments, string workDir, IReadOnlyDictionary<string, string?>? environment)
    {
        var last = RunRaw(file, arguments, workDir, environment);
        return last is null ? null : JsonDocument.Parse(last).RootElement.Clone();
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    internal static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ClassicML.Notebooks.sln"))) return d.FullName;
        throw new InvalidOperationException("Run the benchmarks from inside the ClassicML.Notebooks repository (no ClassicML.Notebooks.sln above the program).");
    }

    /// <summary>Measures <see cref="LoadWindow"/>: /proc/stat busy and steal time against this process's and its children's CPU time.</summary>
    private sealed class LoadMeter
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly string _loadStart = LoadAverage();
        private readonly (double Busy, double Steal) _stat = SystemTimes();
        private readonly double _ours = OurCpuSeconds();

        public static LoadMeter Start() => new();

        public LoadWindow Stop()
        {
            var seconds = _clock.Elapsed.TotalSeconds;
            var (busy, steal) = SystemTimes();
            var others = busy - _stat.Busy - (OurCpuSeconds() - _ours);
            return new LoadWindow(seconds, _loadStart, LoadAverage(), Math.Max(0, others / seconds), (steal - _stat.Steal) / seconds);
        }

        private static string LoadAverage() =>
            File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

        /// <summary>Seconds of CPU time all cores spent busy (user, nice, system, irq, softirq) and stolen, since boot.</summary>
        private static (double Busy, double Steal) SystemTimes()
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            const double hz = 100; // USER_HZ on Linux
            return ((f[0] + f[1] + f[2] + f[5] + f[6]) / hz, f.Length > 7 ? f[7] / hz : 0);
        }

        /// <summary>This process's CPU time plus that of its finished children (getrusage).</summary>
        private static double OurCpuSeconds()
        {
            double Get(int who) => getrusage(who, out var u) == 0 ? u.UserSec + u.UserUsec / 1e6 + u.SysSec + u.SysUsec / 1e6 : 0;
            return Get(0) + Get(-1); // RUSAGE_SELF, RUSAGE_CHILDREN
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct RUsage
        {
            public long UserSec, UserUsec, SysSec, SysUsec;
            public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int getrusage(int who, out RUsage usage);
    }
}
