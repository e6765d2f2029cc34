using ClassicML.Logistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Logistic;

public class CrossEntropyTests
{
    private static readonly BinaryDataset Tumor = LogisticDatasets.Tumor();
    private static readonly Vector<double> Zero2 = Vector<double>.Build.Dense(2);

    [Fact]
    public void Tumor_example_at_zero_has_loss_ln2_and_the_sources_gradient()
    {
        var g = BinaryCrossEntropy.Evaluate(Tumor.X, Tumor.Y, Zero2, 0.0);
        Assert.Equal(Math.Log(2), g.Loss, 1e-12);
        Assert.Equal(-0.65, g.WeightGradient[0], 1e-12);
        Assert.Equal(-5.5 / 3, g.WeightGradient[1], 1e-12);
        Assert.Equal(-0.5 / 3, g.BiasGradient, 1e-12);
        Assert.Equal(g.Loss, BinaryCrossEntropy.Loss(Tumor.X, Tumor.Y, Zero2, 0.0), 1e-15);
    }

    [Fact]
    public void Per_sample_loss_is_finite_for_confident_predictions()
    {
        Assert.Equal(800.0, BinaryCrossEntropy.FromLogit(-800, 1), 1e-12);
        Assert.Equal(800.0, BinaryCrossEntropy.FromLogit(800, 0), 1e-12);
        Assert.Equal(0.0, BinaryCrossEntropy.FromLogit(800, 1));
        Assert.Equal(Math.Exp(-40), BinaryCrossEntropy.FromLogit(40, 1), 1e-28);
        // The textbook form from a probability reaches +∞ exactly where the logit form stays finite.
        Assert.Equal(double.PositiveInfinity, BinaryCrossEntropy.FromProbability(Sigmoid.Value(-800), 1));
        Assert.Equal(-Math.Log(0.25), BinaryCrossEntropy.FromProbability(0.25, 1), 1e-15);
        Assert.Equal(-Math.Log(0.75), BinaryCrossEntropy.FromProbability(0.25, 0), 1e-15);
    }

    [Fact]
    public void Mean_loss_stays_finite_when_the_model_is_confidently_wrong()
    {
        var w = Vector<double>.Build.Dense([-500.0, -500.0]);
        var g = BinaryCrossEntropy.Evaluate(Tumor.X, Tumor.Y, w, 0);
        Assert.True(double.IsFinite(g.Loss));
        Assert.True(g.Loss > 1000);
        Assert.True(g.WeightGradient.All(double.IsFinite));
    }

    [Property(MaxTest = 60)]
    public Property Gradient_equals_central_finite_differences_on_random_data() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var rng = new Random(seed);
            int m = rng.Next(1, 30), n = rng.Next(1, 5);
            var x = Matrix<double>.Build.Dense(m, n, (_, _) => 4 * rng.NextDouble() - 2);
            var y = Vector<double>.Build.Dense(m, _ => rng.Next(2));
            var w = Vector<double>.Build.Dense(n, _ => 3 * rng.NextDouble() - 1.5);
            var b = 2 * rng.NextDouble() - 1;
            var l2 = rng.Next(2) * rng.NextDouble();
            var g = BinaryCrossEntropy.Evaluate(x, y, w, b, l2);
            const double h = 1e-6;
            for (var j = 0; j < n; j++)
            {
                var up = w.Clone(); up[j] += h;
                var dn = w.Clone(); dn[j] -= h;
                var numeric = (BinaryCrossEntropy.Loss(x, y, up, b, l2) - BinaryCrossEntropy.Loss(x, y, dn, b, l2)) / (2 * h);
                if (Math.Abs(numeric - g.WeightGradient[j]) > 1e-7) return false;
            }

            var nb = (BinaryCrossEntropy.Loss(x, y, w, b + h, l2) - BinaryCrossEntropy.Loss(x, y, w, b - h, l2)) / (2 * h);
            return Math.Abs(nb - g.BiasGradient) <= 1e-7;
        });

    [Fact]
    public void Loss_matches_the_textbook_formula_on_moderate_logits()
    {
        var d = LogisticDatasets.TwoClouds(20, 3);
        var w = Vector<double>.Build.Dense([0.7, -0.3]);
        var p = (d.X * w + 0.2).Map(Sigmoid.Value);
        var textbook = -Enumerable.Range(0, p.Count).Average(i => d.Y[i] * Math.Log(p[i]) + (1 - d.Y[i]) * Math.Log(1 - p[i]));
        Assert.Equal(textbook, BinaryCrossEntropy.Loss(d.X, d.Y, w, 0.2), 1e-12);
        var withPenalty = BinaryCrossEntropy.Loss(d.X, d.Y, w, 0.2, alpha: 0.5);
        Assert.Equal(textbook + 0.25 * (0.49 + 0.09), withPenalty, 1e-12);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_parameter_named()
    {
        var x = Tumor.X;
        var y = Tumor.Y;
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Loss(x, Vector<double>.Build.Dense([1.0, 0.0]), Zero2, 0)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Loss(x, Vector<double>.Build.Dense([1.0, 2.0, 0.0]), Zero2, 0)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Loss(x, y, Vector<double>.Build.Dense(3), 0)).ParamName);
        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Loss(x, y, Zero2, double.NaN)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCrossEntropy.Loss(x, y, Zero2, 0, -1)).ParamName);
        var bad = x.Clone(); bad[1, 1] = double.PositiveInfinity;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Loss(bad, y, Zero2, 0)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.FromLogit(0, 0.5)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCrossEntropy.FromProbability(1.2, 1)).ParamName);
    }

    [Fact]
    public void Blocked_parallel_kernel_matches_a_plain_loop_and_is_deterministic_on_large_data()
    {
        // 50 000 rows = 13 blocks of 4096, enough for the parallel path.
        var rng = new Random(3);
        int m = 50_000, n = 3;
        var data = new double[m * n];
        for (var k = 0; k < data.Length; k++) data[k] = 2 * rng.NextDouble() - 1;
        var x = Matrix<double>.Build.Dense(m, n, data);
        var labels = new double[m];
        for (var i = 0; i < m; i++) labels[i] = rng.Next(2);
        var y = Vector<double>.Build.Dense(labels);
        var w = Vector<double>.Build.Dense([0.8, -1.1, 2.5]);
        const double b = 0.3;

        double loss = 0, gb = 0;
        var gw = new double[n];
        for (var i = 0; i < m; i++)
        {
            var z = b + w[0] * x[i, 0] + w[1] * x[i, 1] + w[2] * x[i, 2];
            loss += BinaryCrossEntropy.FromLogit(z, y[i]);
            var r = Sigmoid.Value(z) - y[i];
            gb += r;
            for (var j = 0; j < n; j++) gw[j] += r * x[i, j];
        }

        var g = BinaryCrossEntropy.Evaluate(x, y, w, b);
        Assert.Equal(loss / m, g.Loss, 1e-12);
        Assert.Equal(gb / m, g.BiasGradient, 1e-12);
        for (var j = 0; j < n; j++) Assert.Equal(gw[j] / m, g.WeightGradient[j], 1e-12);
        var again = BinaryCrossEntropy.Evaluate(x, y, w, b);
        Assert.Equal(g.Loss, again.Loss);
        Assert.Equal(g.WeightGradient, again.WeightGradient);
    }
}
