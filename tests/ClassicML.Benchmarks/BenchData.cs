using System.Runtime.InteropServices;

namespace ClassicML.Benchmarks;

/// <summary>
/// The benchmark inputs, generated once with fixed seeds and written as raw little-endian float64 files so that
/// the C# and Python sides read exactly the same numbers.
/// </summary>
public static class BenchData
{
    /// <summary>The file of one part ("X" or "y") of a data set.</summary>
    public static string FileName(string stem, int rows, int cols, string part) => $"{stem}_{rows}x{cols}.{part}.f64";

    /// <summary>Writes the data of every workload at its target size into <paramref name="dir"/> unless already there.</summary>
    public static void EnsureAll(string dir)
    {
        foreach (var spec in Workloads.Specs) Ensure(dir, spec, spec.Rows);
    }

    /// <summary>Writes the data of <paramref name="spec"/> at <paramref name="rows"/> rows unless already there.</summary>
    public static void Ensure(string dir, WorkloadSpec spec, int rows)
    {
        Directory.CreateDirectory(dir);
        var xPath = Path.Combine(dir, FileName(spec.Stem, rows, spec.Cols, "X"));
        if (File.Exists(xPath)) return;
        var (x, y) = spec.Stem switch
        {
            "logistic" => TwoClouds(rows, spec.Cols, seed: 7),
            "gmm" => (FiveClusters(rows, seed: 11), null),
            "lstsq" => Regression(rows, spec.Cols, seed: 13),
            _ => throw new ArgumentException($"No data generator for '{spec.Stem}'.", nameof(spec)),
        };
        if (y is not null) WriteAtomically(Path.Combine(dir, FileName(spec.Stem, rows, spec.Cols, "y")), y);
        WriteAtomically(xPath, x); // X last: its presence means the set is complete
    }

    /// <summary>Reads a row-major matrix file.</summary>
    public static double[] Read(string dir, string file)
    {
        // Straight into the double[]: no byte[] copy, so a workload's peak memory is its data, not twice that.
        using var stream = File.OpenRead(Path.Combine(dir, file));
        var values = new double[stream.Length / sizeof(double)];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static void WriteAtomically(string path, double[] values)
    {
        var tmp = path + ".tmp";
        using (var f = File.Create(tmp)) f.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        File.Move(tmp, path, overwrite: true);
    }

    private static double Normal(Random rng)
    {
        // Box–Muller: enough for benchmark data, and the same on every machine for a seed.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    internal static (double[] X, double[]? Y) TwoClouds(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var x = new double[rows * cols];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var label = i % 2;
            y[i] = label;
            var centre = label == 1 ? 1.0 / Math.Sqrt(cols) : -1.0 / Math.Sqrt(cols);
            for (var j = 0; j < cols; j++) x[i * cols + j] = centre + Normal(rng);
        }
        return (x, y);
    }

    internal static double[] FiveClusters(int rows, int seed)
    {
        var rng = new Random(seed);
        (double mx, double my, double sx, double sy, double rho)[] c =
            [(0, 0, 1.0, 0.5, 0.3), (5, 5, 0.8, 1.2, -0.4), (-5, 4, 1.5, 0.7, 0.0), (4, -5, 0.6, 0.6, 0.5), (-4, -4, 1.0, 1.0, -0.2)];
        var x = new double[rows * 2];
        for (var i = 0; i < rows; i++)
        {
            var k = c[i % c.Length];
            var z1 = Normal(rng);
            var z2 = Normal(rng);
            x[2 * i] = k.mx + k.sx * z1;
            x[2 * i + 1] = k.my + k.sy * (k.rho * z1 + Math.Sqrt(1 - k.rho * k.rho) * z2);
        }
        return x;
    }

    internal static (double[] X, double[]? Y) Regression(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var w = new double[cols];
        for (var j = 0; j < cols; j++) w[j] = j - cols / 2.0;
        var x = new double[rows * cols];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var s = 0.0;
            for (var j = 0; j < cols; j++)
            {
                var v = Normal(rng);
                x[i * cols + j] = v;
                s += v * w[j];
            }
            y[i] = s + 0.1 * Normal(rng);
        }
        return (x, y);
    }
}
