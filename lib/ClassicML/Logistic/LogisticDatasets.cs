using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace ClassicML.Logistic;

/// <summary>A labelled binary dataset: features X (one sample per row) and labels y ∈ {0, 1}.</summary>
/// <param name="X">Features, m × n.</param>
/// <param name="Y">Labels, m entries, each 0 or 1.</param>
public sealed record BinaryDataset(Matrix<double> X, Vector<double> Y);

/// <summary>The datasets of lesson 01, each fixed-seeded so every run sees the same numbers.</summary>
public static class LogisticDatasets
{
    /// <summary>
    /// The source's tumour example: (size cm, atypia score) → malignant: (2.5, 7) → 1, (1.8, 4) → 0, (3.2, 8) → 1.
    /// </summary>
    public static BinaryDataset Tumor() => new(
        Matrix<double>.Build.DenseOfArray(new[,] { { 2.5, 7.0 }, { 1.8, 4.0 }, { 3.2, 8.0 } }),
        Vector<double>.Build.Dense([1.0, 0.0, 1.0]));

    /// <summary>
    /// Two Gaussian clouds with unit variance: <paramref name="perClass"/> points around (−1, −1) labelled 0,
    /// then as many around (1, 1) labelled 1. Drawn from a Mersenne Twister seeded with <paramref name="seed"/>.
    /// </summary>
    /// <param name="perClass">Points per class (&gt; 0).</param>
    /// <param name="seed">The random seed.</param>
    public static BinaryDataset TwoClouds(int perClass = 200, int seed = 7)
    {
        if (perClass <= 0) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "Ask for at least one point per class.");
        var rng = new MersenneTwister(seed);
        var x = Matrix<double>.Build.Dense(2 * perClass, 2);
        var y = Vector<double>.Build.Dense(2 * perClass);
        for (var i = 0; i < 2 * perClass; i++)
        {
            var centre = i < perClass ? -1.0 : 1.0;
            x[i, 0] = centre + Normal.Sample(rng, 0.0, 1.0);
            x[i, 1] = centre + Normal.Sample(rng, 0.0, 1.0);
            y[i] = i < perClass ? 0.0 : 1.0;
        }

        return new BinaryDataset(x, y);
    }

    /// <summary>
    /// Two concentric rings: label 0 at radius ≈ 1, label 1 at radius ≈ 2.5, each with Gaussian radial noise of
    /// standard deviation <paramref name="noise"/>. No straight line separates them; the feature r² = x₁² + x₂² does.
    /// </summary>
    /// <param name="perClass">Points per ring (&gt; 0).</param>
    /// <param name="noise">Radial noise σ (≥ 0).</param>
    /// <param name="seed">The random seed.</param>
    public static BinaryDataset Circles(int perClass = 150, double noise = 0.35, int seed = 11)
    {
        if (perClass <= 0) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "Ask for at least one point per ring.");
        if (!(noise >= 0.0) || double.IsInfinity(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise must be a finite number ≥ 0.");
        var rng = new MersenneTwister(seed);
        var x = Matrix<double>.Build.Dense(2 * perClass, 2);
        var y = Vector<double>.Build.Dense(2 * perClass);
        for (var i = 0; i < 2 * perClass; i++)
        {
            var inner = i < perClass;
            var r = (inner ? 1.0 : 2.5) + noise * Normal.Sample(rng, 0.0, 1.0);
            var angle = 2 * Math.PI * rng.NextDouble();
            x[i, 0] = r * Math.Cos(angle);
            x[i, 1] = r * Math.Sin(angle);
            y[i] = inner ? 0.0 : 1.0;
        }

        return new BinaryDataset(x, y);
    }

    /// <summary>Appends the engineered feature r² = x₁² + x₂² as a third column: [x₁, x₂] → [x₁, x₂, x₁² + x₂²].</summary>
    /// <param name="x">A matrix with exactly two columns.</param>
    public static Matrix<double> WithSquaredRadius(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != 2) throw new ArgumentException($"Expected 2 feature columns, got {x.ColumnCount}.", nameof(x));
        var r2 = Vector<double>.Build.Dense(x.RowCount, i => x[i, 0] * x[i, 0] + x[i, 1] * x[i, 1]);
        return x.InsertColumn(2, r2);
    }
}
