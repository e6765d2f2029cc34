using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace ClassicML.Data;

/// <summary>A data set split into a training part and a held-out test part.</summary>
/// <param name="XTrain">Training rows of X.</param>
/// <param name="YTrain">Training targets.</param>
/// <param name="XTest">Test rows of X.</param>
/// <param name="YTest">Test targets.</param>
/// <param name="TrainIndices">Row indices (into the original X) of the training part, increasing.</param>
/// <param name="TestIndices">Row indices of the test part, increasing.</param>
public sealed record TrainTestSplit(Matrix<double> XTrain, Vector<double> YTrain, Matrix<double> XTest, Vector<double> YTest, int[] TrainIndices, int[] TestIndices);

/// <summary>Seeded random splits and permutations of rows (MT19937 and a Fisher–Yates shuffle, so the same seed gives the same split everywhere).</summary>
public static class Splits
{
    /// <summary>
    /// A uniformly random permutation of 0 … n − 1 by the Fisher–Yates shuffle: for i = n − 1 down to 1, swap element i with
    /// element j drawn uniformly from 0 … i.
    /// </summary>
    /// <param name="n">Length (≥ 0).</param>
    /// <param name="seed">Random seed.</param>
    public static int[] Permutation(int n, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var p = new int[n];
        for (var i = 0; i < n; i++) p[i] = i;
        var rng = new MersenneTwister(seed, threadSafe: false);
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    /// <summary>
    /// Splits row indices 0 … n − 1 at random: round(testFraction·n) of them (at least 1, at most n − 1) go to the test
    /// part, the rest to training; both lists are returned in increasing order.
    /// </summary>
    /// <param name="n">Number of rows (≥ 2).</param>
    /// <param name="testFraction">Fraction of rows held out, in (0, 1).</param>
    /// <param name="seed">Random seed.</param>
    public static (int[] Train, int[] Test) TrainTestIndices(int n, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie strictly between 0 and 1, e.g. 0.25.");
        var testCount = Math.Clamp((int)Math.Round(testFraction * n, MidpointRounding.AwayFromZero), 1, n - 1);
        var p = Permutation(n, seed);
        var test = p[..testCount];
        var train = p[testCount..];
        Array.Sort(test);
        Array.Sort(train);
        return (train, test);
    }

    /// <summary>Splits the rows of <paramref name="X"/> and the entries of <paramref name="y"/> together (see <see cref="TrainTestIndices"/>).</summary>
    /// <param name="X">The n × d design matrix (n ≥ 2).</param>
    /// <param name="y">The n targets.</param>
    /// <param name="testFraction">Fraction of rows held out, in (0, 1).</param>
    /// <param name="seed">Random seed.</param>
    public static TrainTestSplit TrainTest(Matrix<double> X, Vector<double> y, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(X);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count != X.RowCount) throw new ArgumentException($"X has {X.RowCount} rows but y has {y.Count} entries; give one target per row.", nameof(y));
        var (train, test) = TrainTestIndices(X.RowCount, testFraction, seed);
        return new TrainTestSplit(Rows(X, train), Take(y, train), Rows(X, test), Take(y, test), train, test);
    }

    /// <summary>The rows of <paramref name="X"/> at <paramref name="indices"/>, in that order.</summary>
    /// <param name="X">A matrix.</param>
    /// <param name="indices">Row indices, each in 0 … X.RowCount − 1.</param>
    public static Matrix<double> Rows(Matrix<double> X, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(X);
        ArgumentNullException.ThrowIfNull(indices);
        foreach (var i in indices)
            if (i < 0 || i >= X.RowCount) throw new ArgumentOutOfRangeException(nameof(indices), i, $"Row index {i} is outside 0 … {X.RowCount - 1}.");
        return Matrix<double>.Build.Dense(indices.Count, X.ColumnCount, (r, c) => X[indices[r], c]);
    }

    /// <summary>The entries of <paramref name="v"/> at <paramref name="indices"/>, in that order.</summary>
    /// <param name="v">A vector.</param>
    /// <param name="indices">Indices, each in 0 … v.Count − 1.</param>
    public static Vector<double> Take(Vector<double> v, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(indices);
        foreach (var i in indices)
            if (i < 0 || i >= v.Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"Index {i} is outside 0 … {v.Count - 1}.");
        return Vector<double>.Build.Dense(indices.Count, k => v[indices[k]]);
    }
}
