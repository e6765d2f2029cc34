using System.Text.Json.Nodes;
using ClassicML.Charts;
using ClassicML.Logistic;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Logistic;

public class LogisticChartsTests
{
    private static readonly BinaryDataset Clouds = LogisticDatasets.TwoClouds(60, 5);

    private static double[] Numbers(JsonNode? node) =>
        node!.AsArray().Select(v => double.Parse(v!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Sigmoid_chart_draws_sigma_and_its_derivative_peaking_at_a_quarter()
    {
        var json = LogisticCharts.SigmoidWithDerivative().ToJsonObject();
        var data = json["data"]!.AsArray();
        var sigma = Numbers(data[0]!["y"]);
        var slope = Numbers(data[1]!["y"]);
        Assert.Equal(0.25, slope.Max(), 1e-12);
        Assert.All(sigma, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Contains("σ′", data[1]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Training_animation_has_one_frame_per_snapshot_and_a_correct_boundary()
    {
        var model = new LogisticRegression(0.1, 100, recordEvery: 10, tolerance: 0).Fit(Clouds.X, Clouds.Y);
        var figure = LogisticCharts.TrainingAnimation(Clouds.X, Clouds.Y, model, gridSize: 20);
        var json = figure.ToJsonObject();
        Assert.Equal(7, json["data"]!.AsArray().Count);
        var frames = json["frames"]!.AsArray();
        Assert.Equal(model.History.Count, frames.Count);
        Assert.Equal(11, frames.Count);
        Assert.Equal(model.History.Count, json["layout"]!["sliders"]![0]!["steps"]!.AsArray().Count);
        var last = frames[^1]!;
        Assert.Equal(new[] { 0.0, 1.0, 5.0, 6.0 }, Numbers(last["traces"]));
        var line = last["data"]![1]!;
        var (w, b) = (model.Weights, model.Bias);
        var lx = Numbers(line["x"]);
        var ly = Numbers(line["y"]);
        Assert.Equal(2, lx.Length);
        for (var k = 0; k < 2; k++) Assert.Equal(0.0, w[0] * lx[k] + w[1] * ly[k] + b, 1e-9);
        // The loss trace of the last frame holds the whole recorded loss history (to the 6 decimals drawn).
        Assert.Equal(model.History.Select(s => Math.Round(s.Loss, 6)).ToArray(), Numbers(last["data"]![2]!["y"]));
        Assert.Contains("Epoch 100", last["layout"]!["title"]!["text"]!.GetValue<string>());
        // Probability field in percent: 20 × 20 values; at epoch 0 (W = 0, b = 0) every value is 50.
        var first = frames[0]!["data"]![0]!["z"]!.AsArray();
        Assert.Equal(20, first.Count);
        Assert.All(first, row => Assert.All(Numbers(row), v => Assert.Equal(50.0, v)));
        // At the last frame the field agrees with the model's probabilities at the grid nodes.
        var grid = json["data"]![0]!;
        var (gx, gy) = (Numbers(grid["x"]), Numbers(grid["y"]));
        var lastField = last["data"]![0]!["z"]!.AsArray().Select(Numbers).ToArray();
        var probe = Matrix<double>.Build.DenseOfArray(new[,] { { gx[3], gy[17] } });
        Assert.Equal(Math.Round(100 * model.PredictProbability(probe)[0]), lastField[17][3]);
    }

    [Fact]
    public void Profiled_loss_surface_is_lowest_near_the_fitted_weights()
    {
        var model = new LogisticRegression(0.5, 3000, recordEvery: 100).Fit(Clouds.X, Clouds.Y);
        var json = LogisticCharts.LossSurface(Clouds.X, Clouds.Y, model, gridSize: 41).ToJsonObject();
        var contour = json["data"]![0]!;
        var a = Numbers(contour["x"]);
        var c = Numbers(contour["y"]);
        var z = contour["z"]!.AsArray().Select(Numbers).ToArray();
        var (best, br, bq) = (double.MaxValue, 0, 0);
        for (var r = 0; r < z.Length; r++)
        for (var q = 0; q < z[r].Length; q++)
            if (z[r][q] < best) (best, br, bq) = (z[r][q], r, q);
        var step1 = a[1] - a[0];
        var step2 = c[1] - c[0];
        Assert.InRange(a[bq], model.Weights[0] - step1, model.Weights[0] + step1);
        Assert.InRange(c[br], model.Weights[1] - step2, model.Weights[1] + step2);
        // The profiled minimum equals the fitted loss (up to the grid and the 5-decimal rounding).
        Assert.True(best >= model.Report!.FinalLoss - 1e-5);
        Assert.Equal(model.History.Count, json["data"]![1]!["x"]!.AsArray().Count);
    }

    [Fact]
    public void Fixed_bias_surface_matches_the_library_loss()
    {
        var model = new LogisticRegression(0.1, 50).Fit(Clouds.X, Clouds.Y);
        var json = LogisticCharts.LossSurface(Clouds.X, Clouds.Y, model, fixedBias: 0.3, gridSize: 10, w1Range: [-1, 2], w2Range: [0, 3]).ToJsonObject();
        var contour = json["data"]![0]!;
        var z = contour["z"]!.AsArray().Select(Numbers).ToArray();
        var expected = BinaryCrossEntropy.Loss(Clouds.X, Clouds.Y, Vector<double>.Build.Dense([-1.0, 3.0]), 0.3);
        Assert.Equal(expected, z[9][0], 1e-5);
    }

    [Fact]
    public void Per_sample_loss_chart_has_cross_entropy_and_squared_error_for_both_labels()
    {
        var data = LogisticCharts.PerSampleLoss(points: 101).ToJsonObject()["data"]!.AsArray();
        Assert.Equal(4, data.Count);
        var p = Numbers(data[0]!["x"]);
        var ce1 = Numbers(data[0]!["y"]);
        var se1 = Numbers(data[2]!["y"]);
        Assert.Equal(-Math.Log(p[0]), ce1[0], 1e-12);
        Assert.True(ce1[0] > 6 && se1[0] < 1);
    }

    [Fact]
    public void Probability_map_and_weight_growth_build()
    {
        var d = LogisticDatasets.Circles(40);
        var map = LogisticCharts.ProbabilityMap(d.X, d.Y, (a, b) => Sigmoid.Value(a * a + b * b - 3), "circles", gridSize: 20).ToJsonObject();
        Assert.Equal(4, map["data"]!.AsArray().Count);
        var tumor = LogisticDatasets.Tumor();
        var model = new LogisticRegression(0.1, 1000, recordEvery: 10).Fit(tumor.X, tumor.Y);
        var growth = LogisticCharts.WeightGrowth(model).ToJsonObject();
        var norms = Numbers(growth["data"]![0]!["y"]);
        Assert.True(norms[^1] > norms[0]);
        Assert.Equal("log", growth["layout"]!["xaxis"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Charts_reject_bad_input_with_the_parameter_named()
    {
        var model = new LogisticRegression(0.1, 10).Fit(Clouds.X, Clouds.Y);
        Assert.Equal("gridSize", Assert.Throws<ArgumentOutOfRangeException>(() => LogisticCharts.TrainingAnimation(Clouds.X, Clouds.Y, model, gridSize: 2)).ParamName);
        var three = Matrix<double>.Build.Dense(4, 3);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => LogisticCharts.TrainingAnimation(three, Vector<double>.Build.Dense(4), model)).ParamName);
        var ones = Vector<double>.Build.Dense(Clouds.Y.Count, 1.0);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => LogisticCharts.LossSurface(Clouds.X, ones, model)).ParamName);
        Assert.Equal("zMax", Assert.Throws<ArgumentException>(() => LogisticCharts.SigmoidWithDerivative(1, 1)).ParamName);
        var noHistory = new LogisticRegressionModel(Vector<double>.Build.Dense(2), 0);
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => LogisticCharts.WeightGrowth(noHistory)).ParamName);
    }
}
