using ClassicML.Charts;
using ClassicML.Mixtures;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Mixtures;

public class MixturesChartsTests
{
    private static readonly Matrix<double> X = GaussianMixtureTests.SixPoints;

    private static GaussianMixtureModel SourceFit() =>
        new GaussianMixture(2, tolerance: 1e-10, initialization: MixtureInitialization.Explicit(GaussianMixtureTests.SourceStart())).Fit(X);

    [Fact]
    public void Clusters_draws_points_two_ellipses_and_a_mean_per_component_on_equal_axes()
    {
        var json = MixturesCharts.Clusters(X, SourceFit().Parameters).ToJsonObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(1 + 2 * 3, data.Count);
        Assert.Equal(6, data[0]!["marker"]!["color"]!.AsArray().Count);
        Assert.Equal("x", json["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>());
        Assert.Equal(61, data[1]!["x"]!.AsArray().Count);
    }

    [Fact]
    public void Animation_has_one_frame_per_iteration_with_the_same_trace_count()
    {
        var model = new GaussianMixture(2, tolerance: 0, maxIterations: 4, initialization: MixtureInitialization.Explicit(GaussianMixtureTests.SourceStart())).Fit(X);
        var figure = MixturesCharts.EmAnimation(X, model);
        Assert.Equal(model.History.Count, figure.Frames.Count);
        var json = figure.ToJsonObject();
        int traces = json["data"]!.AsArray().Count;
        Assert.Equal(1 + 2 * 3 + 2, traces);
        Assert.All(json["frames"]!.AsArray(), f => Assert.Equal(traces, f!["data"]!.AsArray().Count));
        // The log-likelihood curve lives on the second subplot.
        Assert.Equal("x2", json["data"]![traces - 1]!["xaxis"]!.GetValue<string>());
        Assert.NotNull(json["layout"]!["sliders"]);
    }

    [Fact]
    public void Animation_axes_hold_every_frames_two_sigma_ellipses_not_only_the_data()
    {
        // A broad start (Σ = 16·I around the source's initial means) reaches far beyond the six points.
        var broad = new MixtureParameters(Vector<double>.Build.DenseOfArray([0.5, 0.5]), [X.Row(3), X.Row(1)],
            [16 * Matrix<double>.Build.DenseIdentity(2), 16 * Matrix<double>.Build.DenseIdentity(2)]);
        var model = new GaussianMixture(2, tolerance: 0, maxIterations: 3, initialization: MixtureInitialization.Explicit(broad)).Fit(X);
        var layout = MixturesCharts.EmAnimation(X, model).ToJsonObject()["layout"]!;
        double[] Range(string axis) => layout[axis]!["range"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var (xr, yr) = (Range("xaxis"), Range("yaxis"));
        foreach (var p in model.History.Select(h => h.Parameters))
            for (int k = 0; k < 2; k++)
            {
                var (ex, ey) = CovarianceEllipse.ForStandardDeviations(p.Mean(k), p.Covariance(k), 2).Points(61);
                Assert.All(ex, v => Assert.InRange(v, xr[0], xr[1]));
                Assert.All(ey, v => Assert.InRange(v, yr[0], yr[1]));
            }
    }

    [Fact]
    public void Long_runs_are_thinned_to_the_frame_limit_keeping_first_and_last()
    {
        var x = GaussianMixtureTests.Blobs(3, 120, 2, 3);
        var model = new GaussianMixture(3, tolerance: 0, maxIterations: 40, seed: 2).Fit(x);
        var figure = MixturesCharts.EmAnimation(x, model, maxFrames: 8);
        Assert.Equal(8, figure.Frames.Count);
        Assert.Equal("t0", figure.Frames[0].Name);
        Assert.Equal("t40", figure.Frames[^1].Name);
        Assert.Equal("maxFrames", Assert.Throws<ArgumentOutOfRangeException>(() => MixturesCharts.EmAnimation(x, model, maxFrames: 1)).ParamName);
    }

    [Fact]
    public void Density_contour_and_surface_and_criteria_charts_build()
    {
        var p = SourceFit().Parameters;
        var contour = MixturesCharts.Density(X, p, gridSize: 20).ToJsonObject();
        Assert.Equal("contour", contour["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(20, contour["data"]![0]!["z"]!.AsArray().Count);
        var surface = MixturesCharts.Density(X, p, gridSize: 20, surface: true).ToJsonObject();
        Assert.Equal("surface", surface["data"]![0]!["type"]!.GetValue<string>());
        var ic = MixturesCharts.InformationCriteria([1, 2, 3], [30.0, 20.0, 25.0], [28.0, 18.0, 20.0]).ToJsonObject();
        Assert.Contains("K = 2", ic["data"]![2]!["name"]!.GetValue<string>());
        var curves = MixturesCharts.LogLikelihoodCurves([("source start", SourceFit().History)]).ToJsonObject();
        Assert.Single(curves["data"]!.AsArray());
    }

    [Fact]
    public void Chart_inputs_are_checked()
    {
        var p = SourceFit().Parameters;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => MixturesCharts.Clusters(Matrix<double>.Build.Dense(6, 3), p)).ParamName);
        Assert.Equal("gridSize", Assert.Throws<ArgumentOutOfRangeException>(() => MixturesCharts.Density(X, p, gridSize: 2)).ParamName);
        Assert.Equal("bic", Assert.Throws<ArgumentException>(() => MixturesCharts.InformationCriteria([1, 2], [1.0])).ParamName);
        var noHistory = new GaussianMixture(2, recordHistory: false, initialization: MixtureInitialization.Explicit(GaussianMixtureTests.SourceStart())).Fit(X);
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => MixturesCharts.EmAnimation(X, noHistory)).ParamName);
    }
}
