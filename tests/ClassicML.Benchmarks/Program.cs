using BenchmarkDotNet.Running;

namespace ClassicML.Benchmarks;

/// <summary>
/// Entry point. <c>compare</c> runs every workload here and in numpy/scikit-learn and writes the table;
/// <c>worker NAME DATA REPEATS</c> runs one C# workload in this process (so its peak memory is its own);
/// <c>data</c> only writes the fixed-seed data files into artifacts/bench-data;
/// <c>course-grade</c> measures only the grading row (<see cref="Course.GradeRow"/>);
/// anything else goes to BenchmarkDotNet's switcher (e.g. <c>--filter *</c>).
/// </summary>
public static class Program
{
    /// <summary>Dispatches to the comparison, a single worker, or BenchmarkDotNet.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "compare") return Comparison.Run(args[1..]);
        if (args.Length > 0 && args[0] == "worker") return Worker.Run(args[1..]);
        if (args.Length > 0 && args[0] == "course-grade")
        {
            // The grading row alone (bench/run measures it with the other course rows).
            var (name, _, seconds, peak, note) = Course.GradeRow(Comparison.FindRoot(), Environment.ProcessPath!);
            Console.WriteLine($"{name}: {(seconds is { } s ? s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s" : "failed")}, peak {(peak ?? 0) / 1048576} MiB — {note}");
            return seconds is null ? 1 : 0;
        }
        if (args.Length > 0 && args[0] == "data")
        {
            BenchData.EnsureAll(Path.Combine(Comparison.FindRoot(), "artifacts", "bench-data"));
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
