using System.Globalization;
using ClassicML.Margins;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using CSChart = Plotly.NET.CSharp.Chart;
using Figure = ClassicML.Charts.Figure;

namespace ClassicML.Charts;

/// <summary>
/// Charts of lesson 04 (perceptron vs hard-margin SVM) for 2-D data labelled ±1: the perceptron's hyperplane after
/// every update as an animation, the SVM's separating line with its two margin lines and circled support vectors, and
/// several perceptron solutions (different visiting orders) against the one SVM solution.
/// </summary>
/// <remarks>
/// A line <c>w·x + b = c</c> is drawn through the two points where it meets the edges of the plotted window (solving for
/// the coordinate whose coefficient is larger in size, so a steep line is not lost), and plotly.js clips it to the axes.
/// </remarks>
public static class MarginsCharts
{
    private static string Positive => ChartStyle.ClassColors[1];
    private static string Negative => ChartStyle.ClassColors[0];
    private const string Ink = ChartStyle.TextColor;

    /// <summary>
    /// The perceptron at work: the samples, the hyperplane <c>w·x + b = 0</c> and the sample that triggered the update,
    /// one frame per update (frame 0 is the start w = 0, b = 0, which has no line). Works for both forms: the dual
    /// form's trace carries the same w and b.
    /// </summary>
    /// <param name="x">N×2 samples.</param>
    /// <param name="y">N labels ±1.</param>
    /// <param name="model">A perceptron fitted on (x, y) with <c>recordTrace: true</c>.</param>
    /// <param name="pointNames">Optional names of the samples (e.g. "x₁"), shown beside them; default x₁, x₂, ….</param>
    /// <param name="frameDurationMs">Milliseconds per frame while playing (≥ 50).</param>
    public static Figure PerceptronAnimation(Matrix<double> x, Vector<double> y, PerceptronModel model,
        IReadOnlyList<string>? pointNames = null, int frameDurationMs = 900)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = CheckData(x, y, pointNames);
        if (model.W.Count != 2)
            throw new ArgumentException($"The model has {model.W.Count} weights; this chart draws 2-D perceptrons.", nameof(model));
        if (model.Trace.Count == 0)
            throw new ArgumentException("The model has no trace of updates; fit it with recordTrace: true.", nameof(model));
        ArgumentOutOfRangeException.ThrowIfLessThan(frameDurationMs, 50);
        var window = Window(x);
        var zero = Vector<double>.Build.Dense(2);

        GenericChart Frame(Vector<double> w, double b, int? updated)
        {
            var (lx, ly) = Line(w, b, 0, window);
            var traces = new List<GenericChart>(ClassPoints(x, y, names))
            {
                Traces.Line(lx, ly, "w·x + b = 0", Ink, 3),
                Ring(updated is int i ? [x[i, 0]] : [], updated is int j ? [x[j, 1]] : [], "misclassified → update", ChartStyle.Color(2), 26),
            };
            return CSChart.Combine(traces);
        }

        string Caption(PerceptronUpdate u) => string.Create(CultureInfo.InvariantCulture,
            $"update {u.Step} (pass {u.Pass}): {names[u.Index]} was misclassified → w = ({Num(u.W[0])}, {Num(u.W[1])}), b = {Num(u.B)}")
            + (u.W.L2Norm() == 0 ? " — w = 0: no line, every x gets the class sign(b)" : "");

        var chart = Finish(Frame(zero, 0, null), $"Perceptron ({model.Form.ToString().ToLowerInvariant()} form): start w = (0, 0), b = 0", window, 720, 540);
        var frames = new List<AnimationFrame> { new("start", Frame(zero, 0, null), Title: "start: w = (0, 0), b = 0 — no hyperplane yet", Label: "0") };
        frames.AddRange(model.Trace.Select(u => new AnimationFrame($"u{u.Step}", Frame(u.W, u.B, u.Index), Title: Caption(u),
            Label: u.Step.ToString(CultureInfo.InvariantCulture))));
        return new Figure(chart, frames, new AnimationSettings(FrameDurationMs: frameDurationMs, SliderPrefix: "update "));
    }

    /// <summary>
    /// The maximum-margin hyperplane <c>w*·x + b* = 0</c> with the margin lines <c>w*·x + b* = ±1</c> (the street of
    /// width 2/‖w*‖), the samples, and the support vectors (αᵢ* &gt; 0) circled.
    /// </summary>
    /// <param name="x">N×2 samples the SVM was fitted on.</param>
    /// <param name="y">N labels ±1.</param>
    /// <param name="svm">The fitted SVM.</param>
    /// <param name="pointNames">Optional names of the samples; default x₁, x₂, ….</param>
    /// <param name="title">Chart title; null for one that states w*, b* and the margin.</param>
    public static Figure SvmMargins(Matrix<double> x, Vector<double> y, SvmModel svm, IReadOnlyList<string>? pointNames = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(svm);
        var names = CheckData(x, y, pointNames);
        CheckSvm(x, svm);
        var window = Window(x);
        var traces = new List<GenericChart>(ClassPoints(x, y, names));
        traces.AddRange(SvmTraces(x, svm, window, showLegend: true));
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"Hard-margin SVM: w* = ({Num(svm.W[0])}, {Num(svm.W[1])}), b* = {Num(svm.B)}, margin width 2/‖w*‖ = {Num(svm.MarginWidth)}");
        return Finish(CSChart.Combine(traces), title, window, 720, 540);
    }

    /// <summary>
    /// Several perceptron solutions (thin lines, e.g. one per visiting order) against the single SVM solution (bold, with
    /// its margins): every perceptron line separates the data, only the SVM's is as far as possible from both classes.
    /// </summary>
    /// <param name="x">N×2 samples.</param>
    /// <param name="y">N labels ±1.</param>
    /// <param name="perceptrons">Named perceptron models fitted on (x, y).</param>
    /// <param name="svm">The hard-margin SVM fitted on (x, y).</param>
    /// <param name="pointNames">Optional names of the samples; default x₁, x₂, … (no labels when there are more than 12 samples).</param>
    public static Figure PerceptronsVersusSvm(Matrix<double> x, Vector<double> y, IEnumerable<(string Name, PerceptronModel Model)> perceptrons,
        SvmModel svm, IReadOnlyList<string>? pointNames = null)
    {
        ArgumentNullException.ThrowIfNull(perceptrons);
        ArgumentNullException.ThrowIfNull(svm);
        var names = CheckData(x, y, pointNames);
        CheckSvm(x, svm);
        var runs = perceptrons.ToArray();
        if (runs.Length == 0)
            throw new ArgumentException("Pass at least one perceptron model.", nameof(perceptrons));
        var window = Window(x);
        var traces = new List<GenericChart>(ClassPoints(x, y, names));
        for (int r = 0; r < runs.Length; r++)
        {
            var (name, model) = runs[r];
            ArgumentNullException.ThrowIfNull(model, nameof(perceptrons));
            if (model.W.Count != 2)
                throw new ArgumentException($"Perceptron '{name}' has {model.W.Count} weights; this chart draws 2-D models.", nameof(perceptrons));
            var (lx, ly) = Line(model.W, model.B, 0, window);
            string label = string.Create(CultureInfo.InvariantCulture, $"{name}: margin {Num(model.GeometricMargin(x, y))}");
            traces.Add(Traces.Line(lx, ly, label, ChartStyle.Color(2 + r), 1.6, "dot"));
        }
        traces.AddRange(SvmTraces(x, svm, window, showLegend: true));
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{runs.Length} perceptron solutions, one SVM solution (margin {Num(svm.GeometricMargin)})");
        return Finish(CSChart.Combine(traces), title, window, 760, 560);
    }

    private static IEnumerable<GenericChart> SvmTraces(Matrix<double> x, SvmModel svm, (double X0, double X1, double Y0, double Y1) window, bool showLegend)
    {
        var (hx, hy) = Line(svm.W, svm.B, 0, window);
        var (px, py) = Line(svm.W, svm.B, 1, window);
        var (nx, ny) = Line(svm.W, svm.B, -1, window);
        yield return Traces.Line(hx, hy, "SVM: w*·x + b* = 0", Ink, 3.2, showLegend: showLegend);
        yield return Traces.Line(px, py, "margin: w*·x + b* = +1", Positive, 1.6, "dash", showLegend);
        yield return Traces.Line(nx, ny, "margin: w*·x + b* = −1", Negative, 1.6, "dash", showLegend);
        var sv = svm.SupportVectorIndices;
        yield return Ring(sv.Select(i => x[i, 0]).ToArray(), sv.Select(i => x[i, 1]).ToArray(), "support vectors (αᵢ* > 0)", Ink, 24);
    }

    private static IEnumerable<GenericChart> ClassPoints(Matrix<double> x, Vector<double> y, string[] names)
    {
        foreach (var (label, color, name) in new[] { (1.0, Positive, "y = +1"), (-1.0, Negative, "y = −1") })
        {
            var rows = Enumerable.Range(0, x.RowCount).Where(i => y[i] == label).ToArray();
            var trace = Traces.Xy("scatter", rows.Select(i => x[i, 0]), rows.Select(i => x[i, 1]), name, showLegend: true);
            trace.SetProperty("mode", names.Length > 0 ? "markers+text" : "markers");
            trace.SetProperty("marker", Traces.MarkerStyle(color, 11, label > 0 ? "circle" : "x"));
            if (names.Length > 0)
            {
                trace.SetProperty("text", rows.Select(i => names[i]).ToArray());
                trace.SetProperty("textposition", "top right");
                trace.SetProperty("textfont", ChartStyle.Obj(("size", 14), ("color", Ink)));
            }
            yield return GenericChart.ofTraceObject(false, trace);
        }
    }

    // An open circle drawn around points; plotly.js strokes "-open" symbols with the marker colour.
    private static GenericChart Ring(double[] xs, double[] ys, string name, string color, double size)
    {
        var trace = Traces.Xy("scatter", xs, ys, name, showLegend: true);
        trace.SetProperty("mode", "markers");
        trace.SetProperty("marker", ChartStyle.Obj(("size", size), ("symbol", "circle-open"), ("color", color),
            ("line", ChartStyle.Obj(("width", 2.2), ("color", color)))));
        trace.SetProperty("hoverinfo", "skip");
        return GenericChart.ofTraceObject(false, trace);
    }

    /// <summary>Two points of the line w·x + b = level far outside the window; no points (a gap) when w = 0.</summary>
    private static (double[] X, double[] Y) Line(Vector<double> w, double b, double level, (double X0, double X1, double Y0, double Y1) plotted)
    {
        // Equal axis scaling makes plotly.js widen one axis beyond the window, so reach far past it and let the axes clip.
        double cx = (plotted.X0 + plotted.X1) / 2, cy = (plotted.Y0 + plotted.Y1) / 2;
        double reach = 20 * Math.Max(plotted.X1 - plotted.X0, plotted.Y1 - plotted.Y0);
        var window = (X0: cx - reach, X1: cx + reach, Y0: cy - reach, Y1: cy + reach);
        double w1 = w[0], w2 = w[1];
        if (w1 == 0 && w2 == 0)
            return ([double.NaN, double.NaN], [double.NaN, double.NaN]);
        if (Math.Abs(w2) >= Math.Abs(w1))
            return ([window.X0, window.X1], [(level - b - w1 * window.X0) / w2, (level - b - w1 * window.X1) / w2]);
        return ([(level - b - w2 * window.Y0) / w1, (level - b - w2 * window.Y1) / w1], [window.Y0, window.Y1]);
    }

    // A square window around the data with room for labels, so one unit looks the same on both axes.
    private static (double X0, double X1, double Y0, double Y1) Window(Matrix<double> x)
    {
        double x0 = x.Column(0).Min(), x1 = x.Column(0).Max(), y0 = x.Column(1).Min(), y1 = x.Column(1).Max();
        double span = Math.Max(Math.Max(x1 - x0, y1 - y0), 1e-9), pad = 0.3 * span + 0.5;
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, half = span / 2 + pad;
        return (cx - half, cx + half, cy - half, cy + half);
    }

    private static GenericChart Finish(GenericChart chart, string title, (double X0, double X1, double Y0, double Y1) window, int width, int height) =>
        ChartStyle.WithLayout(ChartStyle.Apply(chart, title, "x⁽¹⁾", "x⁽²⁾", width, height),
            ("xaxis", ChartStyle.Obj(("range", new[] { window.X0, window.X1 }), ("zeroline", false))),
            ("yaxis", ChartStyle.Obj(("range", new[] { window.Y0, window.Y1 }), ("scaleanchor", "x"), ("scaleratio", 1), ("zeroline", false))),
            ("legend", ChartStyle.Obj(("orientation", "h"), ("y", -0.18))));

    private static string[] CheckData(Matrix<double> x, Vector<double> y, IReadOnlyList<string>? pointNames)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.ColumnCount != 2)
            throw new ArgumentException($"These charts draw 2-D data; x has {x.ColumnCount} columns.", nameof(x));
        if (x.RowCount == 0)
            throw new ArgumentException("x has no rows; pass at least one sample.", nameof(x));
        if (y.Count != x.RowCount)
            throw new ArgumentException($"y has {y.Count} labels but x has {x.RowCount} rows; give one label per row.", nameof(y));
        if (y.Any(v => v != 1 && v != -1))
            throw new ArgumentException("Labels must be −1 or +1.", nameof(y));
        if (x.Enumerate().Any(v => !double.IsFinite(v)))
            throw new ArgumentException("x contains NaN or ±∞; remove or impute those rows first.", nameof(x));
        if (pointNames is not null)
        {
            if (pointNames.Count != x.RowCount)
                throw new ArgumentException($"pointNames has {pointNames.Count} names for {x.RowCount} samples; give one per row or null.", nameof(pointNames));
            return pointNames.ToArray();
        }
        return x.RowCount <= 12
            ? Enumerable.Range(1, x.RowCount).Select(i => "x" + Subscript(i)).ToArray()
            : [];
    }

    private static void CheckSvm(Matrix<double> x, SvmModel svm)
    {
        if (svm.W.Count != 2)
            throw new ArgumentException($"The SVM has {svm.W.Count} weights; this chart draws 2-D models.", nameof(svm));
        if (svm.Alpha.Count != x.RowCount)
            throw new ArgumentException($"The SVM was fitted on {svm.Alpha.Count} samples but x has {x.RowCount}; pass the data it was fitted on.", nameof(svm));
    }

    private static string Subscript(int i) =>
        string.Concat(i.ToString(CultureInfo.InvariantCulture).Select(c => (char)('₀' + (c - '0'))));

    private static string Num(double v) => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
