using ClassicML.Logistic;
using FsCheck;
using FsCheck.Xunit;

namespace ClassicML.Tests.Logistic;

public class SigmoidTests
{
    [Theory]
    [InlineData(800.0, 1.0)]
    [InlineData(-800.0, 0.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(double.NegativeInfinity, 0.0)]
    [InlineData(0.0, 0.5)]
    public void Sigmoid_is_exact_at_extremes_and_zero(double z, double expected) =>
        Assert.Equal(expected, Sigmoid.Value(z));

    [Fact]
    public void Sigmoid_keeps_the_small_tail_with_full_relative_precision()
    {
        // σ(−40) = e^(−40)/(1 + e^(−40)); the naive 1/(1+e^40) is accurate too, but 1 − σ(40) would be 0.
        var expected = Math.Exp(-40) / (1 + Math.Exp(-40));
        Assert.Equal(expected, Sigmoid.Value(-40), expected * 1e-15);
        Assert.Equal(expected, Sigmoid.Derivative(40), expected * 1e-14);
    }

    [Fact]
    public void Derivative_is_zero_not_nan_at_extremes_and_a_quarter_at_zero()
    {
        Assert.Equal(0.0, Sigmoid.Derivative(800));
        Assert.Equal(0.0, Sigmoid.Derivative(-800));
        Assert.Equal(0.25, Sigmoid.Derivative(0), 1e-15);
    }

    [Property(MaxTest = 200)]
    public bool Derivative_matches_central_differences(NormalFloat raw)
    {
        var z = Math.Clamp(raw.Get, -30, 30);
        const double h = 1e-5;
        var numeric = (Sigmoid.Value(z + h) - Sigmoid.Value(z - h)) / (2 * h);
        return Math.Abs(numeric - Sigmoid.Derivative(z)) <= 1e-10;
    }

    [Property(MaxTest = 200)]
    public bool Sigmoid_is_symmetric_and_logit_inverts_it(NormalFloat raw)
    {
        var z = Math.Clamp(raw.Get, -15, 15);
        var s = Sigmoid.Value(z);
        // Near σ = 1 the probability carries only ~1e−16 absolute precision, so the logit's error grows like e^|z|.
        return Math.Abs(s + Sigmoid.Value(-z) - 1.0) <= 1e-15
               && Math.Abs(Sigmoid.Logit(s) - z) <= 1e-15 * Math.Exp(Math.Abs(z)) + 1e-12;
    }

    [Fact]
    public void Log_sigmoid_and_softplus_are_finite_far_out()
    {
        Assert.Equal(-800.0, Sigmoid.LogValue(-800));
        Assert.Equal(0.0, Sigmoid.LogValue(800));
        Assert.Equal(800.0, Sigmoid.Softplus(800));
        Assert.Equal(Math.Log(2), Sigmoid.Softplus(0), 1e-15);
        Assert.Equal(Math.Exp(-50), Sigmoid.Softplus(-50), 1e-30);
    }

    [Fact]
    public void Logit_rejects_non_probabilities()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Sigmoid.Logit(1.5));
        Assert.Equal("p", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sigmoid.Logit(double.NaN));
        Assert.Equal(double.PositiveInfinity, Sigmoid.Logit(1.0));
        Assert.Equal(double.NegativeInfinity, Sigmoid.Logit(0.0));
    }
}
