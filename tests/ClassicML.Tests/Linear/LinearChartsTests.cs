using System.Text.Json.Nodes;
using ClassicML.Charts;
using ClassicML.Linear;
using MathNet.Numerics.LinearAlgebra;
using Figure = ClassicML.Charts.Figure;

namespace ClassicML.Tests.Linear;

public class LinearChartsTests
{
    private static Vector<double> X1 => Vector<double>.Build.Dense(NormalEquationTable.F1);

    private static GradientDescentFit OneFeaturePath() =>
        new GradientDescentRegression(tolerance: 1e-6, recordEvery: 50)
            .Fit(Matrix<double>.Build.DenseOfColumnVectors(X1), NormalEquationTable.Targets, Vector<double>.Build.Dense([-3.0, 2.0]));

    private static JsonArray Traces(Figure f) => f.ToJsonObject()["data"]!.AsArray();

    private static string Title(Figure f) => f.ToJsonObject()["layout"]!["title"]!["text"]!.GetValue<string>();

    [Fact]
    public void Data_and_line_draws_the_samples_and_the_fitted_line()
    {
        var line = new SimpleLinearRegression().Fit(X1, NormalEquationTable.Targets);
        var fig = LinearCharts.DataAndLine(X1, NormalEquationTable.Targets, line.Intercept, line.Slope);
        var data = Traces(fig);
        Assert.Equal(2, data.Count);
        Assert.Equal(10, data[0]!["x"]!.AsArray().Count);
        var lx = data[1]!["x"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var ly = data[1]!["y"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(line.Predict(lx[0]), ly[0], 1e-12);
        Assert.Equal(line.Predict(lx[1]), ly[1], 1e-12);
        Assert.Contains("least-squares", Title(fig));
    }

    [Fact]
    public void Loss_surface_has_a_surface_and_the_path_on_it()
    {
        var path = OneFeaturePath();
        var fig = LinearCharts.LossSurface(X1, NormalEquationTable.Targets, (-4, 4), (-1, 3), path, resolution: 30);
        var data = Traces(fig);
        Assert.Equal("surface", data[0]!["type"]!.GetValue<string>());
        Assert.Equal(30, data[0]!["z"]!.AsArray().Count);
        Assert.Equal("scatter3d", data[1]!["type"]!.GetValue<string>());
        Assert.Equal(path.History.Count, data[1]!["z"]!.AsArray().Count);
        Assert.Equal(path.History[0].Loss, data[1]!["z"]![0]!.GetValue<double>());
        Assert.NotNull(fig.ToJsonObject()["layout"]!["scene"]!["zaxis"]);
    }

    [Fact]
    public void Loss_contour_animates_the_growing_path()
    {
        var path = OneFeaturePath();
        var line = new SimpleLinearRegression().Fit(X1, NormalEquationTable.Targets);
        var fig = LinearCharts.LossContour(X1, NormalEquationTable.Targets, (-4, 4), (-1, 3), line, path, resolution: 20, animate: true);
        Assert.True(fig.IsAnimated);
        Assert.Equal(Math.Min(60, path.History.Count), fig.Frames.Count);
        var json = fig.ToJsonObject();
        Assert.Equal("contour", json["data"]![0]!["type"]!.GetValue<string>());
        var lastFrame = json["frames"]!.AsArray()[^1]!;
        Assert.Equal(path.History.Count, lastFrame["data"]![0]!["x"]!.AsArray().Count);
        Assert.Equal(2, lastFrame["traces"]![0]!.GetValue<int>());
        var still = LinearCharts.LossContour(X1, NormalEquationTable.Targets, (-4, 4), (-1, 3), line, path, resolution: 20);
        Assert.False(still.IsAnimated);
    }

    [Fact]
    public void Predicted_vs_actual_has_the_diagonal_and_one_point_per_row()
    {
        var model = new LinearRegression().Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        var fig = LinearCharts.PredictedVsActual(NormalEquationTable.Targets, model.Predict(NormalEquationTable.X));
        var data = Traces(fig);
        Assert.Equal(2, data.Count);
        Assert.Equal(10, data[1]!["y"]!.AsArray().Count);
    }

    [Fact]
    public void Residuals_vs_fitted_draws_each_residual_at_its_fitted_value_with_the_zero_line()
    {
        var model = new LinearRegression().Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        var fitted = model.Predict(NormalEquationTable.X);
        var residuals = model.Diagnostics.Residuals;
        var data = Traces(LinearCharts.ResidualsVersusFitted(fitted, residuals));
        Assert.Equal(2, data.Count);
        Assert.Equal(new[] { 0.0, 0.0 }, data[0]!["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(fitted.Minimum(), data[0]!["x"]!.AsArray()[0]!.GetValue<double>());
        var xs = data[1]!["x"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var ys = data[1]!["y"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(fitted.ToArray(), xs);
        // Each residual is its target minus its fitted value.
        for (var i = 0; i < xs.Length; i++) Assert.Equal(NormalEquationTable.Targets[i] - xs[i], ys[i], 12);
        Assert.Throws<ArgumentException>(() => LinearCharts.ResidualsVersusFitted(fitted, residuals.SubVector(0, 3)));
    }

    [Fact]
    public void Conditioning_comparison_puts_two_contour_panels_side_by_side_with_their_condition_numbers()
    {
        var rng = new Random(5);
        var a = Enumerable.Range(0, 50).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, 50).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var near = a.Select(v => v + 0.05 * (rng.NextDouble() - 0.5)).ToArray();
        var well = Matrix<double>.Build.DenseOfColumnArrays(a, b);
        var ill = Matrix<double>.Build.DenseOfColumnArrays(a, near);
        var y = Vector<double>.Build.Dense(50, i => a[i] + b[i]);
        var y2 = Vector<double>.Build.Dense(50, i => a[i] + near[i]);
        var gd = new GradientDescentRegression(fitIntercept: false, maxIterations: 200, tolerance: 1e-9);
        var fig = LinearCharts.ConditioningComparison(
            new LossLandscape("independent", well, y, new LinearRegression(fitIntercept: false).Fit(well, y), gd.Fit(well, y)),
            new LossLandscape("nearly collinear", ill, y2, new LinearRegression(fitIntercept: false).Fit(ill, y2), gd.Fit(ill, y2)));
        var json = fig.ToJsonObject();
        var contours = json["data"]!.AsArray().Where(t => t!["type"]!.GetValue<string>() == "contour").ToArray();
        Assert.Equal(2, contours.Length);
        var titles = json["layout"]!["annotations"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()).ToArray();
        Assert.Contains("cond(XᵀX)", titles[0]);
        Assert.StartsWith("nearly collinear", titles[1]);
        var ex = Assert.Throws<ArgumentException>(() => LinearCharts.ConditioningComparison(new LossLandscape("3 columns", NormalEquationTable.X, NormalEquationTable.Targets, new LinearRegression(fitIntercept: false).Fit(NormalEquationTable.X, NormalEquationTable.Targets)), new LossLandscape("b", well, y, new LinearRegression(fitIntercept: false).Fit(well, y))));
        Assert.Equal("left", ex.ParamName);
    }

    [Fact]
    public void Bad_ranges_are_refused()
    {
        Assert.Equal("w0Range", Assert.Throws<ArgumentException>(() => LinearCharts.LossSurface(X1, NormalEquationTable.Targets, (1, 1), (0, 1))).ParamName);
        Assert.Equal("resolution", Assert.Throws<ArgumentOutOfRangeException>(() => LinearCharts.LossContour(X1, NormalEquationTable.Targets, (0, 1), (0, 1), new SimpleLinearRegression().Fit(X1, NormalEquationTable.Targets), resolution: 5)).ParamName);
    }

    [Fact]
    public void Error_versus_condition_has_log_axes_one_line_per_solver_and_two_reference_slopes()
    {
        double[] cond = [10, 100, 1000];
        var fig = LinearCharts.ErrorVersusCondition(cond, [("QR", new[] { 1e-15, 1e-14, 0.0 }), ("inverse", new[] { 1e-14, 1e-12, 1e-10 })]);
        var json = fig.ToJsonObject();
        Assert.Equal(4, json["data"]!.AsArray().Count);
        Assert.Equal("log", json["layout"]!["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("log", json["layout"]!["yaxis"]!["type"]!.GetValue<string>());
        Assert.True(json["data"]![0]!["y"]![2]!.GetValue<double>() > 0);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => LinearCharts.ErrorVersusCondition(cond, [("x", new[] { 1.0 })])).ParamName);
    }
}
