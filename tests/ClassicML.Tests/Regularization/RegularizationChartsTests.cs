using ClassicML.Charts;
using ClassicML.Regularization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Regularization;

public class RegularizationChartsTests
{
    [Fact]
    public void Geometry_draws_contours_both_balls_both_touching_ellipses_and_three_solutions()
    {
        var (x, y) = RegularizationDatasets.TwoFeatures();
        var lassoFit = new Lasso(0.5, tolerance: 1e-14, maxIterations: 1_000_000).Fit(x, y);
        var json = RegularizationCharts.ConstraintGeometry(x, new RidgeRegression(0).Fit(x, y), lassoFit, new RidgeRegression(60).Fit(x, y)).ToJsonObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(8, data.Count);
        Assert.Equal("contour", data[0]!["type"]!.GetValue<string>());
        // The diamond's vertices sit at ±‖w_lasso‖₁ on both axes.
        // (an independent refit, so the chart is checked against the estimator, not against its own input)
        var lasso = new Lasso(0.5, tolerance: 1e-14, maxIterations: 1_000_000).Fit(x, y).Coefficients;
        var diamondX = data[1]!["x"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(lasso.L1Norm(), diamondX[0], 12);
        Assert.Equal("x", json["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>());
    }

    [Fact]
    public void Geometry_needs_two_features()
    {
        var (x, y) = RegularizationDatasets.TwoFeatures();
        var fit = new RidgeRegression(0).Fit(x, y);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => RegularizationCharts.ConstraintGeometry(NormalEquationTable.X, fit, fit, fit)).ParamName);
        var three = new RidgeRegression(1).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.Equal("lasso", Assert.Throws<ArgumentException>(() => RegularizationCharts.ConstraintGeometry(x, fit, three, fit)).ParamName);
    }

    [Fact]
    public void Paths_fits_validation_and_maps_produce_one_trace_per_series()
    {
        var alphas = RegularizationPath.LogGrid(10, 1e-3, 20);
        var path = RegularizationPath.Lasso(NormalEquationTable.X, NormalEquationTable.Targets, alphas);
        var paths = RegularizationCharts.CoefficientPaths(path, ["f1", "f2", "f3"]).ToJsonObject();
        Assert.Equal(3, paths["data"]!.AsArray().Count);
        Assert.Equal("log", paths["layout"]!["xaxis"]!["type"]!.GetValue<string>());

        var data = RegularizationDatasets.NoisySine(12);
        var design = PolynomialFeatures.Expand(data.X, 9);
        var fits = new List<(string, ILinearModel)> { ("α = 1e-6", new RidgeRegression(1e-6).Fit(design, data.Y)), ("α = 1", new RidgeRegression(1).Fit(design, data.Y)) };
        var poly = RegularizationCharts.PolynomialFits(data, 9, fits, x => Math.Sin(Math.PI * x)).ToJsonObject();
        Assert.Equal(4, poly["data"]!.AsArray().Count);

        var cv = CrossValidation.SelectAlpha(design, data.Y, alphas, (a, xt, yt) => new RidgeRegression(a).Fit(xt, yt), 4);
        Assert.Equal(4, RegularizationCharts.ValidationCurve(cv).ToJsonObject()["data"]!.AsArray().Count);
        Assert.Equal(3, RegularizationCharts.ProximalMaps(0.5).ToJsonObject()["data"]!.AsArray().Count);
        Assert.Throws<ArgumentException>(() => RegularizationCharts.CoefficientPaths(path, ["only one"]));
        Assert.Throws<ArgumentException>(() => RegularizationCharts.PolynomialFits(data, 5, fits));
    }

    [Fact]
    public void Weight_trajectories_need_a_recorded_history()
    {
        var run = new PenalizedGradientDescent(Penalty.L1(0.1), 0.05, 50, recordHistory: true).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.Equal(51, run.History!.RowCount);
        var fig = RegularizationCharts.WeightTrajectories([("sub", run)], feature: 1, lastSteps: 20).ToJsonObject();
        Assert.Equal(20, fig["data"]![0]!["x"]!.AsArray().Count);
        var bare = new PenalizedGradientDescent(Penalty.L1(0.1), 0.05, 5).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => RegularizationCharts.WeightTrajectories([("bare", bare)], 0)).ParamName);
    }
}
