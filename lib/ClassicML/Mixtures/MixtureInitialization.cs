using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Mixtures;

/// <summary>
/// How EM picks its starting parameters θ⁽⁰⁾. Every strategy but <see cref="Explicit"/> chooses K data
/// points as seeds, assigns each sample to its nearest seed, and starts from the weights, means and
/// covariances of that hard split (the maximum-likelihood Gaussians of each cell, plus the diagonal term).
/// </summary>
public abstract record MixtureInitialization
{
    private protected MixtureInitialization() { }

    /// <summary>True when the start does not depend on a random seed, so restarts would repeat the same run.</summary>
    public abstract bool IsDeterministic { get; }

    /// <summary>k-means++ seeding: the first seed uniformly at random, each next one with probability ∝ D(x)²,
    /// the squared distance to the nearest seed chosen so far.</summary>
    public static MixtureInitialization KMeansPlusPlus { get; } = new KMeansPlusPlusSeeds();

    /// <summary>K distinct data points drawn uniformly at random (seeded) as seeds.</summary>
    public static MixtureInitialization RandomPoints { get; } = new RandomPointSeeds();

    /// <summary>The given rows of the data as seeds (one per component).</summary>
    /// <param name="rows">Distinct row indices into the data, one per component.</param>
    public static MixtureInitialization Points(params int[] rows) => new ChosenPoints(rows);

    /// <summary>Start exactly from <paramref name="parameters"/> (e.g. the source's weights, two data points as
    /// means, identity covariances).</summary>
    /// <param name="parameters">The starting θ⁽⁰⁾; its K and D must match the estimator and the data.</param>
    public static MixtureInitialization Explicit(MixtureParameters parameters) => new ExplicitStart(parameters);

    /// <summary>k-means++ seeds.</summary>
    public sealed record KMeansPlusPlusSeeds : MixtureInitialization
    {
        /// <inheritdoc/>
        public override bool IsDeterministic => false;
    }

    /// <summary>Uniformly random distinct data points as seeds.</summary>
    public sealed record RandomPointSeeds : MixtureInitialization
    {
        /// <inheritdoc/>
        public override bool IsDeterministic => false;
    }

    /// <summary>Chosen data rows as seeds.</summary>
    /// <param name="Rows">Row indices, one per component.</param>
    public sealed record ChosenPoints(IReadOnlyList<int> Rows) : MixtureInitialization
    {
        /// <inheritdoc/>
        public override bool IsDeterministic => true;
    }

    /// <summary>An explicit starting θ⁽⁰⁾.</summary>
    /// <param name="Parameters">The starting parameters.</param>
    public sealed record ExplicitStart(MixtureParameters Parameters) : MixtureInitialization
    {
        /// <inheritdoc/>
        public override bool IsDeterministic => true;
    }

    /// <summary>Seed rows for the seeding strategies (distinct, K of them), drawn with <paramref name="random"/>.</summary>
    internal int[] SeedRows(Matrix<double> x, double[] xs, int k, Random random)
    {
        int n = x.RowCount, d = x.ColumnCount;
        switch (this)
        {
            case ChosenPoints p:
                return p.Rows.ToArray();
            case RandomPointSeeds:
                {
                    // Partial Fisher–Yates: the first k of a random permutation.
                    var perm = Enumerable.Range(0, n).ToArray();
                    for (int i = 0; i < k; i++)
                    {
                        int j = random.Next(i, n);
                        (perm[i], perm[j]) = (perm[j], perm[i]);
                    }
                    return perm[..k];
                }
            case KMeansPlusPlusSeeds:
                {
                    var seeds = new int[k];
                    var dist = new double[n];
                    seeds[0] = random.Next(n);
                    Array.Fill(dist, double.PositiveInfinity);
                    for (int s = 1; s <= k; s++)
                    {
                        int last = seeds[s - 1];
                        double total = 0;
                        for (int i = 0; i < n; i++)
                        {
                            double d2 = 0;
                            for (int a = 0; a < d; a++)
                            {
                                double diff = xs[a * n + i] - xs[a * n + last];
                                d2 += diff * diff;
                            }
                            if (d2 < dist[i]) dist[i] = d2;
                            total += dist[i];
                        }
                        if (s == k) break;
                        if (total <= 0)
                            throw new ArgumentException($"The data has fewer than {k} distinct points, so k-means++ cannot pick {k} different seeds; lower the number of components.", nameof(x));
                        double u = random.NextDouble() * total, acc = 0;
                        int pick = n - 1;
                        for (int i = 0; i < n; i++)
                        {
                            acc += dist[i];
                            if (acc > u && dist[i] > 0) { pick = i; break; }
                        }
                        while (dist[pick] <= 0) pick--; // guard the rounding at the end of the cumulative sum
                        seeds[s] = pick;
                    }
                    return seeds;
                }
            default:
                throw new InvalidOperationException("Explicit starts have no seed rows.");
        }
    }
}
