using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace ClassicML.Data;

/// <summary>
/// Seeded synthetic data sets for the lessons. The same seed gives the same numbers on every machine: uniform numbers come
/// from MathNet's <see cref="MersenneTwister"/> (MT19937, fully specified) and normal numbers from the Box–Muller transform
/// written here, z₀ = √(−2 ln u₁)·cos(2πu₂), z₁ = √(−2 ln u₁)·sin(2πu₂), with u₁ ∈ (0, 1], u₂ ∈ [0, 1) (both z's are used).
/// Rows come out grouped by class (class 0 first); labels are 0 … k − 1.
/// </summary>
public static class Synthetic
{
    /// <summary>
    /// Isotropic Gaussian blobs: <paramref name="countPerClass"/> points around each center c_k, x = c_k + σ·z with
    /// z ~ N(0, I); label k.
    /// </summary>
    /// <param name="centers">The k ≥ 1 centers, all of the same dimension d ≥ 1.</param>
    /// <param name="std">The standard deviation σ of every coordinate (≥ 0).</param>
    /// <param name="countPerClass">Points per blob (≥ 1).</param>
    /// <param name="seed">Random seed.</param>
    public static (Matrix<double> X, int[] Labels) GaussianBlobs(IReadOnlyList<double[]> centers, double std, int countPerClass, int seed)
    {
        ArgumentNullException.ThrowIfNull(centers);
        if (centers.Count == 0) throw new ArgumentException("Give at least one center.", nameof(centers));
        var d = centers[0]?.Length ?? 0;
        for (var k = 0; k < centers.Count; k++)
        {
            if (centers[k] is null || centers[k].Length != d || d == 0)
                throw new ArgumentException($"Center {k} has {centers[k]?.Length ?? 0} coordinates but center 0 has {d}; all centers need the same dimension ≥ 1.", nameof(centers));
            if (centers[k].Any(v => !double.IsFinite(v))) throw new ArgumentException($"Center {k} has a non-finite coordinate.", nameof(centers));
        }
        ValidateStd(std, nameof(std));
        ValidateCount(countPerClass, nameof(countPerClass));
        var normal = new GaussianSource(seed);
        var n = centers.Count * countPerClass;
        var X = Matrix<double>.Build.Dense(n, d);
        var labels = new int[n];
        for (var k = 0; k < centers.Count; k++)
        {
            for (var r = 0; r < countPerClass; r++)
            {
                var i = k * countPerClass + r;
                labels[i] = k;
                for (var j = 0; j < d; j++) X[i, j] = centers[k][j] + std * normal.Next();
            }
        }
        return (X, labels);
    }

    /// <summary>Two-dimensional <see cref="GaussianBlobs(IReadOnlyList{double[]}, double, int, int)"/> with (x, y) centers.</summary>
    /// <param name="centers">The k ≥ 1 centers in the plane.</param>
    /// <param name="std">The standard deviation σ of each coordinate (≥ 0).</param>
    /// <param name="countPerClass">Points per blob (≥ 1).</param>
    /// <param name="seed">Random seed.</param>
    public static (Matrix<double> X, int[] Labels) GaussianBlobs(IReadOnlyList<(double X, double Y)> centers, double std, int countPerClass, int seed)
    {
        ArgumentNullException.ThrowIfNull(centers);
        return GaussianBlobs(centers.Select(c => new[] { c.X, c.Y }).ToArray(), std, countPerClass, seed);
    }

    /// <summary>
    /// Noisy points on a line: xᵢ uniform on [xFrom, xTo] (returned in increasing order), yᵢ = slope·xᵢ + intercept + εᵢ with
    /// εᵢ ~ N(0, noiseStd²).
    /// </summary>
    /// <param name="n">Number of points (≥ 1).</param>
    /// <param name="slope">The true slope.</param>
    /// <param name="intercept">The true intercept.</param>
    /// <param name="noiseStd">The noise standard deviation (≥ 0).</param>
    /// <param name="xFrom">Left end of the x range.</param>
    /// <param name="xTo">Right end of the x range (&gt; xFrom).</param>
    /// <param name="seed">Random seed.</param>
    public static (Vector<double> X, Vector<double> Y) Line(int n, double slope, double intercept, double noiseStd, double xFrom, double xTo, int seed)
    {
        ValidateCount(n, nameof(n));
        if (!double.IsFinite(slope)) throw new ArgumentException("The slope must be finite.", nameof(slope));
        if (!double.IsFinite(intercept)) throw new ArgumentException("The intercept must be finite.", nameof(intercept));
        ValidateStd(noiseStd, nameof(noiseStd));
        if (!double.IsFinite(xFrom)) throw new ArgumentException("xFrom must be finite.", nameof(xFrom));
        if (!double.IsFinite(xTo) || !(xTo > xFrom)) throw new ArgumentException($"xTo must be finite and greater than xFrom = {xFrom.ToString(CultureInfo.InvariantCulture)}.", nameof(xTo));
        var normal = new GaussianSource(seed);
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = xFrom + (xTo - xFrom) * normal.Uniform();
        Array.Sort(x);
        var y = new double[n];
        for (var i = 0; i < n; i++) y[i] = slope * x[i] + intercept + noiseStd * normal.Next();
        return (Vector<double>.Build.DenseOfArray(x), Vector<double>.Build.DenseOfArray(y));
    }

    /// <summary>
    /// Two concentric rings, not linearly separable: class 0 on the circle of radius 1, class 1 on the circle of radius
    /// <paramref name="factor"/>, angles uniform, each coordinate then perturbed by N(0, noiseStd²).
    /// </summary>
    /// <param name="countPerClass">Points per ring (≥ 1).</param>
    /// <param name="noiseStd">Noise standard deviation (≥ 0).</param>
    /// <param name="factor">Inner radius relative to the outer one, in (0, 1).</param>
    /// <param name="seed">Random seed.</param>
    public static (Matrix<double> X, int[] Labels) Circles(int countPerClass, double noiseStd, double factor, int seed)
    {
        ValidateCount(countPerClass, nameof(countPerClass));
        ValidateStd(noiseStd, nameof(noiseStd));
        if (!(factor > 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "The inner radius factor must lie strictly between 0 and 1, e.g. 0.5.");
        var normal = new GaussianSource(seed);
        var X = Matrix<double>.Build.Dense(2 * countPerClass, 2);
        var labels = new int[2 * countPerClass];
        for (var i = 0; i < 2 * countPerClass; i++)
        {
            var k = i < countPerClass ? 0 : 1;
            var radius = k == 0 ? 1.0 : factor;
            var angle = 2 * Math.PI * normal.Uniform();
            labels[i] = k;
            X[i, 0] = radius * Math.Cos(angle) + noiseStd * normal.Next();
            X[i, 1] = radius * Math.Sin(angle) + noiseStd * normal.Next();
        }
        return (X, labels);
    }

    /// <summary>
    /// The XOR pattern: four Gaussian blobs at (±1, ±1) with standard deviation <paramref name="std"/>; a point's label is
    /// 1 when its blob center has coordinates of opposite sign (x·y &lt; 0 at the center), else 0. No line separates the classes.
    /// </summary>
    /// <param name="countPerQuadrant">Points per blob (≥ 1).</param>
    /// <param name="std">Standard deviation of each coordinate (≥ 0).</param>
    /// <param name="seed">Random seed.</param>
    public static (Matrix<double> X, int[] Labels) Xor(int countPerQuadrant, double std, int seed)
    {
        ValidateCount(countPerQuadrant, nameof(countPerQuadrant));
        ValidateStd(std, nameof(std));
        (double X, double Y, int Label)[] blobs = [(1, 1, 0), (-1, -1, 0), (-1, 1, 1), (1, -1, 1)];
        var normal = new GaussianSource(seed);
        var X = Matrix<double>.Build.Dense(4 * countPerQuadrant, 2);
        var labels = new int[4 * countPerQuadrant];
        for (var q = 0; q < blobs.Length; q++)
        {
            for (var r = 0; r < countPerQuadrant; r++)
            {
                var i = q * countPerQuadrant + r;
                X[i, 0] = blobs[q].X + std * normal.Next();
                X[i, 1] = blobs[q].Y + std * normal.Next();
                labels[i] = blobs[q].Label;
            }
        }
        return (X, labels);
    }

    /// <summary>
    /// Gaussian clusters with full covariances, for mixture models: counts[k] points x = μ_k + L_k z with z ~ N(0, I) and
    /// L_k the Cholesky factor of Σ_k (Σ_k = L_k L_kᵀ), so x ~ N(μ_k, Σ_k); label k.
    /// </summary>
    /// <param name="means">The k ≥ 1 means μ_k, all of dimension d ≥ 1.</param>
    /// <param name="covariances">The k covariance matrices Σ_k, each d × d, symmetric and positive definite.</param>
    /// <param name="counts">Points per cluster (each ≥ 1).</param>
    /// <param name="seed">Random seed.</param>
    public static (Matrix<double> X, int[] Labels) GaussianClusters(IReadOnlyList<Vector<double>> means, IReadOnlyList<Matrix<double>> covariances, IReadOnlyList<int> counts, int seed)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariances);
        ArgumentNullException.ThrowIfNull(counts);
        if (means.Count == 0) throw new ArgumentException("Give at least one mean.", nameof(means));
        if (covariances.Count != means.Count) throw new ArgumentException($"There are {means.Count} means but {covariances.Count} covariances; give one per cluster.", nameof(covariances));
        if (counts.Count != means.Count) throw new ArgumentException($"There are {means.Count} means but {counts.Count} counts; give one per cluster.", nameof(counts));
        var d = means[0]?.Count ?? 0;
        var factors = new Matrix<double>[means.Count];
        for (var k = 0; k < means.Count; k++)
        {
            if (means[k] is null || means[k].Count != d || d == 0)
                throw new ArgumentException($"Mean {k} has dimension {means[k]?.Count ?? 0} but mean 0 has {d}; all means need the same dimension ≥ 1.", nameof(means));
            if (means[k].Any(v => !double.IsFinite(v))) throw new ArgumentException($"Mean {k} has a non-finite coordinate.", nameof(means));
            factors[k] = CholeskyFactor(covariances[k], d, k);
            if (counts[k] < 1) throw new ArgumentOutOfRangeException(nameof(counts), counts[k], $"counts[{k}] must be at least 1.");
        }
        var normal = new GaussianSource(seed);
        var n = counts.Sum();
        var X = Matrix<double>.Build.Dense(n, d);
        var labels = new int[n];
        var z = new double[d];
        var row = 0;
        for (var k = 0; k < means.Count; k++)
        {
            var L = factors[k];
            for (var r = 0; r < counts[k]; r++, row++)
            {
                for (var j = 0; j < d; j++) z[j] = normal.Next();
                for (var a = 0; a < d; a++)
                {
                    // L is lower triangular: x_a = μ_a + Σ_{b ≤ a} L_ab z_b.
                    var sum = means[k][a];
                    for (var b = 0; b <= a; b++) sum += L[a, b] * z[b];
                    X[row, a] = sum;
                }
                labels[row] = k;
            }
        }
        return (X, labels);
    }

    private static Matrix<double> CholeskyFactor(Matrix<double> sigma, int d, int k)
    {
        if (sigma is null || sigma.RowCount != d || sigma.ColumnCount != d)
            throw new ArgumentException($"Covariance {k} must be {d}×{d} (the dimension of the means) but is {sigma?.RowCount ?? 0}×{sigma?.ColumnCount ?? 0}.", "covariances");
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                if (!double.IsFinite(sigma[a, b])) throw new ArgumentException($"Covariance {k} has a non-finite entry at [{a}, {b}].", "covariances");
                if (Math.Abs(sigma[a, b] - sigma[b, a]) > 1e-12 * Math.Max(1, Math.Abs(sigma[a, b])))
                    throw new ArgumentException($"Covariance {k} is not symmetric: [{a}, {b}] = {sigma[a, b].ToString(CultureInfo.InvariantCulture)} but [{b}, {a}] = {sigma[b, a].ToString(CultureInfo.InvariantCulture)}.", "covariances");
            }
        }
        try
        {
            var L = sigma.Cholesky().Factor;
            for (var a = 0; a < d; a++)
                if (!(L[a, a] > 0) || !double.IsFinite(L[a, a])) throw new ArgumentException("not positive definite");
            return L;
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"Covariance {k} is not positive definite (its Cholesky factorisation fails); every variance must be > 0 and |correlations| < 1.", "covariances");
        }
    }

    private static void ValidateStd(double std, string name)
    {
        if (!(std >= 0) || !double.IsFinite(std)) throw new ArgumentOutOfRangeException(name, std, "A standard deviation must be a finite number ≥ 0.");
    }

    private static void ValidateCount(int count, string name)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(name, count, "The number of points must be at least 1.");
    }

    /// <summary>Seeded uniform and standard normal numbers: MT19937 and Box–Muller (both outputs used).</summary>
    private sealed class GaussianSource(int seed)
    {
        private readonly MersenneTwister _uniform = new(seed, threadSafe: false);
        private double _spare;
        private bool _hasSpare;

        /// <summary>A uniform number in [0, 1).</summary>
        public double Uniform() => _uniform.NextDouble();

        /// <summary>A standard normal number.</summary>
        public double Next()
        {
            if (_hasSpare)
            {
                _hasSpare = false;
                return _spare;
            }
            var u1 = 1.0 - _uniform.NextDouble(); // (0, 1]: log(u1) is finite
            var u2 = _uniform.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            var angle = 2.0 * Math.PI * u2;
            _spare = radius * Math.Sin(angle);
            _hasSpare = true;
            return radius * Math.Cos(angle);
        }
    }
}
