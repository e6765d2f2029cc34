using System.Text.Json.Nodes;
using ClassicML.Charts;
using ClassicML.Margins;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Margins;

public class MarginsChartsTests
{
    private static readonly LabeledSet Book = MarginData.BookExample();

    private static double[] Numbers(JsonNode? array) => array!.AsArray().Select(v => v is null ? double.NaN : v.GetValue<double>()).ToArray();

    private static JsonObject Trace(JsonObject figure, string name) =>
        figure["data"]!.AsArray().Select(t => t!.AsObject()).Single(t => t["name"]!.GetValue<string>() == name);

    // Both end points of a drawn line satisfy w·x + b = level and lie on the frame of the plotted window, so the line
    // crosses the whole picture.
    private static void AssertOnLine(JsonObject figure, JsonObject trace, Vector<double> w, double b, double level)
    {
        var xs = Numbers(trace["x"]);
        var ys = Numbers(trace["y"]);
        var xRange = Numbers(figure["layout"]!["xaxis"]!["range"]);
        var yRange = Numbers(figure["layout"]!["yaxis"]!["range"]);
        Assert.Equal(2, xs.Length);
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(level, w[0] * xs[k] + w[1] * ys[k] + b, 9);
            bool onFrame = new[] { xs[k] - xRange[0], xs[k] - xRange[1], ys[k] - yRange[0], ys[k] - yRange[1] }.Any(d => Math.Abs(d) < 1e-9);
            Assert.True(onFrame, $"end point ({xs[k]}, {ys[k]}) is not on the frame of the plotted window");
        }
    }

    [Fact]
    public void Perceptron_animation_has_the_start_and_one_frame_per_update_each_drawing_that_updates_hyperplane()
    {
        var model = new Perceptron().Fit(Book.X, Book.Y);
        var figure = MarginsCharts.PerceptronAnimation(Book.X, Book.Y, model);
        Assert.Equal(1 + model.History.Count, figure.Frames.Count);
        var json = figure.ToJsonObject();
        var data = json["data"]!.AsArray();
        var frames = json["frames"]!.AsArray();
        // Every frame replaces exactly the two moving traces, the hyperplane and the ring; the points stay.
        int line = data.Select(t => t!["name"]!.GetValue<string>()).ToList().IndexOf("w·x + b = 0");
        int ringIndex = data.Select(t => t!["name"]!.GetValue<string>()).ToList().IndexOf("misclassified → update");
        Assert.All(frames, f =>
        {
            Assert.Equal(2, f!["data"]!.AsArray().Count);
            Assert.Equal(new[] { line, ringIndex }, f["traces"]!.AsArray().Select(i => i!.GetValue<int>()));
        });
        // The start has no hyperplane (w = 0): the line has no points.
        Assert.Empty(Numbers(Trace(json, "w·x + b = 0")["x"]));
        for (int k = 0; k < model.History.Count; k++)
        {
            var update = model.History[k];
            var frameData = frames[k + 1]!["data"]!.AsArray().Select(t => t!.AsObject()).ToArray();
            var boundary = frameData.Single(t => t["name"]!.GetValue<string>() == "w·x + b = 0");
            // Example 2.1 passes through w = (0, 0), b = −2 (update 4): no hyperplane exists then, so nothing is drawn.
            if (update.W.L2Norm() == 0)
                Assert.Empty(Numbers(boundary["x"]));
            else
                AssertOnLine(json, boundary, update.W, update.B, 0);
            var ring = frameData.Single(t => t["name"]!.GetValue<string>() == "misclassified → update");
            Assert.Equal(Book.X[update.Index, 0], Numbers(ring["x"]).Single());
            Assert.Equal(Book.X[update.Index, 1], Numbers(ring["y"]).Single());
        }
        Assert.Contains("x₃ misclassified<br>", frames[2]!["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(0.0, model.History[3].W.L2Norm());
        Assert.NotNull(json["layout"]!["sliders"]);
    }

    [Fact]
    public void Svm_chart_draws_the_hyperplane_both_margins_and_rings_exactly_the_support_vectors()
    {
        var svm = new HardMarginSvm().Fit(Book.X, Book.Y);
        var json = MarginsCharts.SvmMargins(Book.X, Book.Y, svm).ToJsonObject();
        AssertOnLine(json, Trace(json, "SVM: w*·x + b* = 0"), svm.W, svm.B, 0);
        AssertOnLine(json, Trace(json, "margin: w*·x + b* = +1"), svm.W, svm.B, 1);
        AssertOnLine(json, Trace(json, "margin: w*·x + b* = −1"), svm.W, svm.B, -1);
        var ring = Trace(json, "support vectors (αᵢ* > 0)");
        Assert.Equal(new[] { 3.0, 1.0 }, Numbers(ring["x"]));
        Assert.Equal(new[] { 3.0, 1.0 }, Numbers(ring["y"]));
        Assert.Equal("x", json["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>());
        Assert.Equal(new[] { "x₁", "x₂", "x₃" }, Trace(json, "sample names")["text"]!.AsArray().Select(t => t!.GetValue<string>()));
        // The title hangs below the band of plotly's toolbar (its top edge at least 30 px below the figure's), not level with it.
        var layout = json["layout"]!;
        Assert.Equal("container", layout["title"]!["yref"]!.GetValue<string>());
        Assert.Equal("top", layout["title"]!["yanchor"]!.GetValue<string>());
        Assert.True((1 - layout["title"]!["y"]!.GetValue<double>()) * layout["height"]!.GetValue<double>() >= 30);
        // With equal scales the plot area has the window's aspect ratio, so no empty band is left above or below it.
        var margin = layout["margin"]!;
        double plotWidth = layout["width"]!.GetValue<double>() - margin["l"]!.GetValue<double>() - margin["r"]!.GetValue<double>();
        double plotHeight = layout["height"]!.GetValue<double>() - margin["t"]!.GetValue<double>() - margin["b"]!.GetValue<double>();
        var xRange = Numbers(layout["xaxis"]!["range"]);
        var yRange = Numbers(layout["yaxis"]!["range"]);
        Assert.Equal((yRange[1] - yRange[0]) / (xRange[1] - xRange[0]), plotHeight / plotWidth, 2);
    }

    [Fact]
    public void Comparison_chart_has_one_line_per_perceptron_with_its_margin_and_the_svm_on_top()
    {
        var data = MarginData.Separable(30, gap: 0.6, seed: 4);
        var svm = new HardMarginSvm().Fit(data.X, data.Y);
        var runs = Enumerable.Range(0, 4)
            .Select(s => ($"order {s}", new Perceptron(order: Perceptron.RandomOrder(30, s), recordHistory: false).Fit(data.X, data.Y)))
            .ToArray();
        var json = MarginsCharts.PerceptronsVersusSvm(data.X, data.Y, runs, svm).ToJsonObject();
        var names = json["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToArray();
        for (int s = 0; s < 4; s++)
        {
            var line = json["data"]!.AsArray().Single(t => t!["name"]!.GetValue<string>().StartsWith($"order {s}:", StringComparison.Ordinal))!.AsObject();
            AssertOnLine(json, line, runs[s].Item2.W, runs[s].Item2.B, 0);
        }
        // Points (2), one legend entry for the perceptron lines, 4 lines without entries of their own, the SVM (4).
        Assert.Equal(2 + 1 + 4 + 4, names.Length);
        var perceptronLines = json["data"]!.AsArray().Where(t => t!["name"]!.GetValue<string>().StartsWith("order ", StringComparison.Ordinal)).ToList();
        Assert.All(perceptronLines, t => Assert.False(t!["showlegend"]!.GetValue<bool>()));
        Assert.All(perceptronLines, t => Assert.Equal("perceptrons", t!["legendgroup"]!.GetValue<string>()));
        Assert.Single(perceptronLines.Select(t => t!["line"]!["color"]!.GetValue<string>()).Distinct());
        var entry = json["data"]!.AsArray().Single(t => t!["name"]!.GetValue<string>().StartsWith("perceptron solutions", StringComparison.Ordinal))!;
        Assert.Equal("perceptrons", entry["legendgroup"]!.GetValue<string>());
        Assert.True(entry["showlegend"]!.GetValue<bool>());
        // It has points (plotly.js lists no empty trace): those of the first perceptron's line, under which it is drawn.
        Assert.Equal(Numbers(perceptronLines[0]!["x"]), Numbers(entry["x"]));
        Assert.Equal("h", json["layout"]!["legend"]!["orientation"]!.GetValue<string>());
        // 30 samples: too many to label.
        Assert.DoesNotContain("sample names", names);
    }

    [Fact]
    public void Charts_reject_bad_input_naming_the_parameter()
    {
        var model = new Perceptron(recordHistory: false).Fit(Book.X, Book.Y);
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => MarginsCharts.PerceptronAnimation(Book.X, Book.Y, model)).ParamName);
        var threeD = Matrix<double>.Build.Dense(3, 3, 1.0);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => MarginsCharts.SvmMargins(threeD, Book.Y, new HardMarginSvm().Fit(Book.X, Book.Y))).ParamName);
        var svm = new HardMarginSvm().Fit(Book.X, Book.Y);
        Assert.Equal("pointNames", Assert.Throws<ArgumentException>(() => MarginsCharts.SvmMargins(Book.X, Book.Y, svm, ["a"])).ParamName);
        Assert.Equal("perceptrons", Assert.Throws<ArgumentException>(() => MarginsCharts.PerceptronsVersusSvm(Book.X, Book.Y, [], svm)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => MarginsCharts.SvmMargins(Book.X, Vector<double>.Build.Dense([1.0, 0, 1]), svm)).ParamName);
    }
}
