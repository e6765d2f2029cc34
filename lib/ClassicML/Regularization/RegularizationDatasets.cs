using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>A one-feature dataset: inputs x and targets y.</summary>
/// <param name="X">Inputs.</param>
/// <param name="Y">Targets.</param>
public sealed record Dataset1D(Vector<double> X, Vector<double> Y)
{
    /// <summary>The inputs as an n×1 design matrix.</summary>
    public Matrix<double> Design => X.ToColumnMatrix();
}

/// <summary>Fixed-seed synthetic data for the regularization lesson.</summary>
public static class RegularizationDatasets
{
    /// <summary>
    /// The source's example: x_i ~ U(0, 1), y_i = 2x_i + 1 + 0.5·ε_i with ε_i ~ N(0, 1) (Box–Muller), seeded.
    /// </summary>
    public static Dataset1D Line(int count = 100, int seed = 0)
    {
        Guard.Positive(count, nameof(count));
        var rng = new Random(seed);
        var x = new double[count];
        for (var i = 0; i < count; i++) x[i] = rng.NextDouble();
        var y = new double[count];
        for (var i = 0; i < count; i++) y[i] = 2 * x[i] + 1 + 0.5 * Gaussian(rng);
        return new Dataset1D(Vector<double>.Build.Dense(x), Vector<double>.Build.Dense(y));
    }

    /// <summary>
    /// Few noisy points of a smooth curve, for the over-fitting demonstration: x evenly spaced on [−1, 1],
    /// y = sin(πx) + noise·ε with ε ~ N(0, 1), seeded.
    /// </summary>
    public static Dataset1D NoisySine(int count = 12, double noise = 0.2, int seed = 0)
    {
        Guard.Positive(count, nameof(count));
        Guard.NonNegativeFinite(noise, nameof(noise));
        var rng = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = count == 1 ? 0 : -1 + 2.0 * i / (count - 1);
            y[i] = Math.Sin(Math.PI * x[i]) + noise * Gaussian(rng);
        }
        return new Dataset1D(Vector<double>.Build.Dense(x), Vector<double>.Build.Dense(y));
    }

    /// <summary>A standard normal draw by the Box–Muller transform: √(−2 ln u₁)·cos(2πu₂).</summary>
    private static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble(); // (0, 1], so the log is finite
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
