using ClassicML.Data;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace ClassicML.Tests.Data;

public class SyntheticTests
{
    [Fact]
    public void Same_seed_same_data_other_seed_other_data()
    {
        var a = Synthetic.GaussianBlobs([(0.0, 0.0), (3.0, 1.0)], 0.5, 20, seed: 7);
        var b = Synthetic.GaussianBlobs([(0.0, 0.0), (3.0, 1.0)], 0.5, 20, seed: 7);
        var c = Synthetic.GaussianBlobs([(0.0, 0.0), (3.0, 1.0)], 0.5, 20, seed: 8);
        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.X, c.X);
        Assert.Equal(Synthetic.Line(10, 2, 1, 0.3, 0, 1, 3), Synthetic.Line(10, 2, 1, 0.3, 0, 1, 3));
        Assert.Equal(Synthetic.Xor(5, 0.2, 3).X, Synthetic.Xor(5, 0.2, 3).X);
        Assert.Equal(Synthetic.Circles(5, 0.1, 0.5, 3).X, Synthetic.Circles(5, 0.1, 0.5, 3).X);
    }

    [Fact]
    public void The_generator_is_pinned_across_machines()
    {
        // MT19937 + Box–Muller are fully specified, so these numbers never change; a change here means every lesson's data moved.
        var (X, _) = Synthetic.GaussianBlobs([(0.0, 0.0)], 1.0, 2, seed: 42);
        var again = Synthetic.GaussianBlobs([(0.0, 0.0)], 1.0, 2, seed: 42).X;
        Assert.Equal(again, X);
        var u = new MathNet.Numerics.Random.MersenneTwister(42, false);
        var u1 = 1 - u.NextDouble();
        var u2 = u.NextDouble();
        Assert.Equal(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2), X[0, 0], 15);
        Assert.Equal(Math.Sqrt(-2 * Math.Log(u1)) * Math.Sin(2 * Math.PI * u2), X[0, 1], 15);
    }

    [Fact]
    public void Blobs_have_the_requested_means_and_standard_deviation()
    {
        const int n = 20_000;
        var (X, labels) = Synthetic.GaussianBlobs([new[] { -2.0, 1.0, 0.5 }, new[] { 3.0, 0.0, -1.0 }], std: 0.7, countPerClass: n, seed: 11);
        Assert.Equal(2 * n, X.RowCount);
        Assert.Equal(3, X.ColumnCount);
        Assert.Equal(n, labels.Count(l => l == 1));
        var tol = 5 * 0.7 / Math.Sqrt(n); // 5 standard errors of a mean
        var first = X.SubMatrix(0, n, 0, 3);
        Assert.InRange(first.Column(0).Mean(), -2 - tol, -2 + tol);
        Assert.InRange(first.Column(1).Mean(), 1 - tol, 1 + tol);
        Assert.InRange(first.Column(2).StandardDeviation(), 0.7 * 0.98, 0.7 * 1.02); // standard error of an sd ≈ sd/√(2n) = 0.5 %
        Assert.InRange(X.SubMatrix(n, n, 0, 3).Column(0).Mean(), 3 - tol, 3 + tol);
    }

    [Fact]
    public void Line_has_the_requested_slope_intercept_noise_and_range()
    {
        var (x, y) = Synthetic.Line(20_000, slope: -1.5, intercept: 2, noiseStd: 0.4, xFrom: -3, xTo: 5, seed: 5);
        Assert.True(x.Minimum() >= -3 && x.Maximum() < 5);
        for (var i = 1; i < x.Count; i++) Assert.True(x[i] >= x[i - 1]);
        var fit = MathNet.Numerics.Fit.Line(x.ToArray(), y.ToArray());
        Assert.Equal(2, fit.A, 1); // within 0.05
        Assert.Equal(-1.5, fit.B, 1);
        var residual = y - (fit.A + fit.B * x);
        Assert.InRange(residual.StandardDeviation(), 0.4 * 0.98, 0.4 * 1.02);
        Assert.InRange(x.Mean(), 1 - 0.05, 1 + 0.05);
    }

    [Fact]
    public void Circles_lie_near_their_radii()
    {
        var (X, labels) = Synthetic.Circles(2_000, noiseStd: 0.0, factor: 0.4, seed: 2);
        for (var i = 0; i < X.RowCount; i++)
        {
            var r = Math.Sqrt(X[i, 0] * X[i, 0] + X[i, 1] * X[i, 1]);
            Assert.Equal(labels[i] == 0 ? 1.0 : 0.4, r, 12);
        }
        var noisy = Synthetic.Circles(5_000, noiseStd: 0.05, factor: 0.4, seed: 2).X;
        Assert.InRange(noisy.Column(0).Mean(), -0.01, 0.01);
    }

    [Fact]
    public void Xor_labels_follow_the_sign_pattern_of_the_blob_centers()
    {
        var (X, labels) = Synthetic.Xor(500, std: 0.1, seed: 4);
        Assert.Equal(2000, X.RowCount);
        for (var i = 0; i < X.RowCount; i++)
        {
            // σ = 0.1 keeps every point in its center's quadrant (a 10σ excursion is needed to cross an axis)
            Assert.Equal(X[i, 0] * X[i, 1] < 0 ? 1 : 0, labels[i]);
        }
        Assert.Equal(1000, labels.Sum());
    }

    [Fact]
    public void Clusters_have_the_requested_full_covariance()
    {
        var sigma = Matrix<double>.Build.DenseOfArray(new[,] { { 2.0, 1.2 }, { 1.2, 1.0 } });
        var (X, labels) = Synthetic.GaussianClusters(
            [Vector<double>.Build.Dense([1.0, -1.0]), Vector<double>.Build.Dense([-4.0, 4.0])],
            [sigma, Matrix<double>.Build.DenseIdentity(2) * 0.25], [30_000, 10], seed: 9);
        Assert.Equal(30_010, X.RowCount);
        Assert.Equal(10, labels.Count(l => l == 1));
        var a = X.SubMatrix(0, 30_000, 0, 2);
        Assert.InRange(a.Column(0).Mean(), 1 - 0.05, 1 + 0.05);
        Assert.InRange(a.Column(1).Mean(), -1 - 0.05, -1 + 0.05);
        Assert.InRange(a.Column(0).Variance(), 2 * 0.97, 2 * 1.03);
        Assert.InRange(a.Column(1).Variance(), 0.97, 1.03);
        Assert.InRange(Correlation.Pearson(a.Column(0), a.Column(1)), 1.2 / Math.Sqrt(2) - 0.02, 1.2 / Math.Sqrt(2) + 0.02);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_the_parameter_named()
    {
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.GaussianBlobs([(0.0, 0.0)], -1, 5, 1)).ParamName);
        Assert.Equal("countPerClass", Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.GaussianBlobs([(0.0, 0.0)], 1, 0, 1)).ParamName);
        Assert.Equal("centers", Assert.Throws<ArgumentException>(() => Synthetic.GaussianBlobs([new[] { 0.0 }, new[] { 0.0, 1.0 }], 1, 5, 1)).ParamName);
        Assert.Equal("xTo", Assert.Throws<ArgumentException>(() => Synthetic.Line(5, 1, 0, 0.1, 1, 1, 1)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Circles(5, 0.1, 1.0, 1)).ParamName);
        var notPd = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 2.0 }, { 2.0, 1.0 } });
        var ex = Assert.Throws<ArgumentException>(() => Synthetic.GaussianClusters([Vector<double>.Build.Dense(2)], [notPd], [5], 1));
        Assert.Equal("covariances", ex.ParamName);
        Assert.Contains("not positive definite", ex.Message);
        var asym = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0.2 }, { 0.1, 1.0 } });
        Assert.Contains("not symmetric", Assert.Throws<ArgumentException>(() => Synthetic.GaussianClusters([Vector<double>.Build.Dense(2)], [asym], [5], 1)).Message);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => Synthetic.GaussianClusters([Vector<double>.Build.Dense(2)], [notPd], [5, 6], 1)).ParamName);
    }
}
