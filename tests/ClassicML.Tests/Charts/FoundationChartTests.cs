using System.Text.Json.Nodes;
using ClassicML.Charts;
using ClassicML.Numerics;
using MathNet.Numerics.LinearAlgebra;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ClassicML.Tests.Charts;

public class ChartStyleTests
{
    [Fact]
    public void Apply_replaces_the_grey_default_template_with_the_white_one()
    {
        var chart = CSChart.Line<double, double, string>(x: new[] { 0.0, 1.0 }, y: new[] { 0.0, 1.0 });
        var json = new Figure(ChartStyle.Apply(chart, "T", "x", "y", 700, 400)).ToJsonObject();
        var layout = json["layout"]!;
        var template = layout["template"]!["layout"]!;
        Assert.Equal("#FFFFFF", template["plot_bgcolor"]!.GetValue<string>());
        Assert.Equal("#FFFFFF", template["paper_bgcolor"]!.GetValue<string>());
        Assert.Equal(ChartStyle.Palette, template["colorway"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(layout["template"]!["data"]); // none of Plotly.NET's default per-trace styling is left
        Assert.Equal("T", layout["title"]!["text"]!.GetValue<string>());
        Assert.Equal("x", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(700, layout["width"]!.GetValue<int>());
        Assert.Equal(400, layout["height"]!.GetValue<int>());
    }

    [Fact]
    public void Palette_colours_are_distinct_hex_and_cycle()
    {
        Assert.Equal(8, ChartStyle.Palette.Distinct().Count());
        Assert.All(ChartStyle.Palette, c => Assert.Matches("^#[0-9A-F]{6}$", c));
        Assert.Equal(ChartStyle.Color(0), ChartStyle.Color(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartStyle.Color(-1));
    }

    [Fact]
    public void WithLayout_merges_nested_objects_key_by_key()
    {
        var chart = ChartStyle.Apply(Traces.Line([0.0, 1.0], [1.0, 2.0], "l"), xTitle: "x");
        chart = ChartStyle.WithLayout(chart, ("xaxis", ChartStyle.Obj(("range", new[] { -1.0, 2.0 }))));
        var xaxis = new Figure(chart).ToJsonObject()["layout"]!["xaxis"]!;
        Assert.Equal("x", xaxis["title"]!["text"]!.GetValue<string>());
        Assert.Equal(-1.0, xaxis["range"]![0]!.GetValue<double>());
    }

    [Fact]
    public void Traces_turn_non_finite_values_into_gaps_and_reject_length_mismatch()
    {
        var json = new Figure(Traces.Line([0.0, 1.0, 2.0], [1.0, double.NaN, double.PositiveInfinity], "l")).ToJsonObject();
        var y = json["data"]![0]!["y"]!.AsArray();
        Assert.Equal(1.0, y[0]!.GetValue<double>());
        Assert.Null(y[1]);
        Assert.Null(y[2]);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Traces.Markers([0.0], [1.0, 2.0], "m")).ParamName);
    }
}

public class FunctionChartTests
{
    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Function_with_derivative_has_two_line_traces_of_the_requested_length()
    {
        var json = FunctionCharts.FunctionWithDerivative(Sigmoid, z => Sigmoid(z) * (1 - Sigmoid(z)), -6, 6, points: 101, fName: "σ", dfName: "σ′").ToJsonObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.All(data, t => Assert.Equal("scatter", t!["type"]!.GetValue<string>()));
        Assert.All(data, t => Assert.Equal(101, t!["x"]!.AsArray().Count));
        Assert.Equal(new[] { "σ", "σ′" }, data.Select(t => t!["name"]!.GetValue<string>()));
        // the middle sample is z = 0 exactly: σ(0) = 1/2, σ′(0) = 1/4
        Assert.Equal(0.0, data[0]!["x"]![50]!.GetValue<double>(), 12);
        Assert.Equal(0.5, data[0]!["y"]![50]!.GetValue<double>(), 12);
        Assert.Equal(0.25, data[1]!["y"]![50]!.GetValue<double>(), 12);
        Assert.Equal("dash", data[1]!["line"]!["dash"]!.GetValue<string>());
    }

    [Fact]
    public void Functions_draws_one_trace_per_function_and_sets_y_range()
    {
        var json = FunctionCharts.Functions([("0-1", z => z < 0 ? 1 : 0), ("hinge", z => Math.Max(0, 1 - z)), ("log", z => Math.Log(1 + Math.Exp(-z)))],
            -2, 2, points: 41, yRange: (0, 3)).ToJsonObject();
        Assert.Equal(3, json["data"]!.AsArray().Count);
        Assert.Equal(3.0, json["layout"]!["yaxis"]!["range"]![1]!.GetValue<double>());
    }

    [Fact]
    public void Grid_ends_exactly_at_both_ends_and_is_evenly_spaced()
    {
        var g = NumericGrid.Linspace(-1, 0.3, 14);
        Assert.Equal(-1.0, g[0]);
        Assert.Equal(0.3, g[^1]);
        for (var k = 1; k < g.Length; k++) Assert.Equal(0.1, g[k] - g[k - 1], 12);
    }

    [Fact]
    public void Bad_intervals_and_point_counts_are_rejected()
    {
        Assert.Equal("to", Assert.Throws<ArgumentOutOfRangeException>(() => FunctionCharts.FunctionWithDerivative(Sigmoid, Sigmoid, 1, 1)).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentOutOfRangeException>(() => FunctionCharts.FunctionWithDerivative(Sigmoid, Sigmoid, double.NaN, 1)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => FunctionCharts.FunctionWithDerivative(Sigmoid, Sigmoid, 0, 1, points: 1)).ParamName);
        Assert.Equal("functions", Assert.Throws<ArgumentException>(() => FunctionCharts.Functions([], 0, 1)).ParamName);
        Assert.Equal("yRange", Assert.Throws<ArgumentException>(() => FunctionCharts.Functions([("f", x => x)], 0, 1, yRange: (1, 0))).ParamName);
    }
}

public class SurfaceChartTests
{
    private static double Bowl(double a, double b) => 4 * a * a + b * b;

    private static readonly (double, double)[] Path = [(1.5, 1.5), (0.3, 1.2), (0.06, 0.96), (0.0, 0.0)];

    [Fact]
    public void Surface_has_grid_by_grid_z_and_a_path_on_it()
    {
        var json = SurfaceCharts.Surface3D(Bowl, (-2, 2), (-1, 3), grid: 21, path: Path).ToJsonObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(new[] { "surface", "scatter3d", "scatter3d" }, data.Select(t => t!["type"]!.GetValue<string>()));
        var z = data[0]!["z"]!.AsArray();
        Assert.Equal(21, z.Count);
        Assert.All(z, row => Assert.Equal(21, row!.AsArray().Count));
        // z[j][i] = f(x_i, y_j): rows follow y
        var x = data[0]!["x"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var y = data[0]!["y"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(Bowl(x[3], y[17]), z[17]![3]!.GetValue<double>(), 12);
        Assert.Equal(Path.Length, data[1]!["x"]!.AsArray().Count);
        // lifted by 1 % of the z range above the surface
        var zRange = 4 * 4 + 9 - 0.0;
        Assert.Equal(Bowl(1.5, 1.5) + 0.01 * zRange, data[1]!["z"]![0]!.GetValue<double>(), 9);
    }

    [Fact]
    public void Contour_has_level_sets_path_and_marked_ends()
    {
        var json = SurfaceCharts.Contour(Bowl, (-2, 2), (-2, 2), grid: 30, path: Path, levels: 15).ToJsonObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(new[] { "contour", "scatter", "scatter" }, data.Select(t => t!["type"]!.GetValue<string>()));
        Assert.Equal(15, data[0]!["ncontours"]!.GetValue<int>());
        Assert.Equal("lines+markers", data[1]!["mode"]!.GetValue<string>());
        Assert.Equal(new[] { 1.5, 0.0 }, data[2]!["x"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Fact]
    public void Log_colouring_keeps_the_true_values_for_hover()
    {
        var json = SurfaceCharts.Contour(Bowl, (-1, 1), (-1, 1), grid: 3, logColor: true).ToJsonObject();
        var trace = json["data"]![0]!;
        // grid 3 → corners, edges, centre; min 0 at centre, max 5; δ = 0.005
        Assert.Equal(Math.Log10(0.005), trace["z"]![1]![1]!.GetValue<double>(), 12);
        Assert.Equal(Math.Log10(5.005), trace["z"]![0]![0]!.GetValue<double>(), 12);
        Assert.Equal(5.0, trace["customdata"]![0]![0]!.GetValue<double>(), 12);
    }

    [Fact]
    public void Non_finite_function_values_become_gaps()
    {
        var json = SurfaceCharts.Contour((a, b) => Math.Log(a), (-1, 1), (0, 1), grid: 3).ToJsonObject();
        var z = json["data"]![0]!["z"]!.AsArray();
        Assert.Null(z[0]![0]); // log(−1)
        Assert.Null(z[0]![1]); // log(0) = −∞
        Assert.Equal(0.0, z[0]![2]!.GetValue<double>());
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => SurfaceCharts.Contour(Bowl, (1, -1), (0, 1))).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => SurfaceCharts.Surface3D(Bowl, (0, 1), (0, double.PositiveInfinity))).ParamName);
        Assert.Equal("grid", Assert.Throws<ArgumentOutOfRangeException>(() => SurfaceCharts.Contour(Bowl, (0, 1), (0, 1), grid: 1)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => SurfaceCharts.Contour(Bowl, (0, 1), (0, 1), path: [(0.0, double.NaN)])).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => SurfaceCharts.Surface3D(Bowl, (0, 1), (0, 1), path: [])).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => SurfaceCharts.Contour((a, b) => double.NaN, (0, 1), (0, 1))).ParamName);
        Assert.Equal("levels", Assert.Throws<ArgumentOutOfRangeException>(() => SurfaceCharts.Contour(Bowl, (0, 1), (0, 1), levels: 1)).ParamName);
    }
}

public class ScatterChartTests
{
    private static readonly Matrix<double> X = Matrix<double>.Build.DenseOfArray(new[,]
    {
        { 0.0, 0.0 }, { 1.0, 0.5 }, { 0.5, 1.0 }, { 3.0, 3.0 }, { 4.0, 2.5 }, { 3.5, 4.0 }, { 2.0, 2.0 },
    });

    private static readonly int[] Labels = [-1, -1, -1, 1, 1, 1, 1];

    [Fact]
    public void Labelled_scatter_has_one_marker_trace_per_class_with_its_points()
    {
        var json = ScatterCharts.LabelledScatter(X, Labels, ["neg", "pos"]).ToJsonObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.Equal(new[] { "neg", "pos" }, data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(3, data[0]!["x"]!.AsArray().Count);
        Assert.Equal(4, data[1]!["x"]!.AsArray().Count);
        Assert.All(data, t => Assert.Equal("markers", t!["mode"]!.GetValue<string>()));
        Assert.Equal(ChartStyle.Color(0), data[0]!["marker"]!["color"]!.GetValue<string>());
        Assert.Equal(ChartStyle.Color(1), data[1]!["marker"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public void Decision_boundary_figure_has_shading_points_and_a_line_on_the_box()
    {
        var json = ScatterCharts.DecisionBoundary(X, Labels, 1, 1, -4).ToJsonObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(5, data.Count); // two half-planes, two classes, one line
        var line = data[4]!;
        Assert.Equal(2, line["x"]!.AsArray().Count);
        var box = Box2D.Around(X);
        for (var k = 0; k < 2; k++)
        {
            var x = line["x"]![k]!.GetValue<double>();
            var y = line["y"]![k]!.GetValue<double>();
            Assert.Equal(0.0, x + y - 4, 12);
            Assert.True(box.Contains(x, y));
        }
        Assert.Equal(box.XMin, json["layout"]!["xaxis"]!["range"]![0]!.GetValue<double>());
        Assert.Null(json["layout"]!["yaxis"]!["scaleanchor"]);
        var square = ScatterCharts.DecisionBoundary(X, Labels, 1, 1, -4, equalAspect: true).ToJsonObject();
        Assert.Equal("x", square["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>());
        // Equal scaling shrinks the plotting area, never the box the boundary was clipped to.
        Assert.Equal("domain", square["layout"]!["xaxis"]!["constrain"]!.GetValue<string>());
        Assert.Equal("domain", square["layout"]!["yaxis"]!["constrain"]!.GetValue<string>());
    }

    public static TheoryData<double, double, double> Lines => new()
    {
        { 1, 1, -4 }, { 0.3, -2, 1.1 }, { 1, 0, -2.5 }, { 0, 2, -3 }, { -5, 1e-3, 7 }, { 1e-9, 1, -2 }, { 2, 3, -1 },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Boundary_segment_end_points_satisfy_the_equation_and_lie_on_the_box_edges(double w1, double w2, double b)
    {
        var box = new Box2D(-1, 4, -0.5, 4.5);
        var segment = ScatterCharts.BoundarySegment(w1, w2, b, box);
        Assert.NotNull(segment);
        foreach (var (x, y) in new[] { segment.Value.Start, segment.Value.End })
        {
            var scale = Math.Abs(w1 * x) + Math.Abs(w2 * y) + Math.Abs(b);
            Assert.True(Math.Abs(w1 * x + w2 * y + b) <= 1e-12 * Math.Max(1, scale), $"({x}, {y}) is off the line");
            Assert.True(box.Contains(x, y));
            var onEdge = Math.Abs(x - box.XMin) < 1e-12 || Math.Abs(x - box.XMax) < 1e-12 || Math.Abs(y - box.YMin) < 1e-12 || Math.Abs(y - box.YMax) < 1e-12;
            Assert.True(onEdge, $"({x}, {y}) is not on an edge");
        }
        Assert.NotEqual(segment.Value.Start, segment.Value.End);
    }

    [Fact]
    public void Vertical_boundary_when_w2_is_zero()
    {
        var s = ScatterCharts.BoundarySegment(2, 0, -3, new Box2D(0, 4, -1, 1))!.Value;
        Assert.Equal(1.5, s.Start.X);
        Assert.Equal(1.5, s.End.X);
        Assert.Equal(new[] { -1.0, 1.0 }, new[] { s.Start.Y, s.End.Y }.Order());
    }

    [Fact]
    public void Line_through_a_corner_uses_the_diagonal_not_the_corner_twice()
    {
        var s = ScatterCharts.BoundarySegment(1, -1, 0, new Box2D(0, 1, 0, 1))!.Value;
        var ends = new[] { s.Start, s.End }.OrderBy(p => p.X).ToArray();
        Assert.Equal((0.0, 0.0), ends[0]);
        Assert.Equal((1.0, 1.0), ends[1]);
    }

    [Fact]
    public void Line_missing_the_box_gives_null_and_an_empty_trace()
    {
        var box = new Box2D(0, 1, 0, 1);
        Assert.Null(ScatterCharts.BoundarySegment(1, 1, 10, box));
        var json = new Figure(ScatterCharts.BoundaryTrace(1, 1, 10, box)).ToJsonObject();
        Assert.Empty(json["data"]![0]!["x"]!.AsArray());
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_clear_parameter()
    {
        var box = new Box2D(0, 1, 0, 1);
        var zero = Assert.Throws<ArgumentException>(() => ScatterCharts.BoundarySegment(0, 0, 1, box));
        Assert.Contains("non-zero weight", zero.Message);
        Assert.Equal("w1", Assert.Throws<ArgumentException>(() => ScatterCharts.BoundarySegment(double.NaN, 1, 1, box)).ParamName);
        Assert.Equal("box", Assert.Throws<ArgumentException>(() => ScatterCharts.BoundarySegment(1, 1, 1, new Box2D(1, 0, 0, 1))).ParamName);
        Assert.Equal("X", Assert.Throws<ArgumentException>(() => ScatterCharts.LabelledScatter(Matrix<double>.Build.Dense(3, 3), [0, 1, 0])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => ScatterCharts.LabelledScatter(X, [0, 1])).ParamName);
        Assert.Equal("classNames", Assert.Throws<ArgumentException>(() => ScatterCharts.LabelledScatter(X, Labels, ["only one"])).ParamName);
        var nan = X.Clone();
        nan[2, 1] = double.NaN;
        Assert.Contains("Row 2", Assert.Throws<ArgumentException>(() => ScatterCharts.LabelledScatter(nan, Labels)).Message);
        Assert.Equal("boundaries", Assert.Throws<ArgumentException>(() => ScatterCharts.WithLines(X, Labels, [])).ParamName);
    }

    [Fact]
    public void WithLines_draws_every_boundary()
    {
        var json = ScatterCharts.WithLines(X, Labels, [("perceptron", 1, 1, -4), ("svm", 1, 0.9, -3.8)]).ToJsonObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(4, data.Count);
        Assert.Equal(new[] { "perceptron", "svm" }, data.Skip(2).Select(t => t!["name"]!.GetValue<string>()));
    }
}

public class AnimationHelperTests
{
    private static readonly Matrix<double> X = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, 0.0 }, { 1.0, 0.2 }, { 3.0, 3.0 }, { 4.0, 2.5 } });

    private static readonly int[] Labels = [-1, -1, 1, 1];

    [Fact]
    public void Boundary_animation_has_a_frame_per_step_updating_shading_and_line_only()
    {
        var fig = ScatterCharts.DecisionBoundaryAnimation(X, Labels, [("start", 0, 0, 0), ("update 1", 1, 1, -3), ("update 2", 1, 0.5, -3)]);
        var json = fig.ToJsonObject();
        Assert.Equal(5, json["data"]!.AsArray().Count); // 2 half-planes, 2 classes, line
        var frames = json["frames"]!.AsArray();
        Assert.Equal(3, frames.Count);
        Assert.All(frames, fr => Assert.Equal(new[] { 0, 1, 4 }, fr!["traces"]!.AsArray().Select(i => i!.GetValue<int>())));
        Assert.Empty(frames[0]!["data"]![2]!["x"]!.AsArray()); // w = 0: no line yet
        Assert.Empty(frames[0]!["data"]![0]!["x"]!.AsArray()); // and no tint
        var line = frames[1]!["data"]![2]!;
        for (var k = 0; k < 2; k++)
            Assert.Equal(0.0, line["x"]![k]!.GetValue<double>() + line["y"]![k]!.GetValue<double>() - 3, 12);
        Assert.Equal("update 2", json["layout"]!["sliders"]![0]!["steps"]![2]!["label"]!.GetValue<string>());
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => ScatterCharts.DecisionBoundaryAnimation(X, Labels, [("bad", double.NaN, 1, 0)])).ParamName);
    }

    [Fact]
    public void Contour_path_animation_grows_the_path_and_ends_on_the_last_iterate()
    {
        var path = Enumerable.Range(0, 25).Select(k => (Math.Pow(0.8, k), 2 * Math.Pow(0.8, k))).ToArray();
        var json = SurfaceCharts.ContourPathAnimation((a, b) => a * a + b * b, (-1, 1.5), (-1, 2.5), path, grid: 20, maxFrames: 7).ToJsonObject();
        var frames = json["frames"]!.AsArray();
        Assert.Equal(7, frames.Count);
        Assert.All(frames, fr => Assert.Equal(new[] { 1, 2 }, fr!["traces"]!.AsArray().Select(i => i!.GetValue<int>())));
        Assert.Single(frames[0]!["data"]![0]!["x"]!.AsArray());
        Assert.Equal(25, frames[^1]!["data"]![0]!["x"]!.AsArray().Count);
        Assert.Equal(path[^1].Item1, frames[^1]!["data"]![1]!["x"]![1]!.GetValue<double>());
        var sizes = frames.Select(fr => fr!["data"]![0]!["x"]!.AsArray().Count).ToArray();
        Assert.Equal(sizes.Order(), sizes);
    }
}

public class BoundaryProperties
{
    // Integers keep the generated numbers finite; the scaling spreads them over several orders of magnitude.
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Clipped_segment_is_on_the_line_and_on_the_box_edges(int a, int c, int d, short scale)
    {
        var w1 = a / 7.0;
        var w2 = c / 3.0;
        if (w1 == 0 && w2 == 0) return true;
        var box = new Box2D(-2, 5, -1, 3);
        // choose b so that the line passes through an interior point, then it must cross the box
        var px = -2 + 7 * ((d & 0xFF) / 255.0);
        var py = -1 + 4 * (((d >> 8) & 0xFF) / 255.0);
        var factor = Math.Pow(10, scale % 4);
        var (W1, W2) = (w1 * factor, w2 * factor);
        var b = -(W1 * px + W2 * py);
        var s = ScatterCharts.BoundarySegment(W1, W2, b, box);
        if (s is null) return px is -2 or 5 || py is -1 or 3; // only a line through a corner/edge point may touch without crossing
        foreach (var (x, y) in new[] { s.Value.Start, s.Value.End })
        {
            var magnitude = Math.Abs(W1 * x) + Math.Abs(W2 * y) + Math.Abs(b);
            if (Math.Abs(W1 * x + W2 * y + b) > 1e-12 * Math.Max(1e-300, magnitude)) return false;
            if (!box.Contains(x, y)) return false;
            var onEdge = Math.Abs(x + 2) < 1e-9 || Math.Abs(x - 5) < 1e-9 || Math.Abs(y + 1) < 1e-9 || Math.Abs(y - 3) < 1e-9;
            if (!onEdge) return false;
        }
        return true;
    }
}

[Collection(PlotlyDefaultsCollection.Name)]
public class PlotlyDefaultTests
{
    [Fact]
    public void UseAsPlotlyDefault_gives_raw_charts_the_white_template_until_reset()
    {
        try
        {
            ChartStyle.UseAsPlotlyDefault();
            var chart = CSChart.Point<double, double, string>(x: new[] { 0.0 }, y: new[] { 1.0 });
            var layout = new Figure(chart).ToJsonObject()["layout"]!;
            Assert.Equal("#FFFFFF", layout["template"]!["layout"]!["plot_bgcolor"]!.GetValue<string>());
            Assert.Equal(720, layout["width"]!.GetValue<int>());
        }
        finally
        {
            Plotly.NET.Defaults.reset();
        }
        var raw = new Figure(CSChart.Point<double, double, string>(x: new[] { 0.0 }, y: new[] { 1.0 })).ToJsonObject()["layout"]!;
        Assert.NotEqual("#FFFFFF", raw["template"]!["layout"]!["plot_bgcolor"]!.GetValue<string>());
    }
}

/// <summary>Plotly.NET's defaults are process-wide; the test that changes them runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlotlyDefaultsCollection
{
    public const string Name = "Plotly.NET defaults";
}
