using ClassicML.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Mixtures;

/// <summary>
/// The parameters θ = (π, μ, Σ) of a K-component Gaussian mixture in D dimensions, whose density is
/// p(x) = Σ_k π_k 𝒩(x | μ_k, Σ_k). Immutable: the constructor copies its inputs and every accessor
/// returns a fresh copy.
/// </summary>
/// <remarks>
/// Validated on construction: weights positive and summing to 1 (within 1e-8), means of one length D,
/// covariances D×D, symmetric (within 1e-10 relative) and positive definite (their Cholesky factor exists).
/// </remarks>
public sealed class MixtureParameters
{
    private readonly double[] _weights;  // K
    private readonly double[] _means;    // K·D, row k = μ_k
    private readonly double[] _covs;     // K·D·D, row-major per component

    /// <summary>Checks and copies the weights π_k, means μ_k and covariances Σ_k of a mixture.</summary>
    /// <param name="weights">Mixing weights π_k &gt; 0 with Σ_k π_k = 1 (length K).</param>
    /// <param name="means">K mean vectors μ_k, all of length D.</param>
    /// <param name="covariances">K symmetric positive-definite D×D covariance matrices Σ_k.</param>
    /// <exception cref="ArgumentException">Shapes disagree, a weight is not positive, the weights do not sum to 1,
    /// a value is not finite, or a covariance is not symmetric positive definite.</exception>
    public MixtureParameters(Vector<double> weights, IReadOnlyList<Vector<double>> means, IReadOnlyList<Matrix<double>> covariances)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariances);
        int k = weights.Count;
        if (k < 1)
            throw new ArgumentException("A mixture needs at least one component: pass one weight per component.", nameof(weights));
        if (means.Count != k)
            throw new ArgumentException($"There are {k} weights but {means.Count} means; pass one mean per component.", nameof(means));
        if (covariances.Count != k)
            throw new ArgumentException($"There are {k} weights but {covariances.Count} covariances; pass one covariance per component.", nameof(covariances));
        double sum = 0;
        for (int j = 0; j < k; j++)
        {
            double w = weights[j];
            if (!double.IsFinite(w) || w <= 0)
                throw new ArgumentException($"Weight {j} is {w}; every mixing weight must be a positive finite number.", nameof(weights));
            sum += w;
        }
        if (Math.Abs(sum - 1) > 1e-8)
            throw new ArgumentException($"The weights sum to {sum:R}, not 1; divide them by their sum first.", nameof(weights));
        ArgumentNullException.ThrowIfNull(means[0], nameof(means));
        int d = means[0].Count;
        if (d < 1)
            throw new ArgumentException("Mean vectors must have at least one coordinate.", nameof(means));

        _weights = weights.ToArray();
        _means = new double[k * d];
        _covs = new double[k * d * d];
        var chol = new double[d * d];
        for (int j = 0; j < k; j++)
        {
            var m = means[j] ?? throw new ArgumentNullException(nameof(means), $"Mean {j} is null.");
            if (m.Count != d)
                throw new ArgumentException($"Mean {j} has {m.Count} coordinates but mean 0 has {d}; all means need the same dimension.", nameof(means));
            for (int a = 0; a < d; a++)
            {
                if (!double.IsFinite(m[a]))
                    throw new ArgumentException($"Mean {j} has a non-finite coordinate {a} ({m[a]}); pass finite numbers.", nameof(means));
                _means[j * d + a] = m[a];
            }
            var c = covariances[j] ?? throw new ArgumentNullException(nameof(covariances), $"Covariance {j} is null.");
            if (c.RowCount != d || c.ColumnCount != d)
                throw new ArgumentException($"Covariance {j} is {c.RowCount}×{c.ColumnCount}; it must be {d}×{d} to match the means.", nameof(covariances));
            double scale = 0;
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                {
                    double v = c[a, b];
                    if (!double.IsFinite(v))
                        throw new ArgumentException($"Covariance {j} has a non-finite entry ({a},{b}) = {v}; pass finite numbers.", nameof(covariances));
                    scale = Math.Max(scale, Math.Abs(v));
                }
            for (int a = 0; a < d; a++)
                for (int b = 0; b < a; b++)
                    if (Math.Abs(c[a, b] - c[b, a]) > 1e-10 * Math.Max(scale, double.Epsilon))
                        throw new ArgumentException($"Covariance {j} is not symmetric: entry ({a},{b}) = {c[a, b]:R} but ({b},{a}) = {c[b, a]:R}. Use (Σ + Σᵀ)/2.", nameof(covariances));
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                    _covs[(j * d + a) * d + b] = 0.5 * (c[a, b] + c[b, a]);
            if (!SmallCholesky.TryFactor(_covs.AsSpan(j * d * d, d * d), chol, d))
                throw new ArgumentException($"Covariance {j} is not positive definite (its Cholesky factorisation fails); add a small value to its diagonal.", nameof(covariances));
        }
        Components = k;
        Dimension = d;
    }

    /// <summary>Builds parameters from flat arrays the EM kernel owns; no validation beyond shapes (internal use).</summary>
    internal MixtureParameters(int components, int dimension, double[] weights, double[] means, double[] covariances)
    {
        Components = components;
        Dimension = dimension;
        _weights = (double[])weights.Clone();
        _means = (double[])means.Clone();
        _covs = (double[])covariances.Clone();
    }

    /// <summary>Number of components K.</summary>
    public int Components { get; }

    /// <summary>Dimension D of the data space.</summary>
    public int Dimension { get; }

    /// <summary>The mixing weights π_k = p(z = k) (a copy).</summary>
    public Vector<double> Weights => Vector<double>.Build.DenseOfArray((double[])_weights.Clone());

    /// <summary>The means μ_k, one vector per component (copies).</summary>
    public IReadOnlyList<Vector<double>> Means =>
        Enumerable.Range(0, Components).Select(Mean).ToArray();

    /// <summary>The covariances Σ_k, one D×D matrix per component (copies).</summary>
    public IReadOnlyList<Matrix<double>> Covariances =>
        Enumerable.Range(0, Components).Select(Covariance).ToArray();

    /// <summary>The mean μ_k of component <paramref name="k"/> (a copy).</summary>
    /// <param name="k">Component index, 0 ≤ k &lt; K.</param>
    public Vector<double> Mean(int k)
    {
        CheckComponent(k);
        return Vector<double>.Build.DenseOfArray(_means.AsSpan(k * Dimension, Dimension).ToArray());
    }

    /// <summary>The covariance Σ_k of component <paramref name="k"/> (a copy).</summary>
    /// <param name="k">Component index, 0 ≤ k &lt; K.</param>
    public Matrix<double> Covariance(int k)
    {
        CheckComponent(k);
        int d = Dimension;
        return Matrix<double>.Build.Dense(d, d, (a, b) => _covs[(k * d + a) * d + b]);
    }

    /// <summary>
    /// Parameters with the given weights and means and every covariance equal to σ²·I — the start the
    /// source uses (σ² = 1, "initialise the covariances as identity matrices").
    /// </summary>
    /// <param name="weights">Mixing weights π_k (positive, summing to 1).</param>
    /// <param name="means">Initial means μ_k.</param>
    /// <param name="variance">The common variance σ² &gt; 0 on every diagonal.</param>
    public static MixtureParameters WithSphericalCovariances(Vector<double> weights, IReadOnlyList<Vector<double>> means, double variance = 1.0)
    {
        ArgumentNullException.ThrowIfNull(means);
        if (!double.IsFinite(variance) || variance <= 0)
            throw new ArgumentOutOfRangeException(nameof(variance), variance, "The variance must be a positive finite number.");
        if (means.Count == 0 || means[0] is null)
            throw new ArgumentException("Pass at least one mean.", nameof(means));
        int d = means[0].Count;
        var covs = Enumerable.Range(0, means.Count).Select(_ => Matrix<double>.Build.DenseIdentity(d) * variance).ToArray();
        return new MixtureParameters(weights, means, covs);
    }

    /// <summary>
    /// Number of free parameters p = (K − 1) + K·D + K·D(D+1)/2 (weights, means, symmetric covariances),
    /// the penalty count in BIC and AIC.
    /// </summary>
    public int FreeParameterCount => Components - 1 + Components * Dimension + Components * Dimension * (Dimension + 1) / 2;

    /// <summary>
    /// Per-sample log-density log p(x_i) = log Σ_k π_k 𝒩(x_i | μ_k, Σ_k), computed in log space
    /// (log-sum-exp over components, Cholesky-based Gaussian log-density), so it never underflows.
    /// </summary>
    /// <param name="x">N×D data, one sample per row.</param>
    public Vector<double> LogDensity(Matrix<double> x)
    {
        var kernel = Kernel(x);
        var logDensity = new double[kernel.N];
        kernel.Evaluate(this, logDensity, null);
        return Vector<double>.Build.DenseOfArray(logDensity);
    }

    /// <summary>Log-likelihood log p(X | θ) = Σ_i log Σ_k π_k 𝒩(x_i | μ_k, Σ_k).</summary>
    /// <param name="x">N×D data, one sample per row.</param>
    public double LogLikelihood(Matrix<double> x)
    {
        var kernel = Kernel(x);
        return kernel.Evaluate(this, null, null);
    }

    /// <summary>
    /// Responsibilities γ_ik = π_k 𝒩(x_i | μ_k, Σ_k) / Σ_j π_j 𝒩(x_i | μ_j, Σ_j) (Bayes' rule for p(z_i = k | x_i)),
    /// as an N×K matrix whose rows sum to 1.
    /// </summary>
    /// <param name="x">N×D data, one sample per row.</param>
    public Matrix<double> Responsibilities(Matrix<double> x)
    {
        var kernel = Kernel(x);
        var resp = new double[kernel.N * Components];
        kernel.Evaluate(this, null, resp);
        return Matrix<double>.Build.Dense(kernel.N, Components, resp);
    }

    /// <summary>Hard labels argmax_k γ_ik: the component each sample most probably came from.</summary>
    /// <param name="x">N×D data, one sample per row.</param>
    public int[] Predict(Matrix<double> x)
    {
        var r = Responsibilities(x);
        var labels = new int[r.RowCount];
        for (int i = 0; i < labels.Length; i++)
        {
            int best = 0;
            for (int k = 1; k < Components; k++)
                if (r[i, k] > r[i, best]) best = k;
            labels[i] = best;
        }
        return labels;
    }

    /// <summary>A one-line summary: weights and means.</summary>
    public override string ToString()
    {
        var parts = Enumerable.Range(0, Components).Select(k =>
            $"π={_weights[k]:G4} μ=({string.Join(", ", _means.AsSpan(k * Dimension, Dimension).ToArray().Select(v => v.ToString("G4")))})");
        return $"GMM K={Components} D={Dimension}: " + string.Join("; ", parts);
    }

    internal ReadOnlySpan<double> WeightSpan => _weights;
    internal ReadOnlySpan<double> MeanSpan => _means;
    internal ReadOnlySpan<double> CovarianceSpan => _covs;

    private EmKernel Kernel(Matrix<double> x)
    {
        DataChecks.CheckData(x, nameof(x));
        if (x.ColumnCount != Dimension)
            throw new ArgumentException($"The data has {x.ColumnCount} columns but the mixture is {Dimension}-dimensional.", nameof(x));
        return new EmKernel(DataChecks.ColumnMajor(x), x.RowCount, Dimension, Components, maxDegreeOfParallelism: 1);
    }

    private void CheckComponent(int k)
    {
        if ((uint)k >= (uint)Components)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Component index must be in 0..{Components - 1}.");
    }
}
