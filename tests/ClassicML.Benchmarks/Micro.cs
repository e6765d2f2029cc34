using System.Diagnostics;
using System.Runtime.Intrinsics;
using ClassicML.Numerics;

namespace ClassicML.Benchmarks;

/// <summary>
/// Per-value costs on one thread with the data in L1, best of many repetitions (the least disturbed by other load):
/// the exponentials the logistic and EM kernels are built on. The document explains results with these numbers.
/// </summary>
public static class Micro
{
    /// <summary>Nanoseconds per value: Math.Exp (scalar), .NET's Vector512.Exp and ClassicML's VectorMath.Exp.</summary>
    public static Dictionary<string, double> Measure()
    {
        var x = new double[4096];
        var y = new double[4096];
        var rng = new Random(1);
        for (var i = 0; i < x.Length; i++) x[i] = -8 * rng.NextDouble(); // e^(−|z|) for typical logits
        (string Name, Action Body)[] cases =
        [
            ("math_exp_ns", () => { for (var i = 0; i < x.Length; i++) y[i] = Math.Exp(x[i]); }),
            ("vector512_exp_ns", () =>
            {
                for (var i = 0; i + 8 <= x.Length; i += 8) Vector512.Exp(Vector512.Create(x.AsSpan(i, 8))).CopyTo(y.AsSpan(i));
            }),
            ("vectormath_exp_ns", () =>
            {
                for (var i = 0; i + 8 <= x.Length; i += 8) VectorMath.Exp(Vector512.Create(x.AsSpan(i, 8))).CopyTo(y.AsSpan(i));
            }),
        ];
        var best = cases.ToDictionary(c => c.Name, _ => double.MaxValue);
        foreach (var c in cases) Time(c.Body, 0.3); // warm up: tiered JIT to its final code
        for (var round = 0; round < 8; round++) // interleaved, so a burst of other load hits every case alike
            foreach (var c in cases)
                best[c.Name] = Math.Min(best[c.Name], Time(c.Body, 0.05) / x.Length * 1e9);
        best["vector512_hardware"] = Vector512.IsHardwareAccelerated ? 1 : 0;
        return best;
    }

    /// <summary>The fastest of 20-call batches within <paramref name="seconds"/>, per call.</summary>
    private static double Time(Action body, double seconds)
    {
        var best = double.MaxValue;
        var budget = Stopwatch.StartNew();
        while (budget.Elapsed.TotalSeconds < seconds)
        {
            var sw = Stopwatch.StartNew();
            for (var r = 0; r < 20; r++) body();
            best = Math.Min(best, sw.Elapsed.TotalSeconds / 20);
        }
        return best;
    }
}
