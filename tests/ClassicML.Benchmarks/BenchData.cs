using System.Runtime.InteropServices;

namespace ClassicML.Benchmarks;

/// <summary>
/// The benchmark inputs, generated once with fixed seeds and written as raw little-endian float64 files so that
/// the C# and Python sides read exactly the same numbers.
/// </summary>
public static class BenchData
{
    /// <summary>Logistic regression, two Gaussian clouds: (name, rows, columns).</summary>
    public static readonly (string Name, int Rows, int Cols)[] Logistic = [("logistic_1M_2", 1_000_000, 2), ("logistic_100k_50", 100_000, 50)];

    /// <summary>Writes every data file into <paramref name="dir"/> unless it is already there.</summary>
    public static void EnsureAll(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var (name, rows, cols) in Logistic)
            Ensure(dir, name, () => TwoClouds(rows, cols, seed: 7));
        Ensure(dir, "gmm_200k_2", () => (FiveClusters(200_000, seed: 11), null));
        Ensure(dir, "lstsq_1M_20", () => Regression(1_000_000, 20, seed: 13));
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

    private static void Ensure(string dir, string name, Func<(double[] X, double[]? Y)> make)
    {
        var xPath = Path.Combine(dir, name + ".X.f64");
        if (File.Exists(xPath)) return;
        var (x, y) = make();
        if (y is not null) WriteAtomically(Path.Combine(dir, name + ".y.f64"), y);
        WriteAtomically(xPath, x);
    }

    private static void WriteAtomically(string path, double[] values)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
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
