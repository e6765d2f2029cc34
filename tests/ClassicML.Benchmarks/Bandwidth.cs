using System.Numerics;
using System.Runtime.InteropServices;

namespace ClassicML.Benchmarks;

/// <summary>
/// Measures this machine's streaming read bandwidth: the speed limit of any algorithm that must read its
/// whole input every epoch (bytes to read ÷ bandwidth = the fastest an epoch can possibly be).
/// </summary>
public static class Bandwidth
{
    /// <summary>
    /// Best read bandwidth in bytes per second over an array of <paramref name="bytes"/> (1 GiB by default: far past
    /// any cache, so main memory), with the given thread count; best of five reads, or of as many as fit in a second
    /// for small arrays (a working set that fits the last-level cache is read from there).
    /// </summary>
    public static double Measure(int threads, long bytes = 1L << 30)
    {
        var data = GC.AllocateUninitializedArray<double>((int)(bytes / sizeof(double)) / threads / Vector<double>.Count * threads * Vector<double>.Count);
        Parallel.For(0, threads, t =>
        {
            var chunk = data.Length / threads;
            data.AsSpan(t * chunk, chunk).Fill(1.0); // touch every page before timing
        });
        var best = double.MaxValue;
        double sink = 0;
        var budget = System.Diagnostics.Stopwatch.StartNew();
        for (var rep = 0; rep < 5 || (rep < 200 && budget.Elapsed.TotalSeconds < 1); rep++)
        {
            var sums = new double[threads];
            var sw = System.Diagnostics.Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var chunk = data.Length / threads;
                sums[t] = Sum(data.AsSpan(t * chunk, chunk));
            });
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            sink += sums.Sum();
        }
        if (sink == 42) Console.WriteLine(); // keep the sums alive
        return data.Length * 8.0 / best;
    }

    /// <summary>
    /// The read bandwidth that applies to a working set of <paramref name="bytes"/>: the best of one thread and all
    /// cores over an array of that size (a working set that fits the last-level cache is read from there).
    /// </summary>
    public static double WorkingSet(long bytes) => Math.Max(Measure(1, bytes), Measure(Environment.ProcessorCount, bytes));

    private static double Sum(ReadOnlySpan<double> span)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(span);
        Vector<double> a = default, b = default, c = default, d = default;
        var i = 0;
        for (; i + 4 <= vectors.Length; i += 4)
        {
            a += vectors[i]; b += vectors[i + 1]; c += vectors[i + 2]; d += vectors[i + 3];
        }
        for (; i < vectors.Length; i++) a += vectors[i];
        return Vector.Sum(a + b + c + d);
    }
}
