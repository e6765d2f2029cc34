using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClassicML.Benchmarks;

/// <summary>
/// Runs every workload in C# and in numpy/scikit-learn, each in a fresh process, and writes one table of medians,
/// ratios and peak memory to <c>docs/benchmarks.md</c> (see <c>bench/run</c>). The raw measurements are kept in
/// <c>artifacts/bench-results.json</c>, so <c>compare --from FILE</c> rewrites the document without measuring again.
/// </summary>
public static class Comparison
{
    /// <summary>One table row as measured.</summary>
    public sealed record Row(string Workload, string Target, double? Cs, double? Py, long? CsPeak, long? PyPeak, string? CsCheck, string? PyCheck, string Note);

    /// <summary>Everything the document is generated from.</summary>
    public sealed record Results(
        DateTime MeasuredUtc, string Cpu, int Cores, string DotNet, string Repeats, double Bandwidth1, double BandwidthAll,
        Dictionary<string, double> WorkingSetBandwidth, string LoadBefore, string LoadAfter, string PythonVersions, List<Row> Rows);

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Options: <c>--repeats N</c> (default 5), <c>--output FILE</c>, <c>--python PATH</c>, <c>--from RESULTS.json</c>.</summary>
    public static int Run(string[] args)
    {
        var root = FindRoot();
        var output = Option(args, "--output", Path.Combine(root, "docs", "benchmarks.md"));
        var from = Option(args, "--from", "");
        var results = from.Length > 0
            ? JsonSerializer.Deserialize<Results>(File.ReadAllText(from))!
            : Measure(root, Option(args, "--repeats", "5"), Option(args, "--python", "/usr/bin/python3"));
        if (from.Length == 0) WriteAtomically(Path.Combine(root, "artifacts", "bench-results.json"), JsonSerializer.Serialize(results, s_json));

        Workloads.Bandwidth = results.WorkingSetBandwidth;
        var md = Document(results);
        Console.WriteLine(md);
        WriteAtomically(output, md);
        Console.WriteLine($"bench: wrote {output}");
        return 0;
    }

    private static Results Measure(string root, string repeats, string python)
    {
        var loadBefore = LoadAverage();
        var data = Path.Combine(root, "artifacts", "bench-data");
        Console.WriteLine($"bench: writing data to {data}");
        BenchData.EnsureAll(data);

        Console.WriteLine("bench: measuring streaming read bandwidth");
        var bw1 = Bandwidth.Measure(1);
        var bwAll = Bandwidth.Measure(Environment.ProcessorCount);
        var workingSet = new Dictionary<string, double>();
        foreach (var (name, _) in Workloads.Targets)
            if (Workloads.WorkingSetBytes(name) is > 0 and var bytes)
                workingSet[name] = Math.Max(Bandwidth.Measure(1, bytes), Bandwidth.Measure(Environment.ProcessorCount, bytes));
        Workloads.Bandwidth = workingSet;

        var rows = new List<Row>();
        var pythonVersions = "";
        foreach (var (name, target) in Workloads.Targets)
        {
            Console.WriteLine($"bench: {name}");
            var cs = RunProcess(Environment.ProcessPath!, $"\"{typeof(Program).Assembly.Location}\" worker {name} \"{data}\" {repeats}", root);
            var py = Workloads.HasPython(name)
                ? RunProcess(python, $"\"{Path.Combine(root, "bench", "workloads.py")}\" {name} \"{data}\" {repeats}", root)
                : null;
            if (py is { } p && p.TryGetProperty("versions", out var v))
                pythonVersions = string.Join("; ", v.EnumerateObject().Select(o => $"{o.Name} {o.Value.GetString()}"));
            rows.Add(new Row(name, target, Median(cs), Median(py), Peak(cs), Peak(py), Check(cs), Check(py), ""));
            Console.WriteLine($"bench:   C# {F(Median(cs))} s, Python {F(Median(py))} s");
        }
        rows.AddRange(Workloads.CourseRows(root, Environment.ProcessPath!).Select(r => new Row(r.Name, r.Target, r.Seconds, null, r.Peak, null, null, null, r.Note)));

        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return new Results(DateTime.UtcNow, cpu, Environment.ProcessorCount, Environment.Version.ToString(), repeats, bw1, bwAll,
            workingSet, loadBefore, LoadAverage(), pythonVersions, rows);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? Check(JsonElement? e) => e is { } el && el.TryGetProperty("check", out var c) ? c.ToString() : null;

    private static double? Ratio(Row r) => r.Cs is > 0 && r.Py is > 0 ? r.Py.Value / r.Cs.Value : null;

    /// <summary>The whole of docs/benchmarks.md: how to run, methodology, workloads, the table, and the verdicts.</summary>
    public static string Document(Results res)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks: ClassicML (C#) against numpy and scikit-learn");
        sb.AppendLine();
        sb.AppendLine("<!-- Generated by tests/ClassicML.Benchmarks (Comparison.cs) from artifacts/bench-results.json; do not edit by hand. -->");
        sb.AppendLine();
        sb.AppendLine(inv, $"Measured {res.MeasuredUtc:yyyy-MM-dd HH:mm} UTC on {res.Cpu}, {res.Cores} cores, .NET {res.DotNet}; Python side: {(res.PythonVersions.Length > 0 ? res.PythonVersions : "not run")}.");
        sb.AppendLine(inv, $"Load average (1, 5, 15 min) at the start: {res.LoadBefore}; at the end: {res.LoadAfter}. The machine was shared with other jobs, so both sides ran under the same, varying, load: compare ratios, not absolute times, with another machine.");
        sb.AppendLine();
        sb.AppendLine("## How to run");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine("bash bench/run                  # everything below, then writes this file (10–20 minutes)");
        sb.AppendLine("bash bench/run --repeats 3      # fewer timed runs per workload");
        sb.AppendLine("dotnet artifacts/bin/ClassicML.Benchmarks/release/ClassicML.Benchmarks.dll compare --from artifacts/bench-results.json   # rewrite from the last measurements");
        sb.AppendLine("dotnet run -c Release --project tests/ClassicML.Benchmarks -- --filter '*'   # BenchmarkDotNet, C# only, a tenth of the sizes");
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("`bench/run` installs Debian's `python3-numpy`, `python3-sklearn` and `libopenblas0-pthread` with apt when they are missing, builds the solution in Debug (the notebooks `#r` the Debug `ClassicML.dll`) and Release, and runs `compare`.");
        sb.AppendLine();
        sb.AppendLine("## Method");
        sb.AppendLine();
        sb.AppendLine("- **Same data.** The C# harness generates every data set once with fixed seeds (`BenchData.cs`) and writes it as raw little-endian float64 files in `artifacts/bench-data/`; `bench/workloads.py` reads the same bytes with `np.fromfile`. Converting to a MathNet matrix (column-major) happens before the clock starts.");
        sb.AppendLine(inv, $"- **Timing.** Each workload runs in a fresh process per side: one untimed warm-up run (JIT, caches; its result is the check value), then {res.Repeats} timed runs; the table shows the median wall time. Both sides use every core (.NET `Parallel.For`; OpenBLAS with pthreads).");
        sb.AppendLine("- **Check values.** Each side reports what it computed (final loss and parameters, log-likelihood bound, first coefficient), rounded to 10 digits, so a reader sees both sides solved the same problem.");
        sb.AppendLine("- **Peak memory** is the process's high-water resident set (`VmHWM` from /proc/self/status, both sides), for the whole process: runtime, the data as loaded and the work. The C# side holds the data twice (the raw row-major file and the column-major matrix), numpy once.");
        sb.AppendLine(inv, $"- **Bandwidth limit.** An algorithm that must read all its data every epoch can be no faster than 300 epochs × N × (D + 1) × 8 bytes (X and y) ÷ the read bandwidth. The bandwidth is measured here as a vectorised streaming sum over an array of the workload's own working-set size, on 1 and on {res.Cores} threads, best of both: {string.Join(", ", res.WorkingSetBandwidth.Select(kv => string.Create(inv, $"{kv.Key} ({Workloads.WorkingSetBytes(kv.Key) / 1e6:0.#} MB) {kv.Value / 1e9:0.0} GB/s")))}. A working set that fits the last-level cache is read from there, so this is the limit that applies to it; for comparison, main memory (a 1 GiB array) gives {res.Bandwidth1 / 1e9:0.0} GB/s on one thread and {res.BandwidthAll / 1e9:0.0} GB/s on {res.Cores}.");
        sb.AppendLine();
        sb.AppendLine("## Workloads");
        sb.AppendLine();
        sb.AppendLine("| workload | what runs | C# | Python |");
        sb.AppendLine("|---|---|---|---|");
        sb.AppendLine("| logistic-1M-x2, logistic-100k-x50 | binary logistic regression, full-batch gradient descent, α = 0.1, 300 epochs from zero; mean cross-entropy and gradient evaluated at the start and after every update (301 evaluations); two Gaussian clouds, N = 1,000,000 × D = 2 and N = 100,000 × D = 50 | `LogisticRegression(0.1, maxIterations: 300, tolerance: 0).Fit` | numpy: `X @ w`, `logaddexp`, `X.T @ r` per epoch |");
        sb.AppendLine("| gmm-200k-k5 | Gaussian mixture EM, 200,000 points in 2-D from 5 clusters, K = 5, full covariances, 100 iterations (tolerance 0), reg 1e-6 | `GaussianMixture(5, tolerance: 0, maxIterations: 100, initialization: RandomPoints)` | `GaussianMixture(5, covariance_type='full', tol=0, max_iter=100, init_params='random', reg_covar=1e-6)` |");
        sb.AppendLine("| lstsq-normal-1M-x20 | least squares, 1,000,000 × 20, no intercept, normal equation | `LeastSquares.SolveNormalEquation`: XᵀX and Xᵀy in one blocked pass, Cholesky | `np.linalg.solve(X.T @ X, X.T @ y)` |");
        sb.AppendLine("| lstsq-qr-1M-x20 | the same problem by QR | `LeastSquares.SolveQr`: tall-skinny Householder QR of [X \\| y], Q never formed | `np.linalg.qr(X)` (reduced), `solve_triangular(R, Q.T @ y)` |");
        sb.AppendLine("| course-check-cold | `dotnet artifacts/bin/ClassicML.Notebooks/release/ClassicML.Notebooks.dll check` from the repository root: every lesson, fresh process | | |");
        sb.AppendLine(inv, $"| course-warm-cell | one small cell (`{Course.WarmCell.Replace("\n", " ", StringComparison.Ordinal)}`) run by `NotebookRunner` right after `{Course.PilotNotebook}` in the same session (compile + run + format) | | |");
        sb.AppendLine();
        sb.AppendLine("The two EM starts differ: scikit-learn's `init_params='random'` draws random responsibilities for every point and starts with an M-step from them; ClassicML's `RandomPoints` picks 5 distinct data points at random, assigns every point to the nearest, and starts from the Gaussians of that hard split. Both then run exactly 100 EM iterations; on these well-separated clusters they reach the same optimum (compare the log-likelihood bounds in the notes).");
        sb.AppendLine();
        sb.AppendLine("## Results");
        sb.AppendLine();
        sb.AppendLine("| workload | C# median (s) | Python median (s) | Python ÷ C# | target | met | C# peak MiB | Python peak MiB | notes |");
        sb.AppendLine("|---|---:|---:|---:|---|---|---:|---:|---|");
        foreach (var r in res.Rows)
        {
            var ratio = Ratio(r);
            var met = Workloads.Met(r.Workload, r.Cs, ratio, r.Note);
            sb.AppendLine(inv,
                $"| {r.Workload} | {F(r.Cs)} | {F(r.Py)} | {(ratio is { } q ? q.ToString("0.00", inv) + "×" : "–")} | {r.Target} | {met} | {Mib(r.CsPeak)} | {Mib(r.PyPeak)} | {Note(r)} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Targets");
        sb.AppendLine();
        foreach (var r in res.Rows)
        {
            var verdict = Workloads.Verdict(r.Workload, r.Cs, Ratio(r));
            if (verdict is not null) sb.AppendLine("- " + verdict);
        }

        var missed = res.Rows.Where(r => Workloads.Met(r.Workload, r.Cs, Ratio(r), r.Note).StartsWith("no", StringComparison.Ordinal)).ToList();
        sb.AppendLine();
        sb.AppendLine("## What limits each result");
        sb.AppendLine();
        foreach (var r in res.Rows)
        {
            var why = Workloads.Limits(r.Workload);
            if (why is not null) sb.AppendLine(inv, $"- **{r.Workload}**{(missed.Contains(r) ? " (missed)" : "")}: {why}");
        }
        return sb.ToString();
    }

    private static string Note(Row r)
    {
        var inv = CultureInfo.InvariantCulture;
        var note = new StringBuilder(r.Note);
        if (r.CsCheck is not null && r.PyCheck is not null)
            note.Append(inv, $"C# `{r.CsCheck}` · Python `{r.PyCheck}`");
        var per = Workloads.StepsPerRun(r.Workload);
        if (per > 0 && r.Cs is { } cs)
            note.Append(inv, $" · per {(r.Workload.StartsWith("gmm", StringComparison.Ordinal) ? "iteration" : "epoch")}: C# {cs / per * 1e3:0.00} ms{(r.Py is { } py ? string.Create(inv, $", Python {py / per * 1e3:0.00} ms") : "")}");
        var bytes = Workloads.BytesPerRun(r.Workload);
        if (bytes > 0 && r.Cs is { } c2)
        {
            var limit = Workloads.LimitSeconds(r.Workload);
            note.Append(inv, $" · bandwidth limit {limit:0.000} s: C# at {c2 / limit:0.0}× the limit");
        }
        return note.ToString();
    }

    internal static string F(double? s) => s is { } v ? v.ToString(v < 0.01 ? "0.00000" : "0.000", CultureInfo.InvariantCulture) : "–";
    private static string Mib(long? b) => b is { } v ? (v / 1048576.0).ToString("0", CultureInfo.InvariantCulture) : "–";

    private static double? Median(JsonElement? e)
    {
        if (e is not { } el) return null;
        var t = el.GetProperty("times").EnumerateArray().Select(x => x.GetDouble()).Order().ToArray();
        return t.Length == 0 ? null : t.Length % 2 == 1 ? t[t.Length / 2] : (t[t.Length / 2 - 1] + t[t.Length / 2]) / 2;
    }

    private static long? Peak(JsonElement? e) => e?.GetProperty("peak_rss_bytes").GetInt64();

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    internal static JsonElement? RunProcess(string file, string arguments, string workDir, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, WorkingDirectory = workDir };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
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
