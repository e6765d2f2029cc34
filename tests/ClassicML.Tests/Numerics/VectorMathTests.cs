using System.Runtime.Intrinsics;
using ClassicML.Numerics;
using Xunit.Abstractions;

namespace ClassicML.Tests.Numerics;

/// <summary>
/// <see cref="VectorMath.Exp(Vector512{double})"/> against <see cref="Math.Exp"/> over the whole double range: the
/// arguments the kernels use (all of (−∞, 0], where the logistic loss and EM saturate) and the rest up to overflow.
/// </summary>
public class VectorMathTests(ITestOutputHelper output)
{
    /// <summary>
    /// The bound of VectorMath's remarks (2.2·2⁻⁵² relative) plus Math.Exp's own error (under 1 ulp), in ulps of the
    /// result: 3. The largest difference measured by these tests on x86-64 with AVX-512 is 1 ulp.
    /// </summary>
    private const double MaxUlps = 3;

    private static double Ulps(double got, double want)
    {
        if (got == want) return 0;
        if (double.IsNaN(got) || double.IsNaN(want) || double.IsInfinity(got) || double.IsInfinity(want)) return double.PositiveInfinity;
        var ulp = Math.BitIncrement(Math.Abs(want)) - Math.Abs(want); // the spacing at the exact value (subnormal spacing below 2⁻¹⁰²²)
        return Math.Abs(got - want) / ulp;
    }

    private static double MaxError(double[] xs)
    {
        var got = new double[xs.Length];
        VectorMath.Exp(xs, got);
        var worst = 0.0;
        for (var i = 0; i < xs.Length; i++)
        {
            var e = Ulps(got[i], Math.Exp(xs[i]));
            Assert.True(e <= MaxUlps, $"exp({xs[i]:R}) = {got[i]:R}, Math.Exp gives {Math.Exp(xs[i]):R}: {e} ulp apart.");
            worst = Math.Max(worst, e);
        }
        return worst;
    }

    [Theory]
    [InlineData(-746.0, 0.0)]            // everything the kernels pass: e^(−|z|), e^(ℓ − max ℓ)
    [InlineData(-1.0, 1.0)]              // the polynomial's range and its neighbours
    [InlineData(0.0, 710.0)]             // up to overflow
    [InlineData(-745.2, -708.3)]         // subnormal results, rounded once
    [InlineData(709.7, 709.8)]           // the last finite results and the first infinite ones
    public void Agrees_with_Math_Exp_to_the_proven_bound_over_a_range(double lo, double hi)
    {
        var rng = new Random(20261203);
        var xs = new double[1 << 20];
        for (var i = 0; i < xs.Length; i++) xs[i] = lo + (hi - lo) * rng.NextDouble();
        xs[0] = lo;
        xs[^1] = hi;
        var worst = MaxError(xs);
        output.WriteLine($"[{lo}, {hi}]: largest difference {worst:0.###} ulp");
        Assert.True(worst <= MaxUlps);
    }

    [Fact]
    public void Agrees_at_reduction_boundaries_where_n_changes()
    {
        // x near (k + ½)·ln 2, where the rounding of x/ln 2 switches n and |r| is largest.
        var xs = new List<double>();
        for (var k = -1076; k <= 1024; k++)
        {
            var edge = (k + 0.5) * Math.Log(2);
            for (var s = -8; s <= 8; s++) xs.Add(edge + s * 1e-15 * Math.Max(1, Math.Abs(edge)));
        }
        var worst = MaxError(xs.ToArray());
        output.WriteLine($"reduction boundaries: largest difference {worst:0.###} ulp");
        Assert.True(worst <= MaxUlps);
    }

    [Fact]
    public void Saturates_and_keeps_special_values_as_Math_Exp()
    {
        double[] xs = [0.0, -0.0, 1e-300, -1e-300, double.Epsilon, -double.Epsilon, -745.1332191019411, -745.1332191019412, -745.2, -746, -800, -1e308,
            double.NegativeInfinity, 709.782712893384, 709.7827128933841, 710, 1e308, double.PositiveInfinity, double.NaN, 1.0, -1.0, 0.5 * Math.Log(2), -0.5 * Math.Log(2)];
        var got = new double[xs.Length];
        VectorMath.Exp(xs, got);
        for (var i = 0; i < xs.Length; i++)
        {
            var want = Math.Exp(xs[i]);
            if (double.IsNaN(want)) Assert.True(double.IsNaN(got[i]), $"exp({xs[i]}) = {got[i]}, want NaN");
            else if (want == 0 || double.IsInfinity(want) || xs[i] == 0) Assert.Equal(want, got[i]);
            else Assert.True(Ulps(got[i], want) <= MaxUlps, $"exp({xs[i]:R}) = {got[i]:R}, want {want:R}");
        }
        Assert.Equal(1.0, got[0]);
        Assert.Equal(0.0, got[Array.IndexOf(xs, double.NegativeInfinity)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    public void Span_form_fills_every_element_including_the_tail(int length)
    {
        var xs = Enumerable.Range(0, length).Select(i => -0.37 * i).ToArray();
        var ys = new double[length];
        VectorMath.Exp(xs, ys);
        for (var i = 0; i < length; i++) Assert.True(Ulps(ys[i], Math.Exp(xs[i])) <= MaxUlps);
    }
}
