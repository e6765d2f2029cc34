using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ClassicML.Charts;

/// <summary>An axis-aligned rectangle [XMin, XMax] × [YMin, YMax] in the plane.</summary>
/// <param name="XMin">Left edge.</param>
/// <param name="XMax">Right edge (&gt; XMin).</param>
/// <param name="YMin">Bottom edge.</param>
/// <param name="YMax">Top edge (&gt; YMin).</param>
public readonly record struct Box2D(double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>
    /// The bounding box of the rows of a two-column matrix, widened on every side by <paramref name="padding"/> times its
    /// width or height (by 0.5 when all points share a coordinate), so that no point sits on the frame.
    /// </summary>
    /// <param name="X">An n × 2 matrix of finite points, n ≥ 1.</param>
    /// <param name="padding">Relative margin, ≥ 0.</param>
    public static Box2D Around(Matrix<double> X, double padding = 0.05)
    {
        ScatterCharts.ValidatePoints(X);
        if (!(padding >= 0) || !double.IsFinite(padding)) throw new ArgumentOutOfRangeException(nameof(padding), padding, "The padding must be a finite number ≥ 0, e.g. 0.05.");
        var (x0, x1) = MinMax(X.Column(0));
        var (y0, y1) = MinMax(X.Column(1));
        var px = x1 > x0 ? padding * (x1 - x0) : 0.5;
        var py = y1 > y0 ? padding * (y1 - y0) : 0.5;
        return new Box2D(x0 - px, x1 + px, y0 - py, y1 + py);
    }

    /// <summary>Whether (x, y) lies in the box, edges included, with a slack of <paramref name="slack"/> times the box size.</summary>
    /// <param name="x">The x coordinate.</param>
    /// <param name="y">The y coordinate.</param>
    /// <param name="slack">Relative slack for rounding, ≥ 0.</param>
    public bool Contains(double x, double y, double slack = 1e-12)
    {
        var sx = slack * Math.Max(1, XMax - XMin);
        var sy = slack * Math.Max(1, YMax - YMin);
        return x >= XMin - sx && x <= XMax + sx && y >= YMin - sy && y <= YMax + sy;
    }

    private static (double Min, double Max) MinMax(Vector<double> v) => (v.Minimum(), v.Maximum());
}

/// <summary>
/// Two-dimensional data coloured by class, and linear decision boundaries w₁x₁ + w₂x₂ + b = 0 clipped to the data's box.
/// Classes are the distinct labels in increasing order: class k gets <c>ChartStyle.Color(k)</c> and its own marker
/// symbol (so the chart still reads in grey), and <c>classNames[k]</c> names it.
/// </summary>
public static class ScatterCharts
{
    private static readonly string[] Symbols = ["circle", "diamond", "square", "triangle-up", "cross", "x", "star", "hexagon"];

    /// <summary>The points of <paramref name="X"/> coloured by label, as a finished figure.</summary>
    /// <param name="X">An n × 2 matrix: one point per row.</param>
    /// <param name="labels">n class labels (any integers, e.g. 0/1 or −1/+1).</param>
    /// <param name="classNames">Legend names of the classes in increasing label order; null gives "class &lt;label&gt;".</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="equalAspect">Draw one unit equally long on both axes (for geometry: angles, distances, margins).</param>
    public static Figure LabelledScatter(Matrix<double> X, IReadOnlyList<int> labels, string[]? classNames = null, string? title = null,
        string xTitle = "x₁", string yTitle = "x₂", bool equalAspect = false)
    {
        var chart = ClassTraces(X, labels, classNames);
        return Finish(chart, Box2D.Around(X), title, xTitle, yTitle, equalAspect);
    }

    /// <summary>
    /// One marker trace per class (unstyled, for combining with other traces, e.g. in animation frames).
    /// </summary>
    /// <param name="X">An n × 2 matrix: one point per row.</param>
    /// <param name="labels">n class labels.</param>
    /// <param name="classNames">Legend names in increasing label order; null gives "class &lt;label&gt;".</param>
    public static GenericChart ClassTraces(Matrix<double> X, IReadOnlyList<int> labels, string[]? classNames = null)
    {
        ValidatePoints(X);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != X.RowCount)
            throw new ArgumentException($"X has {X.RowCount} rows but there are {labels.Count} labels; give one label per row.", nameof(labels));
        var classes = labels.Distinct().Order().ToArray();
        if (classNames is not null && classNames.Length != classes.Length)
            throw new ArgumentException($"There are {classes.Length} distinct labels ({string.Join(", ", classes)}) but {classNames.Length} class names; give one name per label, in increasing label order.", nameof(classNames));
        var traces = new List<GenericChart>(classes.Length);
        for (var k = 0; k < classes.Length; k++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < labels.Count; i++)
            {
                if (labels[i] != classes[k]) continue;
                xs.Add(X[i, 0]);
                ys.Add(X[i, 1]);
            }
            var name = classNames?[k] ?? "class " + classes[k].ToString(CultureInfo.InvariantCulture);
            traces.Add(Traces.Markers(xs, ys, name, ChartStyle.Color(k), size: 9, symbol: Symbols[k % Symbols.Length]));
        }
        return CSChart.Combine(traces);
    }

    /// <summary>
    /// The points coloured by label and the line w₁x₁ + w₂x₂ + b = 0 clipped to the data's box (vertical when w₂ = 0).
    /// With <paramref name="shade"/>, the half-plane w·x + b ≥ 0, where a linear classifier predicts the largest label,
    /// is tinted in that class's colour and the other half in the smallest label's colour.
    /// </summary>
    /// <param name="X">An n × 2 matrix: one point per row.</param>
    /// <param name="labels">n class labels.</param>
    /// <param name="w1">Weight of x₁.</param>
    /// <param name="w2">Weight of x₂.</param>
    /// <param name="b">Bias.</param>
    /// <param name="classNames">Legend names in increasing label order; null gives "class &lt;label&gt;".</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="lineName">Legend name of the boundary.</param>
    /// <param name="shade">Tint the two half-planes.</param>
    /// <param name="equalAspect">Draw one unit equally long on both axes (for geometry: angles, distances, margins).</param>
    public static Figure DecisionBoundary(Matrix<double> X, IReadOnlyList<int> labels, double w1, double w2, double b, string[]? classNames = null,
        string? title = null, string xTitle = "x₁", string yTitle = "x₂", string lineName = "w·x + b = 0", bool shade = true, bool equalAspect = false)
    {
        var points = ClassTraces(X, labels, classNames);
        var box = Box2D.Around(X);
        var traces = new List<GenericChart>();
        if (shade)
        {
            var classCount = labels.Distinct().Count();
            traces.Add(HalfPlane(w1, w2, b, box, positive: true, ChartStyle.Color(Math.Max(classCount - 1, 0))));
            traces.Add(HalfPlane(-w1, -w2, -b, box, positive: false, ChartStyle.Color(0)));
        }
        traces.Add(points);
        traces.Add(BoundaryTrace(w1, w2, b, box, lineName));
        return Finish(CSChart.Combine(traces), box, title, xTitle, yTitle, equalAspect);
    }

    /// <summary>
    /// Several boundaries wᵢ₁x₁ + wᵢ₂x₂ + bᵢ = 0 over the labelled points (e.g. a perceptron's and a maximum-margin
    /// line), each clipped to the data's box, in palette colours after the classes' and with distinct dash styles.
    /// </summary>
    /// <param name="X">An n × 2 matrix: one point per row.</param>
    /// <param name="labels">n class labels.</param>
    /// <param name="boundaries">Legend name and (w₁, w₂, b) of each line.</param>
    /// <param name="classNames">Legend names in increasing label order; null gives "class &lt;label&gt;".</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="equalAspect">Draw one unit equally long on both axes (for geometry: angles, distances, margins).</param>
    public static Figure WithLines(Matrix<double> X, IReadOnlyList<int> labels, IEnumerable<(string Name, double W1, double W2, double B)> boundaries,
        string[]? classNames = null, string? title = null, string xTitle = "x₁", string yTitle = "x₂", bool equalAspect = false)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        var points = ClassTraces(X, labels, classNames);
        var box = Box2D.Around(X);
        var classCount = labels.Distinct().Count();
        string[] dashes = ["solid", "dash", "dot", "dashdot"];
        var traces = new List<GenericChart> { points };
        var k = 0;
        foreach (var (name, w1, w2, b) in boundaries)
        {
            traces.Add(BoundaryTrace(w1, w2, b, box, name, k == 0 ? "#000000" : ChartStyle.Color(classCount + k - 1), dashes[k % dashes.Length]));
            k++;
        }
        if (k == 0) throw new ArgumentException("Give at least one boundary (name, w1, w2, b).", nameof(boundaries));
        return Finish(CSChart.Combine(traces), box, title, xTitle, yTitle, equalAspect);
    }

    /// <summary>
    /// An animation of a linear classifier's boundary over the labelled points, one frame per (w₁, w₂, b) — e.g. a
    /// perceptron's weights after each update. Each frame redraws the boundary line and the tinted half-planes
    /// (as in <see cref="DecisionBoundary"/>); a frame with w₁ = w₂ = 0 (no boundary yet) shows neither.
    /// </summary>
    /// <param name="X">An n × 2 matrix: one point per row.</param>
    /// <param name="labels">n class labels.</param>
    /// <param name="steps">The frames in playing order: slider label and finite (w₁, w₂, b) (at least one).</param>
    /// <param name="classNames">Legend names in increasing label order; null gives "class &lt;label&gt;".</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="frameDurationMs">How long each frame shows while playing, in milliseconds.</param>
    /// <param name="equalAspect">Draw one unit equally long on both axes (for geometry: angles, distances, margins).</param>
    public static Figure DecisionBoundaryAnimation(Matrix<double> X, IReadOnlyList<int> labels, IEnumerable<(string Label, double W1, double W2, double B)> steps,
        string[]? classNames = null, string? title = null, string xTitle = "x₁", string yTitle = "x₂", int frameDurationMs = 400, bool equalAspect = false)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToArray();
        if (list.Length == 0) throw new ArgumentException("Give at least one step (label, w1, w2, b) to animate.", nameof(steps));
        for (var k = 0; k < list.Length; k++)
        {
            if (!double.IsFinite(list[k].W1) || !double.IsFinite(list[k].W2) || !double.IsFinite(list[k].B))
                throw new ArgumentException($"Step {k} ('{list[k].Label}') has a non-finite weight or bias; did training diverge?", nameof(steps));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(frameDurationMs, 1);
        var points = ClassTraces(X, labels, classNames);
        var box = Box2D.Around(X);
        var positiveColor = ChartStyle.Color(Math.Max(labels.Distinct().Count() - 1, 0));
        GenericChart[] Moving((string Label, double W1, double W2, double B) s) =>
        [
            HalfPlane(s.W1, s.W2, s.B, box, positive: true, positiveColor),
            HalfPlane(-s.W1, -s.W2, -s.B, box, positive: false, ChartStyle.Color(0)),
            s.W1 == 0 && s.W2 == 0 ? Traces.Line([], [], "w·x + b = 0", "#000000", width: 3) : BoundaryTrace(s.W1, s.W2, s.B, box),
        ];
        var first = Moving(list[0]);
        var classCount = GenericChart.getTraces(points).Length;
        var chart = CSChart.Combine([first[0], first[1], points, first[2]]);
        int[] moving = [0, 1, 2 + classCount];
        var frames = list.Select((s, k) => new AnimationFrame($"frame {k}", CSChart.Combine(Moving(s)), moving, Label: s.Label ?? $"{k}"));
        return new Figure(Finish(chart, box, title, xTitle, yTitle, equalAspect), frames, new AnimationSettings(FrameDurationMs: frameDurationMs));
    }

    /// <summary>
    /// A line trace of w₁x₁ + w₂x₂ + b = 0 clipped to <paramref name="box"/>; a trace with no points when the line misses
    /// the box, so that animation frames keep the same traces.
    /// </summary>
    /// <param name="w1">Weight of x₁.</param>
    /// <param name="w2">Weight of x₂.</param>
    /// <param name="b">Bias.</param>
    /// <param name="box">The visible rectangle.</param>
    /// <param name="name">Legend name.</param>
    /// <param name="color">A CSS colour.</param>
    /// <param name="dash">plotly.js dash style.</param>
    /// <param name="width">Line width in pixels.</param>
    public static GenericChart BoundaryTrace(double w1, double w2, double b, Box2D box, string name = "w·x + b = 0", string color = "#000000", string dash = "solid",
        double width = 3)
    {
        var segment = BoundarySegment(w1, w2, b, box);
        double[] xs = segment is { } s ? [s.Start.X, s.End.X] : [];
        double[] ys = segment is { } t ? [t.Start.Y, t.End.Y] : [];
        return Traces.Line(xs, ys, name, color, width, dash);
    }

    /// <summary>
    /// The part of the line w₁x₁ + w₂x₂ + b = 0 inside <paramref name="box"/>: its two end points on the box's edges,
    /// or null when the line misses the box (or only touches a corner). Where w₂ ≠ 0 an end on a vertical edge x = c has
    /// y = −(w₁c + b)/w₂; where w₁ ≠ 0 an end on a horizontal edge y = c has x = −(w₂c + b)/w₁.
    /// </summary>
    /// <param name="w1">Weight of x₁ (finite).</param>
    /// <param name="w2">Weight of x₂ (finite; w₁ and w₂ not both 0).</param>
    /// <param name="b">Bias (finite).</param>
    /// <param name="box">The rectangle (XMin &lt; XMax, YMin &lt; YMax).</param>
    public static ((double X, double Y) Start, (double X, double Y) End)? BoundarySegment(double w1, double w2, double b, Box2D box)
    {
        ValidateLine(w1, w2, b);
        ValidateBox(box);
        var candidates = new List<(double X, double Y)>(4);
        if (w2 != 0)
        {
            foreach (var x in new[] { box.XMin, box.XMax })
            {
                var y = -(w1 * x + b) / w2;
                if (box.Contains(x, y)) candidates.Add((x, y));
            }
        }
        if (w1 != 0)
        {
            foreach (var y in new[] { box.YMin, box.YMax })
            {
                var x = -(w2 * y + b) / w1;
                if (box.Contains(x, y)) candidates.Add((x, y));
            }
        }
        // A line through a corner meets two edges there: keep the two candidates farthest apart.
        (double X, double Y) p = default, q = default;
        var best = -1.0;
        for (var i = 0; i < candidates.Count; i++)
        {
            for (var j = i + 1; j < candidates.Count; j++)
            {
                var d = Math.Pow(candidates[i].X - candidates[j].X, 2) + Math.Pow(candidates[i].Y - candidates[j].Y, 2);
                if (d > best)
                {
                    best = d;
                    (p, q) = (candidates[i], candidates[j]);
                }
            }
        }
        var scale = Math.Max(box.XMax - box.XMin, box.YMax - box.YMin);
        return best > Math.Pow(1e-12 * scale, 2) ? (p, q) : null;
    }

    /// <summary>
    /// The polygon {x in box : w·x + b ≥ 0} (Sutherland–Hodgman clip of the box by one half-plane) as a tinted, legend-less trace.
    /// </summary>
    private static GenericChart HalfPlane(double w1, double w2, double b, Box2D box, bool positive, string color)
    {
        (double X, double Y)[] corners = [(box.XMin, box.YMin), (box.XMax, box.YMin), (box.XMax, box.YMax), (box.XMin, box.YMax)];
        var polygon = new List<(double X, double Y)>();
        double Side((double X, double Y) p) => w1 * p.X + w2 * p.Y + b;
        // w = 0 has no boundary (e.g. a perceptron before its first update): leave the plane untinted.
        for (var i = 0; i < corners.Length && (w1 != 0 || w2 != 0); i++)
        {
            var a = corners[i];
            var c = corners[(i + 1) % corners.Length];
            double sa = Side(a), sc = Side(c);
            if (sa >= 0) polygon.Add(a);
            if ((sa >= 0) != (sc >= 0))
            {
                var t = sa / (sa - sc);
                polygon.Add((a.X + t * (c.X - a.X), a.Y + t * (c.Y - a.Y)));
            }
        }
        return ChartStyle.ToChart(new TraceSpec
        {
            X = polygon.Select(p => p.X).ToArray(), Y = polygon.Select(p => p.Y).ToArray(), Name = positive ? "w·x + b ≥ 0" : "w·x + b < 0",
            ShowLegend = false, Mode = Mode.Lines, FillColor = Tint(color, 0.10), Line = new LineStyle(Width: 0), NoHover = true,
        });
    }

    /// <summary>
    /// The course look, titles, and axes showing exactly <paramref name="box"/>, so lines clipped to the box reach the
    /// frame. With <paramref name="equalAspect"/> one unit is as long on both axes, so right angles (a weight vector
    /// against its boundary, a margin) look right; plotly.js then shrinks the plotting area to the box's shape
    /// (<c>constrain: "domain"</c>) instead of widening one axis beyond the box, where clipped lines would stop short.
    /// </summary>
    internal static GenericChart Finish(GenericChart chart, Box2D box, string? title, string xTitle, string yTitle, bool equalAspect,
        int width = 640, int height = 560)
    {
        var styled = ChartStyle.Apply(chart, title, xTitle, yTitle, width, height);
        var xaxis = new AxisStyle(Range: [box.XMin, box.XMax], ZeroLine: false, ConstrainToDomain: equalAspect ? true : null);
        var yaxis = new AxisStyle(Range: [box.YMin, box.YMax], ZeroLine: false, ScaleAnchor: equalAspect ? "x" : null, ConstrainToDomain: equalAspect ? true : null);
        return ChartStyle.WithLayout(styled, new LayoutSpec(XAxis: xaxis, YAxis: yaxis));
    }

    private static string Tint(string hex, double alpha)
    {
        var r = Convert.ToInt32(hex.Substring(1, 2), 16);
        var g = Convert.ToInt32(hex.Substring(3, 2), 16);
        var b = Convert.ToInt32(hex.Substring(5, 2), 16);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{alpha})");
    }

    internal static void ValidatePoints(Matrix<double> X, string paramName = "X")
    {
        ArgumentNullException.ThrowIfNull(X, paramName);
        if (X.ColumnCount != 2)
            throw new ArgumentException($"{paramName} has {X.ColumnCount} columns; a 2-D scatter needs exactly 2 (select two features first).", paramName);
        if (X.RowCount == 0) throw new ArgumentException($"{paramName} has no rows; there is nothing to draw.", paramName);
        for (var i = 0; i < X.RowCount; i++)
        {
            if (!double.IsFinite(X[i, 0]) || !double.IsFinite(X[i, 1]))
                throw new ArgumentException($"Row {i} of {paramName} is ({X[i, 0].ToString(CultureInfo.InvariantCulture)}, {X[i, 1].ToString(CultureInfo.InvariantCulture)}); every point must be finite.", paramName);
        }
    }

    private static void ValidateLine(double w1, double w2, double b)
    {
        if (!double.IsFinite(w1)) throw new ArgumentException($"w1 = {w1.ToString(CultureInfo.InvariantCulture)} must be finite.", nameof(w1));
        if (!double.IsFinite(w2)) throw new ArgumentException($"w2 = {w2.ToString(CultureInfo.InvariantCulture)} must be finite.", nameof(w2));
        if (!double.IsFinite(b)) throw new ArgumentException($"b = {b.ToString(CultureInfo.InvariantCulture)} must be finite.", nameof(b));
        if (w1 == 0 && w2 == 0)
            throw new ArgumentException("w1 = w2 = 0 describes no line (b = 0 is everything, b ≠ 0 nothing); a boundary needs a non-zero weight vector.", nameof(w2));
    }

    private static void ValidateBox(Box2D box)
    {
        if (!(double.IsFinite(box.XMin) && double.IsFinite(box.XMax) && double.IsFinite(box.YMin) && double.IsFinite(box.YMax)
              && box.XMin < box.XMax && box.YMin < box.YMax))
            throw new ArgumentException($"The box {box} must be finite with XMin < XMax and YMin < YMax.", nameof(box));
    }
}
