using ClassicML.Logistic;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Logistic;

/// <summary>
/// The vectorised loss pass (one exp per sample, the log of running products plus the rounding tail) against a
/// plain per-sample sum of <see cref="Sigmoid.Softplus"/>, on sizes that cross the vector, product-run and block ends.
/// </summary>
public class LossKernelTests
{
    private static (Matrix<double> X, Vector<double> Y) Data(int m, int seed, Func<int, double, double> feature, int columns = 2)
    {
        var rng = new Random(seed);
        var y = Vector<double>.Build.Dense(m, i => i % 3 == 0 ? 1.0 : 0.0);
        var x = Matrix<double>.Build.Dense(m, columns, (i, j) => j == 0 ? feature(i, rng.NextDouble()) : rng.NextDouble() - 0.5);
        return (x, y);
    }

    private static double Reference(Matrix<double> x, Vector<double> y, Vector<double> w, double b, out double[] gradW, out double gradB)
    {
        // Σ in sorted order of magnitude, so the reference is accurate to a few ulps whatever the spread.
        var terms = new List<double>();
        gradW = new double[w.Count];
        gradB = 0;
        for (var i = 0; i < x.RowCount; i++)
        {
            var z = x.Row(i) * w + b;
            terms.Add(Sigmoid.Softplus(y[i] == 1.0 ? -z : z));
            var r = Sigmoid.Value(z) - y[i];
            for (var j = 0; j < w.Count; j++) gradW[j] += r * x[i, j] / x.RowCount;
            gradB += r / x.RowCount;
        }
        return terms.OrderBy(Math.Abs).Sum() / x.RowCount;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2049)]
    [InlineData(4096 + 2048 + 5)]
    [InlineData(3 * 4096 + 11)]
    public void Loss_and_gradient_match_a_per_sample_softplus_sum_for_logits_from_minus_60_to_60(int m)
    {
        var (x, y) = Data(m, seed: m, (_, u) => 120 * u - 60);
        var w = Vector<double>.Build.Dense([1.0, 0.3]);
        var expected = Reference(x, y, w, 0.2, out var gw, out var gb);
        var actual = BinaryCrossEntropy.Evaluate(x, y, w, 0.2);
        Assert.Equal(1.0, actual.Loss / expected, 1e-13);
        Assert.Equal(expected, BinaryCrossEntropy.Loss(x, y, w, 0.2), expected * 1e-13);
        for (var j = 0; j < 2; j++) Assert.Equal(gw[j], actual.WeightGradient[j], 1e-13);
        Assert.Equal(gb, actual.BiasGradient, 1e-13);
    }

    [Theory]
    [InlineData(1, 2057)] // narrow: one pass, nothing stored
    [InlineData(3, 5000)]
    [InlineData(4, 1000)]
    [InlineData(9, 3001)] // wide: four columns per pass over the block
    [InlineData(50, 2000)]
    public void Every_width_matches_the_per_sample_sums(int n, int m)
    {
        var (x, y) = Data(m, seed: n, (_, u) => 8 * u - 4, columns: n);
        var w = Vector<double>.Build.Dense(n, j => Math.Cos(j + 1));
        var expected = Reference(x, y, w, -0.1, out var gw, out var gb);
        var actual = BinaryCrossEntropy.Evaluate(x, y, w, -0.1);
        Assert.Equal(1.0, actual.Loss / expected, 1e-13);
        for (var j = 0; j < n; j++) Assert.Equal(gw[j], actual.WeightGradient[j], 1e-13);
        Assert.Equal(gb, actual.BiasGradient, 1e-13);
    }

    [Theory]
    [InlineData(4096 + 2048 + 5, 2)]
    [InlineData(3001, 50)]
    public void Saturated_logits_up_to_plus_minus_800_match_the_per_sample_sums(int m, int n)
    {
        // e^(−|z|) underflows to 0 for |z| > 745: σ is exactly 0 or 1 and each loss term is max(s, 0) or 0.
        var (x, y) = Data(m, seed: 11, (_, u) => 1600 * u - 800, columns: n);
        var w = Vector<double>.Build.Dense(n, j => j == 0 ? 1.0 : 0.01);
        var expected = Reference(x, y, w, 0.5, out var gw, out var gb);
        var actual = BinaryCrossEntropy.Evaluate(x, y, w, 0.5);
        Assert.Equal(1.0, actual.Loss / expected, 1e-13);
        for (var j = 0; j < n; j++) Assert.Equal(gw[j], actual.WeightGradient[j], 1e-12);
        Assert.Equal(gb, actual.BiasGradient, 1e-13);
    }

    [Fact]
    public void Confidently_separated_samples_keep_their_tiny_loss_the_rounding_of_one_plus_e_would_drop()
    {
        // Every logit has the right sign and |z| in [38, 45]: each term is softplus(s) ≈ e^(−|z|) ≈ 1e-17 … 3e-20,
        // below half an ulp of 1, so ln(1 + e) computed as ln(fl(1 + e)) would be exactly 0.
        const int m = 5000;
        var (x, y) = Data(m, seed: 3, (i, u) => (i % 3 == 0 ? 1 : -1) * (38 + 7 * u));
        var w = Vector<double>.Build.Dense([1.0, 0.0]);
        var expected = Reference(x, y, w, 0.0, out _, out _);
        Assert.InRange(expected, 1e-20, 1e-16);
        Assert.Equal(1.0, BinaryCrossEntropy.Loss(x, y, w, 0.0) / expected, 1e-13);
    }
}
