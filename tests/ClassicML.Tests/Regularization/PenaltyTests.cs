using ClassicML.Regularization;
using FsCheck;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Regularization;

public class PenaltyTests
{
    private static Vector<double> V(params double[] v) => Vector<double>.Build.Dense(v);

    [Fact]
    public void Values_follow_the_elastic_net_conventions()
    {
        var w = V(1.5, -2.0, 0.0);
        Assert.Equal(0.0, Penalty.None.Value(w));
        Assert.Equal(0.3 * 3.5, Penalty.L1(0.3).Value(w), 14);
        Assert.Equal(0.5 * 0.3 * 6.25, Penalty.L2(0.3).Value(w), 14);
        Assert.Equal(0.3 * (0.25 * 3.5 + 0.5 * 0.75 * 6.25), Penalty.ElasticNet(0.3, 0.25).Value(w), 14);
    }

    [Fact]
    public void Subgradients_are_sign_times_alpha_and_alpha_times_w()
    {
        var w = V(1.5, -2.0, 0.0);
        Assert.Equal(new[] { 0.3, -0.3, 0.0 }, Penalty.L1(0.3).Subgradient(w).ToArray());
        Assert.Equal(new[] { 0.45, -0.6, 0.0 }, Penalty.L2(0.3).Subgradient(w).ToArray(), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void L2_gradient_matches_finite_differences()
    {
        var w = V(0.7, -1.3, 2.1);
        var pen = Penalty.ElasticNet(0.8, 0.4); // smooth away from 0
        var g = pen.Subgradient(w);
        const double h = 1e-6;
        for (var j = 0; j < w.Count; j++)
        {
            var up = w.Clone(); up[j] += h;
            var down = w.Clone(); down[j] -= h;
            Assert.Equal(g[j], (pen.Value(up) - pen.Value(down)) / (2 * h), 8);
        }
    }

    [Fact]
    public void Soft_threshold_zeroes_the_dead_zone_and_shifts_the_rest()
    {
        Assert.Equal(0.0, Penalty.SoftThreshold(0.4, 0.5));
        Assert.Equal(0.0, Penalty.SoftThreshold(-0.5, 0.5));
        Assert.Equal(1.5, Penalty.SoftThreshold(2.0, 0.5));
        Assert.Equal(-1.5, Penalty.SoftThreshold(-2.0, 0.5));
        Assert.Equal(new[] { 0.0, 1.0, -0.5 }, Penalty.L1(1.0).Proximal(V(0.3, 1.5, -1.0), 0.5).ToArray());
    }

    [Property(MaxTest = 300)]
    public bool Proximal_operators_minimise_their_defining_objective(NormalFloat v, NormalFloat delta, PositiveInt alphaSeed, PositiveInt stepSeed)
    {
        // prox_{tR}(v) = argmin_w ½(w − v)² + t·R(w): no nearby w may do better.
        var alpha = (alphaSeed.Get % 50) / 10.0;
        var t = (stepSeed.Get % 20 + 1) / 10.0;
        var x = Math.Clamp(v.Get, -1e3, 1e3);
        var d = Math.Clamp(Math.Abs(delta.Get), 1e-4, 1.0);
        foreach (var pen in new[] { Penalty.L1(alpha), Penalty.L2(alpha), Penalty.ElasticNet(alpha, 0.3), Penalty.None })
        {
            var p = pen.Proximal(V(x), t)[0];
            double F(double w) => 0.5 * (w - x) * (w - x) + t * pen.Value(V(w));
            if (F(p) > F(p + d) + 1e-9 || F(p) > F(p - d) + 1e-9 || F(p) > F(0) + 1e-9) return false;
        }
        return true;
    }

    [Fact]
    public void Elastic_net_reduces_to_lasso_and_ridge_at_the_ends()
    {
        var v = V(0.3, -2.5, 1.1);
        Assert.Equal(Penalty.L1(0.7).Proximal(v, 0.9).ToArray(), Penalty.ElasticNet(0.7, 1).Proximal(v, 0.9).ToArray());
        Assert.Equal(Penalty.L2(0.7).Proximal(v, 0.9).ToArray(), Penalty.ElasticNet(0.7, 0).Proximal(v, 0.9).ToArray(), new ToleranceComparer(1e-15));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Bad_alpha_is_rejected(double alpha)
    {
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.L1(alpha)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.L2(alpha)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.ElasticNet(alpha, 0.5)).ParamName);
    }

    [Fact]
    public void Bad_ratio_and_step_are_rejected()
    {
        Assert.Equal("l1Ratio", Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.ElasticNet(1, 1.5)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => Penalty.L1(1).Proximal(V(1), -1)).ParamName);
    }
}

internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
    public int GetHashCode(double obj) => 0;
}
