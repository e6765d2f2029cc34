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
/// Built on <see cref="ScatterCharts"/>: its class traces, its box around the data and its lines clipped to that box,
/// drawn with equal axis scaling so that margins and right angles look true. A line <c>w·x + b = c</c> is the boundary
/// <c>w·x + (b − c) = 0</c>.
/// </remarks>
public static class MarginsCharts
{
    private static string Negative => ChartStyle.Color(0);
    private static string Positive => ChartStyle.Color(1);
    private const string Ink = ChartStyle.TextColor;
    private const string NamesTrace = "sample names";

    /// <summary>
    /// The perceptron at work: the samples, the hyperplane <c>w·x + b = 0</c> and the sample that triggered the update,
    /// one frame per update (frame 0 is the start w = 0, b = 0, which has no line; so has any update that returns w to 0).
    /// Works for both forms: the dual form's trace carries the same w and b.
    /// </summary>
    /// <param name="x">N×2 samples.</param>
    /// <param name="y">N labels ±1.</param>
    /// <param name="model">A perceptron fitted on (x, y) with <c>recordHistory: true</c>.</param>
    /// <param name="pointNames">Optional names of the samples (e.g. "x₁"), shown beside them; default x₁, x₂, … for up to 12 samples.</param>
    /// <param name="frameDurationMs">Milliseconds per frame while playing (≥ 50).</param>
    public static Figure PerceptronAnimation(Matrix<double> x, Vector<double> y, PerceptronModel model,
        IReadOnlyList<string>? pointNames = null, int frameDurationMs = 900)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = CheckData(x, y, pointNames);
        if (model.W.Count != 2)
            throw new ArgumentException($"The model has {model.W.Count} weights; this chart draws 2-D perceptrons.", nameof(model));
        if (model.History.Count == 0)
            throw new ArgumentException("The model has no history of updates; fit it with recordHistory: true.", nameof(model));
        ArgumentOutOfRangeException.ThrowIfLessThan(frameDurationMs, 50);
        var box = Box(x, model.History.Select(u => (u.W, u.B)));
        var zero = Vector<double>.Build.Dense(2);

        // The hyperplane and the ring around the sample that moved it: the two traces every frame replaces.
        GenericChart Moving(Vector<double> w, double b, int? updated) => CSChart.Combine(
        [
            Line(w, b, 0, box, "w·x + b = 0", Ink, "solid", 3),
            Ring(updated is int i ? [x[i, 0]] : [], updated is int j ? [x[j, 1]] : [], "misclassified → update", ChartStyle.Color(2), 26),
        ]);

        // Two short lines: a long one-line caption ran under plotly's toolbar.
        string Caption(PerceptronUpdate u) => string.Create(CultureInfo.InvariantCulture,
            $"update {u.Step} (pass {u.Pass}): {names[u.Index]} misclassified<br>→ w = ({Num(u.W[0])}, {Num(u.W[1])}), b = {Num(u.B)}")
            + (u.W.L2Norm() == 0 ? " — w = 0: no line, every x gets the class sign(b)" : "");

        var still = Points(x, y, names);
        int movingFrom = GenericChart.getTraces(CSChart.Combine(still)).Length;
        int[] moving = [movingFrom, movingFrom + 1];
        var chart = Finish(CSChart.Combine([.. still, Moving(zero, 0, null)]),
            $"Perceptron ({model.Form.ToString().ToLowerInvariant()} form)<br>start: w = (0, 0), b = 0", box, 720, 600, legendBelow: false);
        var frames = new List<AnimationFrame> { new("start", Moving(zero, 0, null), moving, Title: "start: w = (0, 0), b = 0<br>no hyperplane yet", Label: "0") };
        frames.AddRange(model.History.Select(u => new AnimationFrame($"u{u.Step}", Moving(u.W, u.B, u.Index), moving, Title: Caption(u),
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
    /// <param name="pointNames">Optional names of the samples; default x₁, x₂, … for up to 12 samples.</param>
    /// <param name="title">Chart title; null for one that states w*, b* and the margin.</param>
    public static Figure SvmMargins(Matrix<double> x, Vector<double> y, SvmModel svm, IReadOnlyList<string>? pointNames = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(svm);
        var names = CheckData(x, y, pointNames);
        CheckSvm(x, svm);
        var box = Box(x);
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"Hard-margin SVM<br>w* = ({Num(svm.W[0])}, {Num(svm.W[1])}), b* = {Num(svm.B)}, margin width 2/‖w*‖ = {Num(svm.MarginWidth)}");
        const int width = 640;
        return Finish(CSChart.Combine([.. Points(x, y, names), .. SvmTraces(x, svm, box)]), title, box, width, FittedHeight(box, width), legendBelow: true);
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
        var box = Box(x);
        var traces = Points(x, y, names);
        // Six coloured dotted lines with six legend entries crowded the chart: all perceptron lines share one muted colour
        // and one legend entry (clicking it hides them together); each line still names its run and margin on hover.
        var margins = new List<double>();
        for (int r = 0; r < runs.Length; r++)
        {
            var (name, model) = runs[r];
            ArgumentNullException.ThrowIfNull(model, nameof(perceptrons));
            if (model.W.Count != 2)
                throw new ArgumentException($"Perceptron '{name}' has {model.W.Count} weights; this chart draws 2-D models.", nameof(perceptrons));
            margins.Add(model.GeometricMargin(x, y));
            string label = string.Create(CultureInfo.InvariantCulture, $"{name}: margin {Num(margins[^1])}");
            // plotly.js lists no trace without points, so the group's legend entry is a copy of its first line.
            if (r == 0)
                traces.Add(ChartStyle.ToChart(LegendEntry(LineSpec(model.W, model.B, 0, box, $"perceptron solutions ({runs.Length} visiting orders)", PerceptronGrey, "solid", 1.5), PerceptronGroup)));
            traces.Add(ChartStyle.ToChart(InGroup(LineSpec(model.W, model.B, 0, box, label, PerceptronGrey, "solid", 1.5), PerceptronGroup)));
        }
        traces.AddRange(SvmTraces(x, svm, box));
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{runs.Length} perceptron solutions (grey), one SVM solution<br>perceptron margins {Num(margins.Min())} to {Num(margins.Max())}; SVM margin {Num(svm.GeometricMargin)}");
        const int width = 680;
        return Finish(CSChart.Combine(traces), title, box, width, FittedHeight(box, width), legendBelow: true);
    }

    private const string PerceptronGroup = "perceptrons";
    private const string PerceptronGrey = "#8c8c8c";

    /// <summary>
    /// The legend entry of a group of lines: <paramref name="line"/>, a copy of one of the group's lines drawn under it
    /// (so it adds nothing to see), in the group and silent on hover.
    /// </summary>
    private static TraceSpec LegendEntry(TraceSpec line, string group) => line with { LegendGroup = group, NoHover = true };

    /// <summary>The line put into a legend group, without a legend entry of its own; hover names its run.</summary>
    private static TraceSpec InGroup(TraceSpec line, string group) => line with { LegendGroup = group, ShowLegend = false, HoverNameOnly = true };

    private static IEnumerable<GenericChart> SvmTraces(Matrix<double> x, SvmModel svm, Box2D box)
    {
        yield return Line(svm.W, svm.B, 0, box, "SVM: w*·x + b* = 0", Ink, "solid", 3.2);
        yield return Line(svm.W, svm.B, 1, box, "margin: w*·x + b* = +1", Positive, "dash", 1.6);
        yield return Line(svm.W, svm.B, -1, box, "margin: w*·x + b* = −1", Negative, "dash", 1.6);
        var sv = svm.SupportVectorIndices;
        yield return Ring(sv.Select(i => x[i, 0]).ToArray(), sv.Select(i => x[i, 1]).ToArray(), "support vectors (αᵢ* > 0)", Ink, 24);
    }

    /// <summary>The class markers (<see cref="ScatterCharts.ClassTraces"/>) and, when the samples have names, a text trace with them.</summary>
    private static List<GenericChart> Points(Matrix<double> x, Vector<double> y, string[] names)
    {
        var labels = y.Select(v => (int)v).ToArray();
        var classNames = labels.Distinct().Order().Select(l => l > 0 ? "y = +1" : "y = −1").ToArray();
        var traces = GenericChart.getTraces(ScatterCharts.ClassTraces(x, labels, classNames)).Select(t => GenericChart.ofTraceObject(false, t)).ToList();
        if (names.Length > 0)
        {
            traces.Add(ChartStyle.ToChart(Traces.Xy(x.Column(0), x.Column(1), NamesTrace, showLegend: false) with
            {
                Mode = Mode.Text, Text = names, TextPosition = "top right", TextFont = new FontStyle(Ink, 14), NoHover = true,
            }));
        }
        return traces;
    }

    /// <summary>The line w·x + b = level clipped to the box; an empty trace when w = 0 (no line exists).</summary>
    private static GenericChart Line(Vector<double> w, double b, double level, Box2D box, string name, string color, string dash, double width) =>
        ChartStyle.ToChart(LineSpec(w, b, level, box, name, color, dash, width));

    /// <summary>
    /// The trace of <see cref="Line"/>: the segment of w·x + b = level inside the box (<see cref="ScatterCharts.BoundarySegment"/>,
    /// the one <see cref="ScatterCharts.BoundaryTrace"/> draws), no points when w = 0 or the line misses the box.
    /// </summary>
    private static TraceSpec LineSpec(Vector<double> w, double b, double level, Box2D box, string name, string color, string dash, double width)
    {
        var segment = w[0] == 0 && w[1] == 0 ? null : ScatterCharts.BoundarySegment(w[0], w[1], b - level, box);
        double[] xs = segment is { } s ? [s.Start.X, s.End.X] : [];
        double[] ys = segment is { } t ? [t.Start.Y, t.End.Y] : [];
        return Traces.LineSpec(xs, ys, name, color, width, dash);
    }

    // An open circle drawn around points; plotly.js strokes "-open" symbols with the marker colour.
    private static GenericChart Ring(double[] xs, double[] ys, string name, string color, double size) =>
        ChartStyle.ToChart(Traces.Xy(xs, ys, name, showLegend: true) with
        {
            Mode = Mode.Markers, Marker = new MarkerStyle(color, size, Outline: new LineStyle(color, 2.2), Symbol: "circle-open"), NoHover = true,
        });

    // Room around the data for the names and the margin lines.
    private static Box2D Box(Matrix<double> x) => Box2D.Around(x, padding: 0.3);

    /// <summary>
    /// A box around the data that also shows every hyperplane w·x + b = 0 of <paramref name="lines"/>: it takes in each
    /// line's point nearest to the data's centre, c − ((w·c + b)/‖w‖²) w, held within two data spans of the centre so that
    /// one far-off early line cannot shrink the data to a dot.
    /// </summary>
    private static Box2D Box(Matrix<double> x, IEnumerable<(Vector<double> W, double B)> lines)
    {
        var data = Box(x);
        double cx = (data.XMin + data.XMax) / 2, cy = (data.YMin + data.YMax) / 2;
        double reach = 2 * Math.Max(data.XMax - data.XMin, data.YMax - data.YMin);
        var nearest = lines.Where(l => l.W[0] != 0 || l.W[1] != 0).Select(l =>
        {
            double t = (l.W[0] * cx + l.W[1] * cy + l.B) / (l.W[0] * l.W[0] + l.W[1] * l.W[1]);
            return new[] { Math.Clamp(cx - t * l.W[0], cx - reach, cx + reach), Math.Clamp(cy - t * l.W[1], cy - reach, cy + reach) };
        });
        var all = Matrix<double>.Build.DenseOfRowArrays(x.ToRowArrays().Concat(nearest));
        return Box2D.Around(all, padding: 0.3);
    }

    // Margins around the plot area, in pixels. The top is tall because it holds the toolbar band, where plotly.js shows its
    // toolbar (which used to cover the first line of a long title), and the two-line title below that band.
    private const int MarginLeft = 70, MarginRight = 30, MarginTop = 110, MarginBottom = 60, LegendBelowHeight = 80, ToolbarBand = 38;

    /// <summary>
    /// Axes, equal scaling and the title above the plot area. <paramref name="legendBelow"/> moves the legend under the
    /// plot (still charts: the plot gets the full width); an animation keeps it on the right, where it does not cover the
    /// play buttons and the slider below the plot.
    /// </summary>
    private static GenericChart Finish(GenericChart chart, string title, Box2D box, int width, int height, bool legendBelow)
    {
        var finished = ScatterCharts.Finish(chart, box, title, "x⁽¹⁾", "x⁽²⁾", equalAspect: true, width, height);
        return ChartStyle.WithLayout(finished, new LayoutSpec(
            // The title's top edge ToolbarBand pixels below the figure's top (container coordinates: a paper-anchored
            // multi-line title is placed by its first line and runs into the plot).
            Title: new TitleStyle(title, X: 0, XRef: PositionRef.Paper, XAnchor: "left",
                Y: 1 - (double)ToolbarBand / height, YRef: PositionRef.Container, YAnchor: "top"),
            Margin: new MarginStyle(MarginLeft, MarginRight, MarginTop, MarginBottom + (legendBelow ? LegendBelowHeight : 0)),
            Legend: legendBelow
                ? new LegendStyle(Orientation: "h", X: 0, XAnchor: "left", Y: 0, YRef: PositionRef.Container, YAnchor: "bottom")
                : null));
    }

    /// <summary>
    /// A height at which the box, drawn with equal scales over the full plot width, fills the plot area: the plot's
    /// height is its width times the box's aspect ratio (between 360 and 820 pixels in all), so no band of the chart is left empty.
    /// </summary>
    private static int FittedHeight(Box2D box, int width)
    {
        double plotWidth = width - MarginLeft - MarginRight;
        double plotHeight = plotWidth * (box.YMax - box.YMin) / (box.XMax - box.XMin);
        return (int)Math.Clamp(Math.Round(plotHeight) + MarginTop + MarginBottom + LegendBelowHeight, 360, 820);
    }

    private static string[] CheckData(Matrix<double> x, Vector<double> y, IReadOnlyList<string>? pointNames)
    {
        ScatterCharts.ValidatePoints(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count != x.RowCount)
            throw new ArgumentException($"y has {y.Count} labels but x has {x.RowCount} rows; give one label per row.", nameof(y));
        if (y.Any(v => v != 1 && v != -1))
            throw new ArgumentException("Labels must be −1 or +1.", nameof(y));
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
