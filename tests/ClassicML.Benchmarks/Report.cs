using System.Globalization;
using System.Text;
using System.Text.Json;
using static ClassicML.Benchmarks.Comparison;

namespace ClassicML.Benchmarks;

/// <summary>
/// Writes docs/benchmarks.md from one run's <see cref="Results"/>. Every number in the document comes from those
/// measurements (or from the workload parameters); nothing numeric is written by hand here.
/// </summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Seconds with three decimals (five below 10 ms), or "–".</summary>
    public static string F(double? s) => s is { } v ? v.ToString(v < 0.01 ? "0.00000" : "0.000", Inv) : "–";

    private static string X(double v) => v.ToString(v >= 10 ? "0.0" : "0.00", Inv) + "×";

    private static double Median(IEnumerable<double> values)
    {
        var t = values.Order().ToArray();
        if (t.Length == 0) return double.NaN;
        return t.Length % 2 == 1 ? t[t.Length / 2] : (t[t.Length / 2 - 1] + t[t.Length / 2]) / 2;
    }

    /// <summary>"median [min–max]" of a list of ratios.</summary>
    private static string Spread(IReadOnlyList<double> v) =>
        v.Count == 0 ? "–" : $"{X(Median(v))} [{X(v.Min())}–{X(v.Max())}]";

    /// <summary>The timed value of a sample (its fastest timed run).</summary>
    private static double? Time(Sample? s) => s is { Times.Length: > 0 } ? s.Times.Min() : null;

    /// <summary>Whether two check values (JSON objects of numbers rounded to 10 digits) agree: every key within 1e-10.</summary>
    public static bool Agrees(string? a, string? b)
    {
        if (a is null || b is null) return false;
        try
        {
            using var da = JsonDocument.Parse(a);
            using var db = JsonDocument.Parse(b);
            foreach (var p in da.RootElement.EnumerateObject())
            {
                if (!db.RootElement.TryGetProperty(p.Name, out var q)) return false;
                if (Math.Abs(p.Value.GetDouble() - q.GetDouble()) > 1.01e-10) return false;
            }
            return true;
        }
        catch (JsonException) { return false; }
    }

    private static IEnumerable<WorkloadRound> Of(string name, List<Round> rounds) => rounds.SelectMany(r => r.Workloads).Where(w => w.Workload == name);

    /// <summary>Per-round ratios Python variant ÷ C# (rounds where both ran).</summary>
    private static List<double> Ratios(string name, string variant, List<Round> rounds) =>
        Of(name, rounds).Select(w => (Cs: Time(w.Cs), Py: Time(w.Python.GetValueOrDefault(variant)))).Where(p => p.Cs > 0 && p.Py > 0).Select(p => p.Py!.Value / p.Cs!.Value).ToList();

    private static string? CsCheck(string name, List<Round> rounds) => Of(name, rounds).Select(w => w.Cs?.Check).FirstOrDefault(c => c is not null);

    private static bool VariantAgrees(string name, string variant, List<Round> rounds)
    {
        var cs = CsCheck(name, rounds);
        var checks = Of(name, rounds).Select(w => w.Python.GetValueOrDefault(variant)?.Check).Where(c => c is not null).ToList();
        return checks.Count > 0 && checks.All(c => Agrees(cs, c));
    }

    /// <summary>The fastest Python variant (lowest median time over the rounds) whose answer agrees with C#'s, or null.</summary>
    public static string? Strongest(string name, List<Round> rounds)
    {
        var variants = Of(name, rounds).SelectMany(w => w.Python.Keys).Distinct();
        return variants.Where(v => VariantAgrees(name, v, rounds))
            .Select(v => (v, t: Median(Of(name, rounds).Select(w => Time(w.Python.GetValueOrDefault(v))).OfType<double>())))
            .Where(p => !double.IsNaN(p.t)).OrderBy(p => p.t).Select(p => p.v).FirstOrDefault();
    }

    /// <summary>Per-round C# time ÷ the read-bandwidth limit (301 evaluations × bytes of X and y ÷ that round's working-set bandwidth).</summary>
    private static List<double> ToLimit(WorkloadSpec spec, List<Round> rounds) =>
        Of(spec.Name, rounds).Where(w => w.Bandwidth > 0 && Time(w.Cs) > 0)
            .Select(w => Time(w.Cs)!.Value / LimitSeconds(spec, spec.Rows, w.Bandwidth!.Value)).ToList();

    /// <summary>(Epochs + 1) passes over X and y at the given bandwidth.</summary>
    private static double LimitSeconds(WorkloadSpec spec, int rows, double bandwidth) => (spec.Steps + 1) * (double)spec.DataBytes(rows) / bandwidth;

    /// <summary>The headline ratio of a workload and its target: (per-round values, median, met).</summary>
    private static (List<double> Values, double Median, bool Met, string Against) Verdict(WorkloadSpec spec, List<Round> rounds)
    {
        if (spec.Name == "logistic-100k-x50")
        {
            var v = ToLimit(spec, rounds);
            return (v, Median(v), Median(v) <= 1.5, "the read-bandwidth limit");
        }
        var strongest = Strongest(spec.Name, rounds);
        var r = strongest is null ? [] : Ratios(spec.Name, strongest, rounds);
        var goal = spec.Name switch { "logistic-1M-x2" => 5.0, "gmm-200k-k5" => 4.0, "lstsq-normal-1M-x20" => 3.0, "lstsq-qr-1M-x20" => 5.0, _ => 1.0 };
        return (r, Median(r), Median(r) >= goal, strongest ?? "no agreeing Python variant");
    }

    private static double Goal(string name) => name switch { "logistic-1M-x2" => 5.0, "gmm-200k-k5" => 4.0, "lstsq-normal-1M-x20" => 3.0, "lstsq-qr-1M-x20" => 5.0, _ => 1.5 };

    /// <summary>The whole of docs/benchmarks.md.</summary>
    public static string Document(Results res)
    {
        var sb = new StringBuilder();
        void L(string s = "") => sb.AppendLine(s);
        var specs = Workloads.Specs.Where(s => res.Rounds.Any(r => r.Workloads.Any(w => w.Workload == s.Name))).ToArray();
        var rounds = res.Rounds;

        L("# Benchmarks: ClassicML (C#) against the strongest numpy / SciPy / scikit-learn code");
        L();
        L("<!-- Generated by tests/ClassicML.Benchmarks (Report.cs) from artifacts/bench-results.json by `bash bench/run`; do not edit by hand. -->");
        L();
        var v = res.PythonVersions;
        L(string.Create(Inv, $"Measured {res.StartUtc:yyyy-MM-dd HH:mm}–{res.EndUtc:HH:mm} UTC ({(res.EndUtc - res.StartUtc).TotalMinutes:0} min) on {res.Cpu}, {res.Cores} cores, .NET {res.DotNet}; Python {v.GetValueOrDefault("python", "?")}, numpy {v.GetValueOrDefault("numpy", "?")}, SciPy {v.GetValueOrDefault("scipy", "?")}, scikit-learn {v.GetValueOrDefault("sklearn", "?")} (Debian packages). Options: `{(res.Options.Length > 0 ? res.Options : "(defaults)")}`."));
        L();
        var blas = res.ThreadPools.FirstOrDefault(p => p.GetValueOrDefault("internal_api") is "openblas" or "mkl" or "blis");
        L(blas is null
            ? "**BLAS kernel:** threadpoolctl was not available in the Python processes, so the BLAS kernel numpy ran is unknown."
            : $"**BLAS kernel:** numpy ran {blas.GetValueOrDefault("internal_api")} {blas.GetValueOrDefault("version")} with its **{blas.GetValueOrDefault("architecture")}** kernels ({blas.GetValueOrDefault("threading_layer")}, {blas.GetValueOrDefault("num_threads")} threads), as threadpoolctl reported inside the Python processes. " +
              string.Join(" ", res.OpenBlasEnvironment.Select(kv => kv.Value.Length > 0
                  ? $"`{kv.Key}` was set to `{kv.Value}` in this environment (for older OpenBLAS builds) and removed for the Python processes only."
                  : $"`{kv.Key}` was not set.")));
        L();

        L("## Load during the run");
        L();
        var w = res.WholeRun;
        L(string.Create(Inv, $"{(w.OtherCores >= 0.05 ? "The machine was shared with other jobs. " : "The machine was otherwise idle. ")}Over the whole run ({w.Seconds / 60:0.0} min) processes other than the benchmark kept on average **{w.OtherCores:0.00} of the {res.Cores} cores** busy (busy time in /proc/stat minus the benchmark's own CPU time){(w.StealCores > 0.005 ? string.Create(Inv, $", and the hypervisor stole {w.StealCores:0.00} cores") : "")}; the 1-minute load average was {w.LoadAverageStart.Split(',')[0]} at the start and {w.LoadAverageEnd.Split(',')[0]} at the end. {(w.OtherCores >= 0.05 ? "Absolute times are slower than on an idle machine and vary with that load; t" : "T")}he ratios come from paired rounds (C# and Python back to back, the order alternating between rounds) and are the numbers to compare with another run."));
        L();
        L("| round | minutes | order | other processes (cores busy) | load average (1, 5, 15 min) at start → end |");
        L("|---:|---:|---|---:|---|");
        foreach (var r in rounds)
            L(string.Create(Inv, $"| {r.Index} | {r.Load.Seconds / 60:0.0} | {(r.CsFirst ? "C# first" : "Python first")} | {r.Load.OtherCores:0.00} | {r.Load.LoadAverageStart} → {r.Load.LoadAverageEnd} |"));
        L();

        L("## How to run");
        L();
        L("```");
        L("bash bench/run                   # paired rounds, scaling table, course rows; writes this file");
        L("bash bench/run --rounds 5        # more paired rounds (3 by default)");
        L("bash bench/run --quick           # development: 3 rounds without the reference variants, scaling and course rows; writes artifacts/benchmarks-quick.md");
        L("bash bench/run --only gmm-200k-k5 --no-scaling --no-course --output /tmp/b.md   # one workload");
        L("dotnet artifacts/bin/ClassicML.Benchmarks/release/ClassicML.Benchmarks.dll compare --from artifacts/bench-results.json   # rewrite from the last measurements");
        L("python3 bench/workloads.py --list   # the Python variants; python3 bench/workloads.py WORKLOAD VARIANT artifacts/bench-data 1 runs one");
        L("```");
        L();
        L("`bench/run` installs Debian's `python3-numpy`, `python3-scipy`, `python3-sklearn`, `python3-threadpoolctl` and `libopenblas0-pthread` with apt when they are missing, builds the solution in Debug (the notebooks `#r` the Debug `ClassicML.dll`) and Release, and runs `compare`. The speed targets live here and in bench/run, never in unit tests.");
        L();

        L("## Method");
        L();
        L("- **Same data, same answer.** The C# harness generates every data set once with fixed seeds (`BenchData.cs`) as raw little-endian float64 files in `artifacts/bench-data/`; `bench/workloads.py` reads the same bytes. Each side reports its answer rounded to 10 digits (final loss and parameters, mean log-likelihood, first coefficient); a Python variant counts only if its answer agrees with C#'s to 1e-10 in every round (column *agrees*).");
        L(string.Create(Inv, $"- **Paired rounds.** {rounds.Count} rounds; in each, every workload runs in C# and then in every Python variant (or the other way round: the order alternates), each in a fresh process: untimed warm-up (C#: runs repeated for at least a second, since the tiered JIT optimises a method only after a delay; Python: one run; page faults and caches on both sides; the answer is the check value), then one timed run (three for the shorter EM and least-squares workloads, the fastest of which counts). The reference variants (numpy as written, scikit-learn, numpy's full QR), which are never the fastest, run once without a warm-up to keep the run short. Each round gives a ratio Python ÷ C#; the tables show the median of the {rounds.Count} ratios and their range."));
        L("- **Strongest baseline.** For each workload the verdict uses the Python variant with the lowest median time among those that agree; the Python code is in `bench/workloads.py` for anyone to improve.");
        L("- **Threads.** Both sides may use every core: .NET `Parallel.For`; OpenBLAS with pthreads; the `numpy-tight-threads` variant splits numpy's elementwise work over the cores in threads.");
        L("- **Peak memory** is the process's high-water resident set (`VmHWM`), runtime and data included. The C# side holds the data twice (the raw row-major file and the column-major matrix).");
        L(string.Create(Inv, $"- **Read-bandwidth limit** (logistic regression): every evaluation of loss and gradient must read X and y once, so a run can be no faster than {Workloads.Epochs + 1} evaluations × N × (D + 1) × 8 bytes ÷ the read bandwidth. The bandwidth is measured in each round just before the C# run, as a vectorised streaming sum over an array of the workload's own working-set size (best of 1 and {res.Cores} threads; a working set that fits the last-level cache is read from there). For comparison, main memory (a 1 GiB array) gave {res.MainMemoryBandwidth1 / 1e9:0.0} GB/s on one thread and {res.MainMemoryBandwidthAll / 1e9:0.0} GB/s on {res.Cores}."));
        L();

        L("## Workloads");
        L();
        L("| workload | N × D | what runs | C# (public entry point) |");
        L("|---|---|---|---|");
        foreach (var s in specs)
        {
            var (what, cs) = Workloads.Describe(s.Name);
            L(string.Create(Inv, $"| {s.Name} | {s.Rows:N0} × {s.Cols} | {what} | {cs.Replace("|", "\\|", StringComparison.Ordinal)} |"));
        }
        L();
        L("| Python variant | what it is |");
        L("|---|---|");
        foreach (var variant in rounds.SelectMany(r => r.Workloads).SelectMany(x => x.Python.Keys).Distinct())
            L($"| {variant} | {Workloads.DescribeVariant(variant).Replace("|", "\\|", StringComparison.Ordinal)} |");
        L();
        L("The EM starts differ: ClassicML picks 5 random data points and starts from the Gaussians of the nearest-point split; the numpy EM does the same from rows 0–4 (one point of each cluster); scikit-learn's `init_params='random'` starts from random responsibilities. All run exactly 100 iterations and reach the same optimum (the *agrees* column compares the mean log-likelihood to 10 digits).");
        L();

        L("## Results (paired rounds)");
        L();
        L("| workload | side | median s | range s | Python ÷ C#: median [range] | agrees | peak MiB |");
        L("|---|---|---:|---|---|---|---:|");
        foreach (var s in specs)
        {
            var rs = Of(s.Name, rounds).ToList();
            var cs = rs.Select(x => Time(x.Cs)).OfType<double>().ToList();
            L($"| **{s.Name}** | C# | {F(cs.Count > 0 ? Median(cs) : null)} | {Range(cs)} | | answer `{CsCheck(s.Name, rounds)}` | {Mib(rs.Select(x => x.Cs?.Peak).Max())} |");
            var strongest = Strongest(s.Name, rounds);
            foreach (var variant in rs.SelectMany(x => x.Python.Keys).Distinct())
            {
                var t = rs.Select(x => Time(x.Python.GetValueOrDefault(variant))).OfType<double>().ToList();
                var name = variant == strongest ? $"**{variant}** (strongest)" : variant;
                L($"| | {name} | {F(t.Count > 0 ? Median(t) : null)} | {Range(t)} | {Spread(Ratios(s.Name, variant, rounds))} | {(VariantAgrees(s.Name, variant, rounds) ? "yes" : "**no**")} | {Mib(rs.Select(x => x.Python.GetValueOrDefault(variant)?.Peak).Max())} |");
            }
        }
        L();

        L("## Targets");
        L();
        L("| workload | judged against | median [range] over the rounds | target | met |");
        L("|---|---|---|---|---|");
        foreach (var s in specs)
        {
            var (values, med, met, against) = Verdict(s, rounds);
            var shown = s.Name == "logistic-100k-x50" ? (values.Count == 0 ? "–" : $"{X(med)} the limit [{X(values.Min())}–{X(values.Max())}]") : Spread(values);
            L($"| {s.Name} | {against} | {shown} | {Workloads.Target(s.Name)} | {(values.Count == 0 ? "not measured" : met ? "**yes**" : "**no**")} |");
        }
        L();
        foreach (var s in specs)
        {
            var (values, med, met, against) = Verdict(s, rounds);
            if (values.Count == 0) { L($"- {s.Name}: not measured."); continue; }
            var goal = Goal(s.Name);
            if (s.Name == "logistic-100k-x50")
                L(string.Create(Inv, $"- {s.Name}: C# ran at {med:0.00}× the read-bandwidth limit (median; {values.Min():0.00}–{values.Max():0.00}×): target ≤ {goal}× {(met ? "**met**" : string.Create(Inv, $"**missed** by a factor {med / goal:0.00}"))}."));
            else
                L(string.Create(Inv, $"- {s.Name}: {med:0.0}× faster than {against}, the strongest Python (median; {values.Min():0.0}–{values.Max():0.0}× over the rounds): target ≥ {goal}× {(met ? "**met**" : string.Create(Inv, $"**missed** by a factor {goal / med:0.00}"))}."));
        }
        L();

        L("## What limits each result");
        L();
        foreach (var s in specs) L($"- **{s.Name}**: {Limits(s, res)}");
        L();

        Scaling(res, L);
        CourseSection(res, L);
        return sb.ToString();
    }

    private static string Range(List<double> t) => t.Count == 0 ? "–" : $"{F(t.Min())}–{F(t.Max())}";

    private static string Mib(long? b) => b is { } v ? (v / 1048576.0).ToString("0", Inv) : "–";

    /// <summary>The generated explanation of each workload's result: structure in words, numbers from this run.</summary>
    private static string Limits(WorkloadSpec s, Results res)
    {
        var rounds = res.Rounds;
        var rs = Of(s.Name, rounds).ToList();
        var cs = Median(rs.Select(x => Time(x.Cs)).OfType<double>());
        var cpu = Median(rs.Select(x => x.Cs?.CpuTimes is { Length: > 0 } c ? c.Min() : double.NaN).Where(d => !double.IsNaN(d)));
        var strongest = Strongest(s.Name, rounds);
        var py = strongest is null ? double.NaN : Median(rs.Select(x => Time(x.Python.GetValueOrDefault(strongest))).OfType<double>());
        var cores = double.IsNaN(cpu) ? "" : string.Create(Inv, $" The C# process got {cpu / cs:0.00} of the {res.Cores} cores on average while timed (CPU time ÷ wall time, median over the rounds): the rest went to other jobs.");
        var exp = res.Micro.GetValueOrDefault("vectormath_exp_ns", double.NaN);
        var netExp = res.Micro.GetValueOrDefault("vector512_exp_ns", double.NaN);
        var mathExp = res.Micro.GetValueOrDefault("math_exp_ns", double.NaN);
        var expText = double.IsNaN(exp) ? "" : string.Create(Inv, $"ClassicML's vector exp (VectorMath.Exp, within 3 ulp of Math.Exp) costs {exp:0.00} ns per value on one thread with the data in L1 (.NET's Vector512.Exp {netExp:0.00} ns, scalar Math.Exp {mathExp:0.00} ns; best of many repetitions)");
        var evals = s.Steps + 1;
        switch (s.Name)
        {
            case "logistic-1M-x2":
            {
                var bw = Median(rs.Select(x => x.Bandwidth ?? double.NaN).Where(d => !double.IsNaN(d)));
                var limit = LimitSeconds(s, s.Rows, bw);
                var perSample = cpu / (evals * (double)s.Rows) * 1e9;
                var expShare = exp / perSample;
                return string.Create(Inv,
                    $"arithmetic, not bandwidth. One Vector512 pass per block forms the logits, the loss terms, the residuals and the gradient in registers and stores nothing; Σ ln(1 + e^(−|z|)) is the logarithm of running products plus their exact rounding tail, so the per-sample work is one exp, one division and a few dozen other vector operations. " +
                    $"The C# run took {cs:0.000} s (median) for {evals} × {s.Rows:N0} samples: {cpu / (evals * (double)s.Rows) * 1e9:0.00} ns of CPU time per sample, of which the exp accounts for about {expShare * 100:0}% by itself ({expText}). " +
                    $"Reading X and y {evals} times at this working set's measured bandwidth ({bw / 1e9:0.0} GB/s, median over the rounds) would take {limit:0.000} s, so the run is at {cs / limit:0.0}× that limit.{cores} " +
                    $"The strongest Python ({strongest}, {py:0.000} s) makes about ten passes over N-long buffers per epoch, each a separate ufunc call: {py / evals * 1e3:0.00} ms per evaluation against C#'s {cs / evals * 1e3:0.00} ms.");
            }
            case "logistic-100k-x50":
            {
                var rates = rs.Where(x => Time(x.Cs) > 0).Select(x => evals * (double)s.DataBytes(s.Rows) / Time(x.Cs)!.Value).ToList();
                var bws = rs.Select(x => x.Bandwidth ?? double.NaN).Where(d => !double.IsNaN(d)).ToList();
                return string.Create(Inv,
                    $"memory traffic. X ({s.DataBytes(s.Rows) / 1e6:0.0} MB with y) is streamed once per evaluation in blocks that stay in L2 between the pass that forms the logits and the pass that accumulates the gradient; the exp and division, once per sample, are small against {s.Cols} multiply-adds per sample. " +
                    $"C# read X and y at {Median(rates) / 1e9:0.0} GB/s (median over the rounds, {rates.Min() / 1e9:0.0}–{rates.Max() / 1e9:0.0}), while a plain streaming sum over an array of the same size reached {Median(bws) / 1e9:0.0} GB/s ({bws.Min() / 1e9:0.0}–{bws.Max() / 1e9:0.0}) in the same rounds. Besides the cores the C# process did not get (below), the gap is the work a plain sum does not do: the second, in-cache pass over each block for the gradient and the logits' read and write per four columns.{cores} " +
                    $"The strongest Python ({strongest}) spends {py / evals * 1e3:0.00} ms per evaluation (two OpenBLAS matrix–vector products over X plus the elementwise passes) against C#'s {cs / evals * 1e3:0.00} ms.");
            }
            case "gmm-200k-k5":
            {
                var perPoint = cpu / (evals * (double)s.Rows * 5) * 1e9;
                return string.Create(Inv,
                    $"arithmetic. Every iteration is one fused pass over the points: per block of points the log-densities of all 5 components through their Cholesky factors, the log-sum-exp, the responsibilities and the M-step sums, chunked over the cores with a fixed reduction order. " +
                    $"C#: {cs / evals * 1e3:0.00} ms per iteration (median), {perPoint:0.00} ns of CPU time per point and component, which includes one exp ({expText}). " +
                    $"The numpy EM ({(strongest == "numpy-em" ? "the strongest variant" : "not the strongest here")}) does each step as one BLAS product but also about eight passes over K × N arrays (max, subtract, exp, sum, log, divide): {py / evals * 1e3:0.00} ms per iteration for {strongest}.{cores}");
            }
            case "lstsq-normal-1M-x20":
            {
                var c = s.Cols + 1;
                var flops = (double)s.Rows * c * (c + 1); // one multiply-add per entry of the upper triangle of AᵀA
                return string.Create(Inv,
                    $"one pass over X ({s.Rows * (double)s.Cols * 8 / 1e6:0} MB) forming the upper triangle of [X | y]ᵀ[X | y] in 4 × 4 column tiles of cache-resident row blocks, then a {s.Cols} × {s.Cols} Cholesky. " +
                    $"C# took {cs * 1e3:0.0} ms (median): {flops / cs / 1e9:0.0} GFLOP/s and {s.DataBytes(s.Rows) / cs / 1e9:0.0} GB/s read, against {res.MainMemoryBandwidthAll / 1e9:0.0} GB/s measured for main memory on {res.Cores} threads. " +
                    $"The strongest Python ({strongest}: `np.linalg.solve(X.T @ X, X.T @ y)`) took {py * 1e3:0.0} ms: X.T @ X (OpenBLAS SYRK) and X.T @ y read X twice.{cores}");
            }
            case "lstsq-qr-1M-x20":
            {
                var c = s.Cols + 1;
                var flops = 2.0 * s.Rows * c * c; // Householder QR of an N × c matrix, leading term
                return string.Create(Inv,
                    $"a tall-skinny QR that folds cache-resident row blocks of [X | y] into a running {c} × {c} R with Householder reflections, in fixed chunks over the cores, Q never formed: one pass over X. " +
                    $"C# took {cs * 1e3:0.0} ms (median), {flops / cs / 1e9:0.0} GFLOP/s for the 2Nc² flops of the factorisation. " +
                    $"The strongest Python ({strongest}) took {py * 1e3:0.0} ms ({flops / py / 1e9:0.0} GFLOP/s), including the copy of [X | y] into the Fortran-order array LAPACK's dgeqrf needs.{cores}");
            }
            default:
                return "";
        }
    }

    private static void Scaling(Results res, Action<string> L)
    {
        if (res.Scaling.Count == 0) return;
        L("## Scaling: N/10, N and 10·N");
        L("");
        var l3 = CacheBytes();
        L(string.Create(Inv, $"One process per side and size: at N/10 the warm-up of the paired rounds and 3 timed runs (the fastest shown), at N the medians of the paired rounds above, at 10·N one timed run (the C# process first warms its JIT for a second on the N/10 data; Python runs cold). Both sides ran the same data; the Python side is the strongest variant of the paired rounds. \"Per row\" is the time ÷ N; growth compares the per-row cost with the size before (1.00 = linear).{(l3 > 0 ? string.Create(Inv, $" The last-level cache here holds {l3 / 1048576} MiB, so working sets beyond it are read from main memory.") : "")}"));
        L("");
        L("| workload | N | working set MB | C# s | C# cores obtained | C# per row, ns | growth | Python s | Python per row, ns | growth | Python ÷ C# |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var notes = new List<string>();
        foreach (var s in Workloads.Specs)
        {
            var strongest = Strongest(s.Name, res.Rounds);
            var rs = Of(s.Name, res.Rounds).ToList();
            if (rs.Count == 0) continue;
            var points = new List<(int Rows, double? Cs, double? Py, double? Cores, string? Skipped)>();
            foreach (var p in res.Scaling.Where(p => p.Workload == s.Name && p.Rows < s.Rows)) points.Add((p.Rows, Time(p.Cs), Time(p.Py), Cores(p.Cs), p.Skipped));
            points.Add((s.Rows, Median(rs.Select(x => Time(x.Cs)).OfType<double>()),
                strongest is null ? null : Median(rs.Select(x => Time(x.Python.GetValueOrDefault(strongest))).OfType<double>()),
                Median(rs.Select(x => Cores(x.Cs)).OfType<double>()), null));
            foreach (var p in res.Scaling.Where(p => p.Workload == s.Name && p.Rows > s.Rows)) points.Add((p.Rows, Time(p.Cs), Time(p.Py), Cores(p.Cs), p.Skipped));
            double? prevCs = null, prevPy = null;
            var growths = new List<(int Rows, double G)>();
            foreach (var p in points)
            {
                var ws = s.DataBytes(p.Rows) / 1e6;
                if (p.Skipped is not null)
                {
                    L(string.Create(Inv, $"| {s.Name} | {p.Rows:N0} | {ws:0.#} | {p.Skipped} | | | | | | | |"));
                    notes.Add($"{s.Name} at N = {p.Rows:N0}: {p.Skipped}.");
                    prevCs = prevPy = null;
                    continue;
                }
                double? csRow = p.Cs / p.Rows * 1e9, pyRow = p.Py / p.Rows * 1e9;
                double? gCs = csRow / prevCs, gPy = pyRow / prevPy;
                if (gCs is { } g) growths.Add((p.Rows, g));
                L(string.Create(Inv, $"| {s.Name} | {p.Rows:N0} | {ws:0.#} | {F(p.Cs)} | {(p.Cores is { } co ? co.ToString("0.00", Inv) : "–")} | {Ns(csRow)} | {G(gCs)} | {F(p.Py)} | {Ns(pyRow)} | {G(gPy)} | {(p.Cs > 0 && p.Py > 0 ? X(p.Py!.Value / p.Cs!.Value) : "–")} |"));
                prevCs = csRow;
                prevPy = pyRow;
            }
            var off = growths.Where(g => g.G is > 1.3 or < 0.77).ToList();
            foreach (var (rows, g) in off)
            {
                var before = points.TakeWhile(p => p.Rows < rows).LastOrDefault();
                var crossed = g > 1 && l3 > 0 && s.DataBytes(before.Rows) <= l3 && s.DataBytes(rows) > l3;
                var smallSide = before.Rows > 0 && before.Cs < 0.05;
                var now = points.First(p => p.Rows == rows);
                // The load explains a change only in its own direction: fewer cores obtained → dearer rows, more → cheaper.
                var coresChanged = now.Cores is { } c1 && before.Cores is { } c0 && c1 > 0 && (g > 1 ? c0 / c1 > 1.2 : c1 / c0 > 1.2);
                notes.Add(string.Create(Inv, $"{s.Name}: C#'s cost per row changed by {g:0.00}× from N = {before.Rows:N0} to {rows:N0}, not linear") +
                    (crossed ? string.Create(Inv, $": the working set grew past the {l3 / 1048576} MiB last-level cache ({s.DataBytes(before.Rows) / 1e6:0.#} → {s.DataBytes(rows) / 1e6:0.#} MB), so every pass now reads main memory") :
                     g < 1 && smallSide ? ": at the small size fixed costs (thread start-up, per-fit allocations, the final combine) weigh more against the short run" :
                     coresChanged ? string.Create(Inv, $": the C# process got {before.Cores:0.00} cores at the smaller size and {now.Cores:0.00} at the larger (CPU time ÷ wall time), so the load explains {(g > 1 ? "at least part of it" : "part of it")}") :
                     g < 1 ? ": the larger size amortises fixed per-fit costs better" :
                     string.Create(Inv, $": the C# process did not get fewer cores ({before.Cores:0.00} → {now.Cores:0.00}), so this is the kernel's own cost growing (the larger working set's memory traffic{(rows > s.Rows ? ", measured by a single run at 10·N" : "")})")) + ".");
            }
            if (off.Count == 0 && growths.Count > 0)
                notes.Add(string.Create(Inv, $"{s.Name}: C#'s cost per row stayed within {growths.Min(g => g.G):0.00}–{growths.Max(g => g.G):0.00}× of the size before: linear in N."));
        }
        L("");
        foreach (var n in notes) L("- " + n);
        L("");
    }

    /// <summary>Cores a C# sample obtained while timed: CPU time ÷ wall time of its fastest run's pair.</summary>
    private static double? Cores(Sample? s) =>
        s is { CpuTimes.Length: > 0, Times.Length: > 0 } && s.Times.Min() > 0 ? s.CpuTimes!.Min() / s.Times.Min() : null;

    private static string Ns(double? v) => v is { } x ? x.ToString(x >= 100 ? "0" : "0.0", Inv) : "–";
    private static string G(double? v) => v is { } x ? x.ToString("0.00", Inv) : "–";

    private static long CacheBytes()
    {
        try
        {
            var text = File.ReadAllText("/sys/devices/system/cpu/cpu0/cache/index3/size").Trim();
            return text.EndsWith('K') ? long.Parse(text[..^1], Inv) * 1024 : text.EndsWith('M') ? long.Parse(text[..^1], Inv) << 20 : long.Parse(text, Inv);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static void CourseSection(Results res, Action<string> L)
    {
        if (res.Course.Count == 0) return;
        L("## The course");
        L("");
        L("| measurement | seconds | target | met | peak MiB | notes |");
        L("|---|---:|---|---|---:|---|");
        foreach (var c in res.Course)
        {
            var met = c.Seconds is not { } t || c.Target == "report" ? "–" : c.Name == "course-check-cold" ? (t < 20 ? "yes" : "no") : (t < 0.5 ? "yes" : "no");
            L($"| {c.Name} | {F(c.Seconds)} | {c.Target} | {met} | {Mib(c.Peak)} | {c.Note} |");
        }
        L("");
        L("- **course-check-cold** is `check` of every lesson from a fresh process: `check` starts one child process per lesson (at most one per core), each hosting the .NET Interactive C# kernel, which compiles every code cell as a script submission; the compiler and the kernel are ReadyToRun-compiled at build time (build/ReadyToRun.targets), so a process no longer jits them anew. `check` starts the longest lessons first (by their times in the previous run), and the runner runs without tiered compilation: the precompiled compiler keeps its native code instead of being re-jitted at tier 1 in the background, and every other method (the library's hot loops among them) is compiled optimised once; the library is JIT-optimised in the Debug build the lessons load for the same reason.");
        L("- **course-grade-30** is `grade` of a generated class of 30 notebooks of one lesson (a third solved, a third blank, a third half done): each submission runs in a worker process of its own (fresh kernel, the lesson's setup cell, the student's cells, then every exercise's hidden tests), as many at once as there are cores, after the teacher's solutions; it is reported, not judged against a target.");
        L("- **course-warm-cell** is one submission to the hosted .NET Interactive C# kernel (parse, bind, emit, load, run) plus formatting the value to HTML, in a session where the compiler is already jitted.");
        L("");
    }
}
