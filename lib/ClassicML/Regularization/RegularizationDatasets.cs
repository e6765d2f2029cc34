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

/// <summary>Fixed-seed synthetic data for the regularization lesson (the source's noisy line is <c>ClassicML.Data.Synthetic.Line</c>).</summary>
public static class RegularizationDatasets
{
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

    /// <summary>
    /// Two correlated features for the constraint-geometry picture: x₁, x₂ ~ N(0, 1) with correlation
    /// <paramref name="correlation"/>, y = w₁x₁ + w₂x₂ + noise·ε, seeded. Returns X (n×2) and y.
    /// </summary>
    public static (Matrix<double> X, Vector<double> Y) TwoFeatures(int count = 60, double w1 = 2.0, double w2 = 0.4, double correlation = 0.5, double noise = 0.5, int seed = 0)
    {
        Guard.Positive(count, nameof(count));
        if (!(correlation > -1 && correlation < 1)) throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "The correlation must lie strictly between −1 and 1.");
        Guard.NonNegativeFinite(noise, nameof(noise));
        var rng = new Random(seed);
        var x = Matrix<double>.Build.Dense(count, 2);
        var y = Vector<double>.Build.Dense(count);
        var mix = Math.Sqrt(1 - correlation * correlation);
        for (var i = 0; i < count; i++)
        {
            var a = Gaussian(rng);
            var b = correlation * a + mix * Gaussian(rng);
            x[i, 0] = a;
            x[i, 1] = b;
            y[i] = w1 * a + w2 * b + noise * Gaussian(rng);
        }
        return (x, y);
    }

    /// <summary>A standard normal draw by the Box–Muller transform: √(−2 ln u₁)·cos(2πu₂).</summary>
    private static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble(); // (0, 1], so the log is finite
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
