using System.Text.Json.Nodes;
using ClassicML.Charts;
using ClassicML.Linear;
using ClassicML.Margins;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Figure = ClassicML.Charts.Figure;

namespace ClassicML.Tests.Charts;

/// <summary>
/// The building blocks added for 3-D scenes, legend groups and container-placed titles, checked through the charts that
/// use them (LinearCharts, SurfaceCharts, MarginsCharts): each figure's JSON against what the chart is meant to show,
/// computed here independently (the loss on the grid, the log colouring) or stated in the charts' documentation.
/// </summary>
public class ChartBuildingBlock3DTests
{
    private static double Bowl(double a, double b) => 4 * a * a + b * b;

    private static double[] Numbers(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    [Fact]
    public void A_surface_chart_titles_its_scene_axes_and_looks_from_the_documented_camera()
    {
        var json = SurfaceCharts.Surface3D(Bowl, (-2, 2), (-1, 3), grid: 11, xTitle: "a", yTitle: "b", zTitle: "L").ToJsonObject();
        var scene = json["layout"]!["scene"]!;
        Assert.Equal("a", scene["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("b", scene["yaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("L", scene["zaxis"]!["title"]!["text"]!.GetValue<string>());
        // ChartStyle.Apply3D: "a camera looking from (1.5, −1.6, 1.1)", a cube-shaped box.
        var eye = scene["camera"]!["eye"]!;
        Assert.Equal(new[] { 1.5, -1.6, 1.1 }, new[] { "x", "y", "z" }.Select(k => eye[k]!.GetValue<double>()));
        Assert.Equal("cube", scene["aspectmode"]!.GetValue<string>());
        var surface = json["data"]![0]!;
        Assert.Equal("surface", surface["type"]!.GetValue<string>());
        var levels = surface["contours"]!["z"]!;
        Assert.True(levels["show"]!.GetValue<bool>());
        Assert.True(levels["usecolormap"]!.GetValue<bool>());
        Assert.True(levels["project"]!["z"]!.GetValue<bool>());
        Assert.Equal("L", surface["colorbar"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_log_coloured_surface_keeps_f_as_height_and_colours_by_the_shifted_log()
    {
        // grid 3 on [−1, 1]²: f = 4a² + b² has min 0 (centre) and max 5 (corners); δ = 10⁻³·(5 − 0).
        var surface = SurfaceCharts.Surface3D(Bowl, (-1, 1), (-1, 1), grid: 3, logColor: true).ToJsonObject()["data"]![0]!;
        double[] axis = [-1, 0, 1];
        for (var j = 0; j < 3; j++)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(Bowl(axis[i], axis[j]), surface["z"]![j]![i]!.GetValue<double>(), 12);
                Assert.Equal(Math.Log10(Bowl(axis[i], axis[j]) + 0.005), surface["surfacecolor"]![j]![i]!.GetValue<double>(), 12);
            }
        }
    }

    [Fact]
    public void The_loss_surface_is_the_mse_on_the_grid_in_a_flattened_box()
    {
        var x = Vector<double>.Build.Dense([0.5, 1.0, 2.0, 3.5]);
        var y = Vector<double>.Build.Dense([1.0, 1.8, 3.1, 4.9]);
        var json = LinearCharts.LossSurface(x, y, (-3, 3), (0, 2), resolution: 12).ToJsonObject();
        var surface = json["data"]![0]!;
        var w0 = Numbers(surface["x"]);
        var w1 = Numbers(surface["y"]);
        Assert.Equal(12, w0.Length);
        Assert.Equal(-3, w0[0], 12);
        Assert.Equal(2, w1[^1], 12);
        // z[j][i] = MSE(w0ᵢ, w1ⱼ) = (1/n)·Σₖ (w0ᵢ + w1ⱼxₖ − yₖ)², summed here term by term.
        foreach (var (i, j) in new[] { (0, 0), (11, 11), (3, 8), (7, 2) })
        {
            var mse = Enumerable.Range(0, x.Count).Average(k => Math.Pow(w0[i] + w1[j] * x[k] - y[k], 2));
            Assert.Equal(mse, surface["z"]![j]![i]!.GetValue<double>(), 9);
        }
        var scene = json["layout"]!["scene"]!;
        Assert.Equal("manual", scene["aspectmode"]!.GetValue<string>());
        Assert.Equal(new[] { 1.2, 1.0, 0.7 }, new[] { "x", "y", "z" }.Select(k => scene["aspectratio"]![k]!.GetValue<double>()));
        // The flattened box is merged into Apply3D's scene: camera and axis titles stay.
        Assert.Equal(1.5, scene["camera"]!["eye"]!["x"]!.GetValue<double>());
        Assert.Equal("MSE", scene["zaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("h", json["layout"]!["legend"]!["orientation"]!.GetValue<string>());
    }

    [Fact]
    public void Traces_are_built_in_their_own_dimension_from_one_consistent_description()
    {
        Assert.Equal("spec", Assert.Throws<ArgumentException>(() => ChartStyle.ToTrace(new TraceSpec(TraceKind.Surface))).ParamName);
        Assert.Equal("spec", Assert.Throws<ArgumentException>(() => ChartStyle.ToTrace3D(new TraceSpec(TraceKind.Contour))).ParamName);
        Assert.Equal("spec", Assert.Throws<ArgumentException>(() =>
            ChartStyle.ToTrace(new TraceSpec(TraceKind.Contour) { Z = [[1.0]], ZWithGaps = [[null]] })).ParamName);
        Assert.Equal("spec", Assert.Throws<ArgumentException>(() =>
            ChartStyle.ToTrace(new TraceSpec { NoHover = true, HoverNameOnly = true })).ParamName);
        Assert.Equal("spec", Assert.Throws<ArgumentException>(() =>
            ChartStyle.ToTrace3D(new TraceSpec(TraceKind.Surface) { Contours = new ContourLevels(), SurfaceContours = new SurfaceContourStyle() })).ParamName);
        Assert.Equal("spec", Assert.Throws<ArgumentException>(() =>
            ChartStyle.ToTrace(new TraceSpec(TraceKind.Contour) { SurfaceColor = [[1.0]] })).ParamName);
        Assert.Equal("spec", Assert.Throws<ArgumentException>(() =>
            ChartStyle.ToTrace3D(new TraceSpec(TraceKind.Surface) { ZCoordinates = [1.0] })).ParamName);

        var path = ChartStyle.ToTrace3D(new TraceSpec(TraceKind.Scatter3D) { X = [0.0, 1.0], Y = [2.0, 3.0], ZCoordinates = [4.0, double.NaN] });
        var trace = new Figure(GenericChart.ofTraceObject(false, path)).ToJsonObject()["data"]![0]!;
        Assert.Equal("scatter3d", trace["type"]!.GetValue<string>());
        Assert.Equal(4.0, trace["z"]![0]!.GetValue<double>());
        Assert.Null(trace["z"]![1]); // a gap, not NaN (which is not JSON)
    }

    [Fact]
    public void Perceptron_lines_share_one_legend_entry_and_name_their_run_on_hover()
    {
        var book = MarginData.BookExample();
        var svm = new HardMarginSvm().Fit(book.X, book.Y);
        var runs = new[] { ("first", new Perceptron().Fit(book.X, book.Y)), ("reversed", new Perceptron(order: [2, 1, 0]).Fit(book.X, book.Y)) };
        var json = MarginsCharts.PerceptronsVersusSvm(book.X, book.Y, runs, svm).ToJsonObject();
        var group = json["data"]!.AsArray().Where(t => t!["legendgroup"]?.GetValue<string>() == "perceptrons").ToList();
        Assert.Equal(1 + runs.Length, group.Count);
        // The legend entry: shown in the legend, silent on hover; each run's line: no entry of its own, hover shows its name.
        Assert.StartsWith("perceptron solutions", group[0]!["name"]!.GetValue<string>());
        Assert.Equal("skip", group[0]!["hoverinfo"]!.GetValue<string>());
        Assert.All(group.Skip(1), t =>
        {
            Assert.False(t!["showlegend"]!.GetValue<bool>());
            Assert.Equal("name", t["hoverinfo"]!.GetValue<string>());
        });
        // The two-line title sits below the toolbar band, in container coordinates; the legend at the figure's bottom.
        var layout = json["layout"]!;
        Assert.Equal("container", layout["title"]!["yref"]!.GetValue<string>());
        Assert.Equal("paper", layout["title"]!["xref"]!.GetValue<string>());
        Assert.Equal(1 - 38.0 / layout["height"]!.GetValue<double>(), layout["title"]!["y"]!.GetValue<double>(), 12);
        Assert.Equal("container", layout["legend"]!["yref"]!.GetValue<string>());
        Assert.Equal("bottom", layout["legend"]!["yanchor"]!.GetValue<string>());
    }

    [Fact]
    public void The_error_chart_writes_powers_of_ten_with_one_tick_per_decade_on_x_and_every_second_on_y()
    {
        var layout = LinearCharts.ErrorVersusCondition([10, 1e4, 1e8], [("QR", new[] { 1e-15, 1e-12, 1e-9 })]).ToJsonObject()["layout"]!;
        Assert.Equal("power", layout["xaxis"]!["exponentformat"]!.GetValue<string>());
        Assert.Equal("power", layout["yaxis"]!["exponentformat"]!.GetValue<string>());
        Assert.Equal(1.0, layout["xaxis"]!["dtick"]!.GetValue<double>());
        Assert.Equal(2.0, layout["yaxis"]!["dtick"]!.GetValue<double>());
    }

    [Fact]
    public void Both_conditioning_panels_have_equal_axis_scales_and_titled_axes()
    {
        var rng = new Random(3);
        var a = Enumerable.Range(0, 20).Select(_ => rng.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 20).Select(_ => rng.NextDouble()).ToArray();
        var x = Matrix<double>.Build.DenseOfColumnArrays(a, b);
        var y = Vector<double>.Build.Dense(20, i => a[i] - b[i]);
        var landscape = new LossLandscape("p", x, y, new LinearRegression(fitIntercept: false).Fit(x, y));
        var layout = LinearCharts.ConditioningComparison(landscape, landscape with { Title = "q" }).ToJsonObject()["layout"]!;
        foreach (var (xAxis, yAxis, anchor) in new[] { ("xaxis", "yaxis", "y"), ("xaxis2", "yaxis2", "y2") })
        {
            Assert.Equal(anchor, layout[xAxis]!["scaleanchor"]!.GetValue<string>());
            Assert.Equal("domain", layout[xAxis]!["constrain"]!.GetValue<string>());
            Assert.Equal("w₁", layout[xAxis]!["title"]!["text"]!.GetValue<string>());
            Assert.Equal("w₂", layout[yAxis]!["title"]!["text"]!.GetValue<string>());
        }
    }
}
