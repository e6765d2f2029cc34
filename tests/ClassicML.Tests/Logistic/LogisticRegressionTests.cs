using ClassicML.Charts;
using ClassicML.Logistic;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Logistic;

public class LogisticRegressionTests
{
    private static readonly BinaryDataset Tumor = LogisticDatasets.Tumor();

    [Fact]
    public void One_step_on_the_tumor_example_matches_the_source()
    {
        var model = new LogisticRegression(learningRate: 0.1, maxIterations: 1, recordEvery: 1, tolerance: 0).Fit(Tumor.X, Tumor.Y);
        Assert.Equal(0.065, model.Weights[0], 1e-12);
        Assert.Equal(0.55 / 3, model.Weights[1], 1e-12);
        Assert.Equal(0.05 / 3, model.Bias, 1e-12);
        Assert.Equal(2, model.History.Count);
        Assert.Equal(Math.Log(2), model.History[0].Loss, 1e-12);
        Assert.Equal(0, model.History[0].Epoch);
        Assert.Equal(model.History[1].Loss, model.Loss(Tumor.X, Tumor.Y), 1e-15);
    }

    [Fact]
    public void Tumor_data_are_separable_and_the_fit_says_so()
    {
        var model = new LogisticRegression(learningRate: 0.1, maxIterations: 5000, recordEvery: 100).Fit(Tumor.X, Tumor.Y);
        var report = model.Report!;
        Assert.Equal(FitStatus.Degenerate, report.Status);
        Assert.False(report.Converged);
        Assert.True(report.SeparatesTrainingData);
        Assert.Equal(1.0, model.Accuracy(Tumor.X, Tumor.Y));
        // The weight norm keeps growing and the loss keeps falling: no finite minimiser.
        var h = model.History;
        Assert.True(h[^1].Weights.L2Norm() > h[h.Count / 2].Weights.L2Norm());
        Assert.True(h[^1].Loss < h[h.Count / 2].Loss);
        Assert.True(report.LastImprovement > 0);
    }

    [Fact]
    public void The_sources_converged_parameters_misclassify_the_benign_sample()
    {
        var source = new LogisticRegressionModel(Vector<double>.Build.Dense([0.8, 1.2]), -5.0);
        var z = source.LogOdds(Tumor.X);
        Assert.Equal(1.24, z[1], 1e-12);
        Assert.Equal(1.0, source.Predict(Tumor.X)[1]);
    }

    [Fact]
    public void An_l2_penalty_gives_a_finite_minimiser_and_convergence()
    {
        var model = new LogisticRegression(learningRate: 0.05, maxIterations: 200_000, alpha: 0.1, tolerance: 1e-9).Fit(Tumor.X, Tumor.Y);
        Assert.Equal(FitStatus.Converged, model.Report!.Status);
        Assert.True(model.Report.FinalGradientNorm <= 1e-9);
        var g = BinaryCrossEntropy.Evaluate(Tumor.X, Tumor.Y, model.Weights, model.Bias, 0.1);
        Assert.True(g.Norm <= 1e-9);
    }

    [Fact]
    public void Two_clouds_reach_at_least_90_percent_and_near_the_bayes_weights()
    {
        var d = LogisticDatasets.TwoClouds(200, 7);
        var model = new LogisticRegression(learningRate: 0.5, maxIterations: 20_000, recordEvery: 100, tolerance: 1e-10).Fit(d.X, d.Y);
        Assert.True(model.Accuracy(d.X, d.Y) >= 0.90, $"accuracy {model.Accuracy(d.X, d.Y)}");
        Assert.Equal(FitStatus.Converged, model.Report!.Status);
        // Equal unit covariances: the Bayes log-odds are 2x₁ + 2x₂, so the MLE lands near (2, 2), b ≈ 0.
        Assert.InRange(model.Weights[0], 1.4, 2.8);
        Assert.InRange(model.Weights[1], 1.4, 2.8);
        Assert.InRange(model.Bias, -0.5, 0.5);
    }

    [Fact]
    public void Loss_never_increases_for_a_small_step()
    {
        var d = LogisticDatasets.TwoClouds(100, 1);
        var model = new LogisticRegression(learningRate: 0.05, maxIterations: 300, recordEvery: 1, tolerance: 0).Fit(d.X, d.Y);
        Assert.Equal(0, model.Report!.LossIncreases);
        for (var k = 1; k < model.History.Count; k++) Assert.True(model.History[k].Loss <= model.History[k - 1].Loss);
    }

    [Theory]
    [InlineData(300, 5, 61)]
    [InlineData(300, 10, 31)]
    [InlineData(7, 3, 4)] // epochs 0, 3, 6 and the last one, 7
    [InlineData(1, 1, 2)]
    public void History_has_the_requested_frames(int epochs, int every, int frames)
    {
        var d = LogisticDatasets.TwoClouds(50, 2);
        var model = new LogisticRegression(learningRate: 0.05, maxIterations: epochs, recordEvery: every, tolerance: 0).Fit(d.X, d.Y);
        Assert.Equal(frames, model.History.Count);
        Assert.Equal(epochs, model.History[^1].Epoch);
        Assert.Equal(model.Weights, model.History[^1].Weights);
        Assert.All(model.History, s => Assert.Equal(BinaryCrossEntropy.Loss(d.X, d.Y, s.Weights, s.Bias), s.Loss, 1e-12));
    }

    [Fact]
    public void A_huge_learning_rate_is_reported_not_hidden()
    {
        // Overlapping classes on a large scale: each step of α = 100 overshoots by orders of magnitude.
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 1000.0 }, { -1000.0 }, { 500.0 }, { -500.0 } });
        var y = Vector<double>.Build.Dense([1.0, 0.0, 0.0, 1.0]);
        var model = new LogisticRegression(learningRate: 100, maxIterations: 50).Fit(x, y);
        Assert.Equal(FitStatus.Diverged, model.Report!.Status);
        Assert.Contains("learning rate", model.Report.Message);
    }

    [Fact]
    public void Predictions_threshold_at_one_half_and_log_odds_invert_the_sigmoid()
    {
        var model = new LogisticRegressionModel(Vector<double>.Build.Dense([1.0, -1.0]), 0.0);
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 1.0 }, { 2.0, 1.0 }, { 0.0, 3.0 } });
        Assert.Equal(new[] { 1.0, 1.0, 0.0 }, model.Predict(x).ToArray());
        var p = model.PredictProbability(x);
        Assert.Equal(0.5, p[0], 1e-15);
        var z = model.LogOdds(x);
        for (var i = 0; i < 3; i++) Assert.Equal(z[i], Math.Log(p[i] / (1 - p[i])), 1e-12);
        Assert.Equal(Math.E, model.OddsRatios()[0], 1e-15);
    }

    [Fact]
    public void Decision_line_has_slope_and_intercept_from_weights_and_bias()
    {
        var line = new LogisticRegressionModel(Vector<double>.Build.Dense([0.8, 1.2]), -5.0).DecisionBoundary();
        Assert.Equal(-0.8 / 1.2, line.Slope, 1e-15);
        Assert.Equal(5.0 / 1.2, line.Intercept, 1e-15);
        Assert.Equal(0.0, 0.8 * 2 + 1.2 * line.X2At(2) - 5, 1e-12);
        // The charts draw it clipped to the plotted box with ScatterCharts.BoundarySegment.
        var seg = ScatterCharts.BoundarySegment(line.W1, line.W2, line.B, new Box2D(0, 10, 0, 10))!.Value;
        Assert.Equal(0.0, 0.8 * seg.Start.X + 1.2 * seg.Start.Y - 5, 1e-12);
        Assert.Equal(0.0, 0.8 * seg.End.X + 1.2 * seg.End.Y - 5, 1e-12);
        var vertical = new DecisionLine(2, 0, -4);
        Assert.True(vertical.IsVertical);
        var v = ScatterCharts.BoundarySegment(vertical.W1, vertical.W2, vertical.B, new Box2D(0, 5, -1, 1))!.Value;
        Assert.Equal(2.0, v.Start.X, 1e-15);
        Assert.Equal(2.0, v.End.X, 1e-15);
        Assert.Null(ScatterCharts.BoundarySegment(1, 1, -100, new Box2D(0, 1, 0, 1)));
        Assert.Throws<InvalidOperationException>(() => new LogisticRegressionModel(Vector<double>.Build.Dense(3), 0).DecisionBoundary());
    }

    [Fact]
    public void Engineered_squared_radius_makes_the_circles_separable_by_a_linear_model()
    {
        var d = LogisticDatasets.Circles();
        var plain = new LogisticRegression(0.1, 3000).Fit(d.X, d.Y);
        Assert.True(plain.Accuracy(d.X, d.Y) < 0.7, $"plain accuracy {plain.Accuracy(d.X, d.Y)}");
        var x3 = LogisticDatasets.WithSquaredRadius(d.X);
        var engineered = new LogisticRegression(0.1, 3000).Fit(x3, d.Y);
        Assert.True(engineered.Accuracy(x3, d.Y) > 0.95, $"engineered accuracy {engineered.Accuracy(x3, d.Y)}");
    }

    [Fact]
    public void Bad_hyper_parameters_are_rejected_with_the_parameter_named()
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(learningRate: 0)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(learningRate: -0.1)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(learningRate: double.NaN)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(maxIterations: 0)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(maxIterations: -5)).ParamName);
        Assert.Equal("recordEvery", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(recordEvery: 0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(alpha: -1)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(tolerance: -1)).ParamName);
    }

    [Fact]
    public void Bad_data_is_rejected_with_the_parameter_named_and_the_fix()
    {
        var fit = new LogisticRegression();
        var x = Tumor.X;
        var y = Tumor.Y;

        var labels = Assert.Throws<ArgumentException>(() => fit.Fit(x, Vector<double>.Build.Dense([1.0, -1.0, 1.0])));
        Assert.Equal("y", labels.ParamName);
        Assert.Contains("0 or 1", labels.Message);

        var nan = x.Clone(); nan[0, 1] = double.NaN;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => fit.Fit(nan, y)).ParamName);
        var inf = x.Clone(); inf[2, 0] = double.NegativeInfinity;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => fit.Fit(inf, y)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => fit.Fit(x, Vector<double>.Build.Dense([1.0, double.NaN, 0.0]))).ParamName);

        var mismatch = Assert.Throws<ArgumentException>(() => fit.Fit(x, Vector<double>.Build.Dense([1.0, 0.0])));
        Assert.Equal("y", mismatch.ParamName);
        Assert.Contains("one label per row", mismatch.Message);

        Assert.Equal("x", Assert.Throws<ArgumentException>(() => fit.Fit(Matrix<double>.Build.Dense(0, 2), Vector<double>.Build.Dense(0))).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => fit.Fit(null!, y)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentException>(() => fit.Fit(x, y, Vector<double>.Build.Dense(3))).ParamName);

        var model = fit.Fit(x, y);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Predict(Matrix<double>.Build.Dense(2, 3))).ParamName);
    }
}
