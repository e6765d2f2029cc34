using System.Globalization;
using ClassicML.Logistic;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;

namespace ClassicML.Charts;

/// <summary>
/// Charts of lesson 01 (logistic regression): the sigmoid, the training animation, the loss surface with the
/// gradient-descent path, per-sample losses, probability maps and the weight growth on separable data.
/// </summary>
/// <remarks>
/// Traces and layouts are described with the course's typed building blocks (<see cref="TraceSpec"/>,
/// <see cref="LayoutSpec"/>, <see cref="AxisStyle"/>, …) and turned into plotly.js objects only by <see cref="ChartStyle"/>.
/// </remarks>
public static class LogisticCharts
{
    /// <summary>Colour of class 0 (negative / benign): the course palette's first class colour.</summary>
    public static string Class0Color => ChartStyle.ClassColors[0];

    /// <summary>Colour of class 1 (positive / malignant): the course palette's second class colour.</summary>
    public static string Class1Color => ChartStyle.ClassColors[1];

    private const string Ink = ChartStyle.TextColor;
    private const string Grid = ChartStyle.GridColor;

    // Class-0 blue (P = 0) → white (0.5) → class-1 vermillion (P = 1): the colour says which class the model leans to,
    // and how strongly, in the same hues as the points.
    private static readonly (double At, string Color)[] ProbabilityScale =
    [
        (0.0, "#0072B2"), (0.25, "#8CBFDD"), (0.5, "#F7F7F7"), (0.75, "#EDB387"), (1.0, "#D55E00"),
    ];

    private static readonly LegendStyle TopLegend = new(Orientation: "h", X: 0.0, Y: 1.02, YAnchor: "bottom", BorderWidth: 0, Background: "rgba(255,255,255,0)");

    /// <summary>
    /// σ(z) = 1/(1 + e^(−z)) and its derivative σ′(z) = σ(z)(1 − σ(z)) on one chart, for z in [zMin, zMax].
    /// </summary>
    /// <param name="zMin">Left end of the z axis.</param>
    /// <param name="zMax">Right end of the z axis (&gt; zMin).</param>
    /// <param name="points">Number of sample points (≥ 2).</param>
    public static Figure SigmoidWithDerivative(double zMin = -8, double zMax = 8, int points = 321)
    {
        CheckRange(zMin, zMax, nameof(zMax));
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "Use at least 2 points.");
        var z = NumericGrid.Linspace(zMin, zMax, points);
        var traces = new[]
        {
            Line(z, z.Select(Sigmoid.Value).ToArray(), "σ(z)", Class1Color, 3),
            Line(z, z.Select(Sigmoid.Derivative).ToArray(), "σ′(z) = σ(z)(1 − σ(z))", Class0Color, 3, dash: Dash.Dash),
            new TraceSpec
            {
                X = [0.0, 0.0], Y = [0.5, 0.25], Mode = Mode.Markers | Mode.Text,
                Text = ["σ(0) = 0.5", "σ′(0) = 0.25"], TextPosition = "middle right",
                Marker = new MarkerStyle(Ink, 8), ShowLegend = false, NoHover = true,
            },
        };
        var layout = BaseLayout("The sigmoid squashes any logit into (0, 1); its slope peaks at z = 0", 420) with
        {
            XAxis = Axis("z = x·W + b", zeroline: true),
            YAxis = Axis("value", range: [-0.02, 1.05]),
        };
        return Build(traces, layout);
    }

    /// <summary>
    /// Per-sample cross-entropy −ln ŷ (label 1) and −ln(1 − ŷ) (label 0) against ŷ, next to the squared errors
    /// (1 − ŷ)² and ŷ²: cross-entropy grows without bound as a prediction becomes confidently wrong, squared error
    /// never exceeds 1.
    /// </summary>
    /// <param name="points">Number of ŷ values in (0, 1) (≥ 2).</param>
    /// <param name="maxLoss">Top of the loss axis.</param>
    public static Figure PerSampleLoss(int points = 400, double maxLoss = 5.0)
    {
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "Use at least 2 points.");
        if (!(maxLoss > 0) || double.IsInfinity(maxLoss)) throw new ArgumentOutOfRangeException(nameof(maxLoss), maxLoss, "maxLoss must be a finite number > 0.");
        var p = NumericGrid.Linspace(1e-3, 1 - 1e-3, points);
        var traces = new[]
        {
            Line(p, p.Select(v => BinaryCrossEntropy.FromProbability(v, 1)).ToArray(), "y = 1: −ln ŷ", Class1Color, 3),
            Line(p, p.Select(v => BinaryCrossEntropy.FromProbability(v, 0)).ToArray(), "y = 0: −ln(1 − ŷ)", Class0Color, 3),
            Line(p, p.Select(v => (1 - v) * (1 - v)).ToArray(), "y = 1: (1 − ŷ)²", Class1Color, 2, dash: Dash.Dot),
            Line(p, p.Select(v => v * v).ToArray(), "y = 0: ŷ²", Class0Color, 2, dash: Dash.Dot),
        };
        var layout = BaseLayout("Per-sample loss: cross-entropy punishes confident mistakes without limit", 420) with
        {
            XAxis = Axis("predicted probability ŷ = P(y = 1 | x)", range: [0, 1]),
            YAxis = Axis("loss of one sample", range: [0, maxLoss]),
        };
        return Build(traces, layout);
    }

    /// <summary>
    /// The training animation: both classes, the probability field σ(x·W + b) and the decision boundary
    /// x·W + b = 0 at every recorded epoch of <paramref name="model"/>'s history, with the loss curve below,
    /// all driven by one slider and play/pause. Requires two features.
    /// </summary>
    /// <param name="x">Training features (m × 2).</param>
    /// <param name="y">Labels in {0, 1}.</param>
    /// <param name="model">A model fitted on (x, y) whose history holds the frames.</param>
    /// <param name="gridSize">Probability-field resolution per axis (10–200); the field is stored as whole percentages.</param>
    /// <param name="frameDurationMs">How long each frame shows while playing.</param>
    public static Figure TrainingAnimation(Matrix<double> x, Vector<double> y, LogisticRegressionModel model, int gridSize = 36, int frameDurationMs = 120)
    {
        CheckTwoFeatureData(x, y, model);
        if (gridSize is < 10 or > 200) throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, "Pick a grid size between 10 and 200.");
        if (model.History.Count == 0) throw new ArgumentException("The model has no training history; fit it with LogisticRegression.Fit to animate it.", nameof(model));

        var (x1Range, x2Range) = Box(x, 1.0);
        var g1 = NumericGrid.Linspace(x1Range[0], x1Range[1], gridSize).Select(v => Math.Round(v, 4)).ToArray();
        var g2 = NumericGrid.Linspace(x2Range[0], x2Range[1], gridSize).Select(v => Math.Round(v, 4)).ToArray();
        var history = model.History;
        var epochs = history.Select(s => (double)s.Epoch).ToArray();
        var losses = history.Select(s => Math.Round(s.Loss, 6)).ToArray();

        // Frames carry only what changes (plotly.js merges frame data into the traces), and the field as whole
        // percentages: the 61-frame default animation stays a few hundred kilobytes.
        TraceSpec FieldValues(TrainingSnapshot s) => new(TraceKind.Contour) { ZWhole = PercentGrid(g1, g2, s.Weights[0], s.Weights[1], s.Bias) };
        var field = new TraceSpec(TraceKind.Contour)
        {
            X = g1, Y = g2, ZWhole = PercentGrid(g1, g2, history[0].Weights[0], history[0].Weights[1], history[0].Bias),
            ZMin = 0.0, ZMax = 100.0, ColorScale = ProbabilityScale, Opacity = 0.85,
            Contours = new ContourLevels(Start: 10.0, End: 90.0, Size: 10.0, ShowLines: true),
            Line = new LineStyle("rgba(0,0,0,0.15)", 0.5),
            ColorBar = new ColorBarStyle("P(y=1 | x) %", Length: 0.62, Y: 1.0, YAnchor: "top", Thickness: 14),
            HoverTemplate = "x₁ = %{x:.2f}<br>x₂ = %{y:.2f}<br>P(y=1) = %{z}%<extra></extra>", Name = "P(y=1)",
        };
        TraceSpec Boundary(TrainingSnapshot s)
        {
            // No line while W = 0 (epoch 0); otherwise the part inside the plotted box.
            var seg = new DecisionLine(s.Weights[0], s.Weights[1], s.Bias).IsDegenerate ? null
                : ScatterCharts.BoundarySegment(s.Weights[0], s.Weights[1], s.Bias, new Box2D(x1Range[0], x1Range[1], x2Range[0], x2Range[1]));
            var (lx, ly) = seg is { } v ? (new[] { v.Start.X, v.End.X }, new[] { v.Start.Y, v.End.Y }) : (Array.Empty<double>(), Array.Empty<double>());
            return new TraceSpec { X = lx, Y = ly };
        }

        TraceSpec LossSoFar(int k) => new() { X = epochs[..(k + 1)], Y = losses[..(k + 1)] };
        TraceSpec LossNow(int k) => new() { X = [epochs[k]], Y = [losses[k]] };

        var boundary = Boundary(history[0]) with { Mode = Mode.Lines, Name = "boundary x·W + b = 0", Line = new LineStyle(Ink, 3) };
        var lossSoFar = LossSoFar(0) with { Mode = Mode.Lines, Line = new LineStyle(Class1Color, 3), Name = "loss so far", XAxis = "x2", YAxis = "y2", ShowLegend = false };
        var lossNow = LossNow(0) with
        {
            Mode = Mode.Markers, Marker = new MarkerStyle(Class1Color, 10, Outline: new LineStyle("white", 2)),
            Name = "current epoch", XAxis = "x2", YAxis = "y2", ShowLegend = false, HoverTemplate = "epoch %{x}<br>J = %{y:.4f}<extra></extra>",
        };

        var traces = new List<TraceSpec>
        {
            field,
            boundary,
            Points(x, y, 0.0, "class 0", Class0Color),
            Points(x, y, 1.0, "class 1", Class1Color),
            new()
            {
                X = epochs, Y = losses, Mode = Mode.Lines, Line = new LineStyle("#bbbbbb", 1.5, Dash.Dot),
                Name = "loss (whole run)", XAxis = "x2", YAxis = "y2", ShowLegend = false, NoHover = true,
            },
            lossSoFar,
            lossNow,
        };

        var lossMax = losses.Where(double.IsFinite).DefaultIfEmpty(1.0).Max();
        var layout = BaseLayout(FrameTitle(history[0]), 780) with
        {
            Margin = new MarginStyle(60, 30, 90, 55),
            XAxis = Axis("feature x₁", range: x1Range, anchor: "y"),
            YAxis = Axis("feature x₂", range: x2Range, domain: [0.36, 1.0], anchor: "x"),
            XAxis2 = Axis("epoch", range: [0, Math.Max(1, epochs[^1])], anchor: "y2"),
            YAxis2 = Axis("loss J", range: [0, lossMax * 1.05], domain: [0.0, 0.24], anchor: "x2"),
            Legend = TopLegend,
        };

        var frames = new List<AnimationFrame>(history.Count);
        for (var k = 0; k < history.Count; k++)
        {
            var s = history[k];
            var frameChart = GenericChart.ofTraceObjects(false, new[] { FieldValues(s), Boundary(s), LossSoFar(k), LossNow(k) }.Select(ChartStyle.ToTrace).ToArray());
            frames.Add(new AnimationFrame($"epoch {s.Epoch}", frameChart, [0, 1, 5, 6], FrameTitle(s), s.Epoch.ToString(CultureInfo.InvariantCulture)));
        }

        return new Figure(Build(traces, layout), frames, new AnimationSettings(FrameDurationMs: frameDurationMs, SliderPrefix: "epoch "));
    }

    /// <summary>
    /// Contours of the cross-entropy J(w₁, w₂, b) over a (w₁, w₂) grid with the gradient-descent path of
    /// <paramref name="model"/>'s history drawn on it. The bias is held at <paramref name="fixedBias"/>, or, when that
    /// is null, profiled out: each grid point shows min over b of J(w₁, w₂, b), found by Newton's method on b.
    /// </summary>
    /// <param name="x">Training features (m × 2).</param>
    /// <param name="y">Labels in {0, 1} (both classes present when the bias is profiled).</param>
    /// <param name="model">A fitted two-feature model; its history is the path.</param>
    /// <param name="fixedBias">The bias for every grid point, or null to profile it out.</param>
    /// <param name="gridSize">Resolution per axis (10–200).</param>
    /// <param name="w1Range">The w₁ range [lo, hi]; null fits the path with a margin.</param>
    /// <param name="w2Range">The w₂ range [lo, hi]; null fits the path with a margin.</param>
    public static Figure LossSurface(Matrix<double> x, Vector<double> y, LogisticRegressionModel model, double? fixedBias = null,
        int gridSize = 60, double[]? w1Range = null, double[]? w2Range = null)
    {
        CheckTwoFeatureData(x, y, model);
        if (gridSize is < 10 or > 200) throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, "Pick a grid size between 10 and 200.");
        if (fixedBias is { } fb && !double.IsFinite(fb)) throw new ArgumentException("The fixed bias must be finite (or null to profile it out).", nameof(fixedBias));
        if (fixedBias is null && (!y.Contains(0.0) || !y.Contains(1.0)))
            throw new ArgumentException("Profiling the bias needs both classes in y (with one class the best b is ±∞); pass a fixedBias instead.", nameof(y));

        var path = model.History.Count > 0 ? model.History : [new TrainingSnapshot(0, model.Weights, model.Bias, double.NaN, double.NaN)];
        var pw1 = path.Select(s => s.Weights[0]).ToArray();
        var pw2 = path.Select(s => s.Weights[1]).ToArray();
        w1Range ??= PaddedRange(pw1);
        w2Range ??= PaddedRange(pw2);
        CheckRange(w1Range, nameof(w1Range));
        CheckRange(w2Range, nameof(w2Range));
        var a = NumericGrid.Linspace(w1Range[0], w1Range[1], gridSize);
        var c = NumericGrid.Linspace(w2Range[0], w2Range[1], gridSize);

        var columns = x.ToColumnMajorArray();
        var labels = y.ToArray();
        int m = x.RowCount;
        var z = new double[m];
        var surface = new double[gridSize][];
        var bias = fixedBias ?? 0.0;
        for (var r = 0; r < gridSize; r++)
        {
            surface[r] = new double[gridSize];
            for (var q = 0; q < gridSize; q++)
            {
                // z = w₁x₁ + w₂x₂ (no bias yet); the bias is added inside the loss.
                for (var i = 0; i < m; i++) z[i] = a[q] * columns[i] + c[r] * columns[m + i];
                if (fixedBias is null) bias = ProfileBias(z, labels, bias);
                surface[r][q] = Math.Round(MeanLoss(z, labels, bias), 5);
            }
        }

        var lossRange = surface.SelectMany(row => row).ToArray();
        var traces = new List<TraceSpec>
        {
            new(TraceKind.Contour)
            {
                X = a, Y = c, Z = surface, ColorScaleName = "Viridis", ReverseScale = true, ContourCount = 30,
                Contours = new ContourLevels(Coloring: ContourColoring.Heatmap, ShowLines: true), Line = new LineStyle("rgba(255,255,255,0.5)", 0.5),
                ColorBar = new ColorBarStyle(fixedBias is null ? "min_b J" : "J", Thickness: 14),
                ZMin = lossRange.Min(), ZMax = Math.Min(lossRange.Max(), lossRange.Min() + 4 * (Quantile(lossRange, 0.5) - lossRange.Min()) + 1e-9),
                HoverTemplate = "w₁ = %{x:.3f}<br>w₂ = %{y:.3f}<br>J = %{z:.4f}<extra></extra>", Name = "loss",
            },
            new()
            {
                X = pw1, Y = pw2, Mode = Mode.Lines | Mode.Markers, Name = "gradient-descent path",
                Line = new LineStyle("white", 2), Marker = new MarkerStyle("white", 5, Outline: new LineStyle(Ink, 1)),
                Text = path.Select(s => $"epoch {s.Epoch}").ToArray(),
                HoverTemplate = "%{text}<br>w₁ = %{x:.3f}<br>w₂ = %{y:.3f}<extra></extra>",
            },
            new()
            {
                X = [pw1[0], pw1[^1]], Y = [pw2[0], pw2[^1]], Mode = Mode.Markers | Mode.Text,
                Text = ["start", $"epoch {path[^1].Epoch}"], TextPosition = "top center", TextFont = new FontStyle("white", 13),
                Marker = new MarkerStyle(Size: 12, Outline: new LineStyle(Ink, 1), Colors: ["white", Class1Color], Symbols: ["circle-open", "star"]),
                ShowLegend = false, NoHover = true,
            },
        };
        var title = fixedBias is null
            ? "Cross-entropy over (w₁, w₂) with the bias profiled out, and the path gradient descent took"
            : $"Cross-entropy over (w₁, w₂) at b = {fixedBias.Value:G4}, and the path gradient descent took";
        var layout = BaseLayout(title, 560) with
        {
            XAxis = Axis("w₁", range: w1Range),
            YAxis = Axis("w₂", range: w2Range),
            Legend = new LegendStyle(X: 0.01, Y: 0.99, Background: "rgba(255,255,255,0.7)"),
        };
        return Build(traces, layout);
    }

    /// <summary>
    /// A probability map for any two-feature classifier: the field P(y = 1 | x₁, x₂) from <paramref name="probability"/>,
    /// its 0.5 contour (the decision boundary, whatever its shape) and the labelled points.
    /// </summary>
    /// <param name="x">Points to show (m × 2).</param>
    /// <param name="y">Their labels in {0, 1}.</param>
    /// <param name="probability">(x₁, x₂) ↦ P(y = 1); called once per grid node.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="gridSize">Resolution per axis (10–300).</param>
    public static Figure ProbabilityMap(Matrix<double> x, Vector<double> y, Func<double, double, double> probability, string title, int gridSize = 80)
    {
        ArgumentNullException.ThrowIfNull(probability);
        CheckPoints(x, y);
        if (gridSize is < 10 or > 300) throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, "Pick a grid size between 10 and 300.");
        var (r1, r2) = Box(x, 0.5);
        var g1 = NumericGrid.Linspace(r1[0], r1[1], gridSize);
        var g2 = NumericGrid.Linspace(r2[0], r2[1], gridSize);
        var field = new double[gridSize][];
        for (var r = 0; r < gridSize; r++)
        {
            field[r] = new double[gridSize];
            for (var q = 0; q < gridSize; q++) field[r][q] = Math.Round(probability(g1[q], g2[r]), 4);
        }

        var traces = new[]
        {
            new TraceSpec(TraceKind.Heatmap)
            {
                X = g1, Y = g2, Z = field, ZMin = 0.0, ZMax = 1.0, ColorScale = ProbabilityScale, Smooth = true,
                ColorBar = new ColorBarStyle("P(y=1 | x)", Thickness: 14), Name = "P(y=1)",
                HoverTemplate = "x₁ = %{x:.2f}<br>x₂ = %{y:.2f}<br>P(y=1) = %{z:.3f}<extra></extra>",
            },
            new TraceSpec(TraceKind.Contour)
            {
                X = g1, Y = g2, Z = field, ShowScale = false, Name = "boundary P = 0.5", ShowLegend = true,
                Contours = new ContourLevels(Start: 0.5, End: 0.5, Size: 1.0, Coloring: ContourColoring.None), Line = new LineStyle(Ink, 3), NoHover = true,
            },
            Points(x, y, 0.0, "class 0", Class0Color),
            Points(x, y, 1.0, "class 1", Class1Color),
        };
        var layout = BaseLayout(title, 520) with { XAxis = Axis("x₁", range: r1), YAxis = Axis("x₂", range: r2), Legend = TopLegend };
        return Build(traces, layout);
    }

    /// <summary>
    /// What gradient descent does on separable data: ‖W‖ against the epoch (left, log x-axis: it grows like ln t)
    /// and the loss J (right, log–log: it falls like 1/t), from <paramref name="model"/>'s history (epoch 0 omitted).
    /// </summary>
    /// <param name="model">A fitted model with at least two recorded epochs after epoch 0.</param>
    public static Figure WeightGrowth(LogisticRegressionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var h = model.History.Where(s => s.Epoch > 0).ToArray();
        if (h.Length < 2) throw new ArgumentException("The history needs at least two epochs after epoch 0; fit with more epochs or a smaller recordEvery.", nameof(model));
        var t = h.Select(s => (double)s.Epoch).ToArray();
        var traces = new[]
        {
            Line(t, h.Select(s => Math.Sqrt(s.Weights.DotProduct(s.Weights) + s.Bias * s.Bias)).ToArray(), "‖(W, b)‖", Class0Color, 3),
            new TraceSpec
            {
                X = t, Y = h.Select(s => s.Loss).ToArray(), Mode = Mode.Lines, Name = "loss J",
                Line = new LineStyle(Class1Color, 3), XAxis = "x2", YAxis = "y2",
            },
        };
        var layout = BaseLayout("Separable data: the parameters grow without bound while the loss creeps towards 0", 420) with
        {
            XAxis = Axis("epoch (log scale)", scale: AxisScale.Log, domain: [0.0, 0.44], anchor: "y"),
            YAxis = Axis("‖(W, b)‖", anchor: "x"),
            XAxis2 = Axis("epoch (log scale)", scale: AxisScale.Log, domain: [0.56, 1.0], anchor: "y2"),
            YAxis2 = Axis("loss J (log scale)", scale: AxisScale.Log, anchor: "x2"),
            Legend = TopLegend,
        };
        return Build(traces, layout);
    }

    // ---- data helpers --------------------------------------------------------------------------------------

    /// <summary>100·σ(w₁x₁ + w₂x₂ + b) on the grid, as whole percentages (finer than the colour scale can show).</summary>
    private static int[][] PercentGrid(double[] g1, double[] g2, double w1, double w2, double b)
    {
        var z = new int[g2.Length][];
        for (var r = 0; r < g2.Length; r++)
        {
            z[r] = new int[g1.Length];
            for (var q = 0; q < g1.Length; q++) z[r][q] = (int)Math.Round(100.0 * Sigmoid.Value(w1 * g1[q] + w2 * g2[r] + b));
        }

        return z;
    }

    /// <summary>Mean cross-entropy for logits z + b, the stable softplus form.</summary>
    private static double MeanLoss(double[] z, double[] y, double b)
    {
        var s = 0.0;
        for (var i = 0; i < z.Length; i++) s += BinaryCrossEntropy.FromLogit(z[i] + b, y[i]);
        return s / z.Length;
    }

    /// <summary>argmin_b J: solves (1/m)Σ(σ(zᵢ + b) − yᵢ) = 0 by Newton's method with bounded steps (J is convex in b).</summary>
    private static double ProfileBias(double[] z, double[] y, double start)
    {
        var b = start;
        for (var it = 0; it < 60; it++)
        {
            double g = 0, h = 0;
            for (var i = 0; i < z.Length; i++)
            {
                var p = Sigmoid.Value(z[i] + b);
                g += p - y[i];
                h += p * (1.0 - p);   // σ′ to plotting accuracy; one exponential per sample
            }

            g /= z.Length;
            h /= z.Length;
            if (Math.Abs(g) < 1e-10) break;
            // Where σ′ is tiny the Newton step explodes; a bounded step still moves the right way.
            b -= Math.Clamp(g / Math.Max(h, 1e-12), -4.0, 4.0);
        }

        return b;
    }

    private static double Quantile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[(int)Math.Clamp(Math.Round(q * (sorted.Length - 1)), 0, sorted.Length - 1)];
    }

    private static double[] PaddedRange(double[] values)
    {
        double lo = values.Min(), hi = values.Max();
        var pad = 0.35 * Math.Max(hi - lo, 1.0);
        return [lo - pad, hi + pad];
    }

    private static (double[] X1, double[] X2) Box(Matrix<double> x, double pad)
    {
        var c0 = x.Column(0);
        var c1 = x.Column(1);
        return ([c0.Minimum() - pad, c0.Maximum() + pad], [c1.Minimum() - pad, c1.Maximum() + pad]);
    }

    private static void CheckRange(double lo, double hi, string paramName)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || !(hi > lo))
            throw new ArgumentException($"The range [{lo}, {hi}] must be finite with the upper end above the lower.", paramName);
    }

    private static void CheckRange(double[] range, string paramName)
    {
        if (range.Length != 2) throw new ArgumentException("A range is two numbers [lo, hi].", paramName);
        CheckRange(range[0], range[1], paramName);
    }

    private static void CheckPoints(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.ColumnCount != 2) throw new ArgumentException($"These charts draw two features; x has {x.ColumnCount} columns.", nameof(x));
        if (x.RowCount == 0) throw new ArgumentException("x has no rows; pass at least one point.", nameof(x));
        if (y.Count != x.RowCount) throw new ArgumentException($"There are {y.Count} labels for {x.RowCount} points; pass one label per row.", nameof(y));
        if (x.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("x contains NaN or ∞; pass finite features.", nameof(x));
        if (y.Any(v => v != 0.0 && v != 1.0)) throw new ArgumentException("Labels must be 0 or 1.", nameof(y));
    }

    private static void CheckTwoFeatureData(Matrix<double> x, Vector<double> y, LogisticRegressionModel model)
    {
        CheckPoints(x, y);
        ArgumentNullException.ThrowIfNull(model);
        if (model.FeatureCount != 2) throw new ArgumentException($"The model has {model.FeatureCount} features; these charts need 2.", nameof(model));
    }

    // ---- building blocks --------------------------------------------------------------------------------------

    private static TraceSpec Line(double[] x, double[] y, string name, string color, double width, Dash? dash = null) =>
        new() { X = x, Y = y, Mode = Mode.Lines, Name = name, Line = new LineStyle(color, width, dash) };

    private static TraceSpec Points(Matrix<double> x, Vector<double> y, double label, string name, string color)
    {
        var idx = Enumerable.Range(0, y.Count).Where(i => y[i] == label).ToArray();
        return new TraceSpec
        {
            X = idx.Select(i => x[i, 0]).ToArray(), Y = idx.Select(i => x[i, 1]).ToArray(), Mode = Mode.Markers, Name = name,
            Marker = new MarkerStyle(color, 7, 0.9, new LineStyle("white", 0.8)),
            HoverTemplate = name + "<br>x₁ = %{x:.2f}<br>x₂ = %{y:.2f}<extra></extra>",
        };
    }

    private static LayoutSpec BaseLayout(string title, int height) =>
        new(new TitleStyle(title, 0.02, "left", 16), FontSize: 13, Height: height, Margin: new MarginStyle(60, 30, 70, 55));

    private static AxisStyle Axis(string title, double[]? range = null, double[]? domain = null, string? anchor = null,
        AxisScale? scale = null, bool zeroline = false) =>
        new(title, range, domain, anchor, scale, ShowGrid: true, GridColor: Grid, ZeroLine: zeroline, ZeroLineColor: ChartStyle.AxisColor,
            LineColor: ChartStyle.AxisColor, ShowLine: true, OutsideTicks: true, Mirror: true, AutoMargin: true);

    private static string FrameTitle(TrainingSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"Epoch {s.Epoch}: J = {s.Loss:F4}, W = ({s.Weights[0]:F2}, {s.Weights[1]:F2}), b = {s.Bias + 0.0:F2}");

    // The course template (white, light grid, palette, font) underneath this chart's own layout.
    private static GenericChart Build(IEnumerable<TraceSpec> traces, LayoutSpec layout) =>
        Chart.withTemplate(ChartStyle.CreateTemplate()).Invoke(GenericChart.setLayout(ChartStyle.ToLayout(layout),
            GenericChart.ofTraceObjects(false, traces.Select(ChartStyle.ToTrace).ToArray())));
}
