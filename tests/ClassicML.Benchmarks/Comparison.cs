using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClassicML.Benchmarks;

/// <summary>
/// Runs every workload in C# and in numpy/scikit-learn, each in a fresh process, and writes one table of medians,
/// ratios and peak memory to <c>docs/benchmarks.md</c> (see <c>bench/run</c>).
/// </summary>
public static class Comparison
{
    private sealed record Row(string Workload, string Target, double? Cs, double? Py, long? CsPeak, long? PyPeak, string Note);

    /// <summary>Options: <c>--repeats N</c> (default 5), <c>--output FILE</c>, <c>--python PATH</c>.</summary>
    public static int Run(string[] args)
    {
        var root = FindRoot();
        var repeats = Option(args, "--repeats", "5");
        var output = Option(args, "--output", Path.Combine(root, "docs", "benchmarks.md"));
        var python = Option(args, "--python", "/usr/bin/python3");
        var data = Path.Combine(root, "artifacts", "bench-data");
        Console.WriteLine($"bench: writing data to {data}");
        BenchData.EnsureAll(data);

        Console.WriteLine("bench: measuring streaming read bandwidth");
        var bw1 = Bandwidth.Measure(1);
        var bwAll = Bandwidth.Measure(Environment.ProcessorCount);
        Workloads.MaxBandwidth = Math.Max(bw1, bwAll);

        var rows = new List<Row>();
        foreach (var (name, target) in Workloads.Targets)
        {
            Console.WriteLine($"bench: {name}");
            var cs = RunProcess(Environment.ProcessPath!, $"\"{typeof(Program).Assembly.Location}\" worker {name} \"{data}\" {repeats}", root);
            var py = Workloads.HasPython(name)
                ? RunProcess(python, $"\"{Path.Combine(root, "bench", "workloads.py")}\" {name} \"{data}\" {repeats}", root)
                : null;
            rows.Add(new Row(name, target, Median(cs), Median(py), Peak(cs), Peak(py), Note(name, cs, py, bw1, bwAll)));
        }
        rows.AddRange(Workloads.CourseRows(root, Environment.ProcessPath!).Select(r => new Row(r.Name, r.Target, r.Seconds, null, r.Peak, null, r.Note)));

        var md = Table(rows, bw1, bwAll, repeats);
        Console.WriteLine(md);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var tmp = output + ".tmp";
        File.WriteAllText(tmp, md);
        File.Move(tmp, output, overwrite: true);
        Console.WriteLine($"bench: wrote {output}");
        return 0;
    }

    private static string Note(string name, JsonElement? cs, JsonElement? py, double bw1, double bwAll)
    {
        var note = new StringBuilder();
        if (cs is { } c && py is { } p)
            note.Append(CultureInfo.InvariantCulture, $"C# {c.GetProperty("check")} · Python {p.GetProperty("check")}");
        var bytes = Workloads.BytesPerRun(name);
        if (bytes > 0 && cs is { } c2)
        {
            var limit = bytes / Math.Max(bw1, bwAll);
            note.Append(CultureInfo.InvariantCulture, $" · bandwidth limit {limit:0.000} s, C# at {Median(c2)!.Value / limit:0.0}× the limit");
        }
        return note.ToString();
    }

    private static string Table(List<Row> rows, double bw1, double bwAll, string repeats)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks: ClassicML (C#) against numpy and scikit-learn");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {cpu}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, by `bash bench/run`.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Each cell is the median of {repeats} runs after one warm-up, every workload in a fresh process (so peak memory is its own).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Streaming read bandwidth: {bw1 / 1e9:0.0} GB/s on one thread, {bwAll / 1e9:0.0} GB/s on {Environment.ProcessorCount}.");
        sb.AppendLine();
        sb.AppendLine("| workload | C# median (s) | Python median (s) | Python ÷ C# | target | met | C# peak MiB | Python peak MiB | notes |");
        sb.AppendLine("|---|---:|---:|---:|---|---|---:|---:|---|");
        foreach (var r in rows)
        {
            var ratio = r.Cs is > 0 && r.Py is > 0 ? r.Py.Value / r.Cs.Value : (double?)null;
            var met = Workloads.Met(r.Workload, r.Cs, ratio, r.Note);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Workload} | {F(r.Cs)} | {F(r.Py)} | {(ratio is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–")} | {r.Target} | {met} | {Mib(r.CsPeak)} | {Mib(r.PyPeak)} | {r.Note} |");
        }
        return sb.ToString();
    }

    private static string F(double? s) => s is { } v ? v.ToString(v < 0.01 ? "0.00000" : "0.000", CultureInfo.InvariantCulture) : "–";
    private static string Mib(long? b) => b is { } v ? (v / 1048576.0).ToString("0", CultureInfo.InvariantCulture) : "–";

    private static double? Median(JsonElement? e)
    {
        if (e is not { } el) return null;
        var t = el.GetProperty("times").EnumerateArray().Select(x => x.GetDouble()).Order().ToArray();
        return t.Length == 0 ? null : t.Length % 2 == 1 ? t[t.Length / 2] : (t[t.Length / 2 - 1] + t[t.Length / 2]) / 2;
    }

    private static long? Peak(JsonElement? e) => e?.GetProperty("peak_rss_bytes").GetInt64();

    internal static JsonElement? RunProcess(string file, string arguments, string workDir)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, WorkingDirectory = workDir };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            Console.Error.WriteLine($"bench: '{file} {arguments}' exited with {p.ExitCode}");
            return null;
        }
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(last).RootElement.Clone();
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
}
