using System.Globalization;
using ClassicML.Linear;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ClassicML.Charts;

/// <summary>
/// A two-weight least-squares problem (no intercept) to draw as a loss landscape, with its exact minimiser and an
/// optional descent path. The chart fits nothing itself: both fits are given.
/// </summary>
/// <param name="Title">Panel title.</param>
/// <param name="X">Design matrix with exactly two columns (w₁, w₂ are its coefficients).</param>
/// <param name="Y">Targets, one per row.</param>
/// <param name="Minimum">The least-squares fit on (X, Y) without intercept, e.g. <c>new LinearRegression(fitIntercept: false).Fit(X, Y)</c>: the star and the contour levels.</param>
/// <param name="Path">A gradient-descent run on the same problem (fitted without intercept), drawn over the contours.</param>
public sealed record LossLandscape(string Title, Matrix<double> X, Vector<double> Y, LinearRegressionModel Minimum, GradientDescentFit? Path = null);

/// <summary>Charts of lesson 03 (linear regression by the normal equation).</summary>
public static class LinearCharts
{
    // Okabe–Ito colours of the course style: samples blue, fitted line and minimum vermillion, descent path orange.
    private static readonly string PointColor = ChartStyle.Color(0);
    private static readonly string LineColor = ChartStyle.Color(1);
    private static readonly string PathColor = ChartStyle.Color(3);
    // The neutral grey of reference lines (ŷ = y, e = 0, ε·cond(X)).
    private const string ReferenceGrey = "#7f7f7f";

    /// <summary>The samples (xᵢ, yᵢ) and the fitted line <c>ŷ = w₀ + w₁x</c> across their x range.</summary>
    /// <param name="x">The feature.</param>
    /// <param name="y">The target.</param>
    /// <param name="intercept">w₀.</param>
    /// <param name="slope">w₁.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static Figure DataAndLine(Vector<double> x, Vector<double> y, double intercept, double slope,
        string title = "Data and the least-squares line", string xTitle = "x", string yTitle = "y")
    {
        CheckPair(x, y);
        var lo = x.Minimum();
        var hi = x.Maximum();
        var pad = 0.05 * Math.Max(hi - lo, 1e-12);
        double[] lineX = [lo - pad, hi + pad];
        var lineY = lineX.Select(v => intercept + slope * v).ToArray();
        var points = ChartStyle.ToChart(new TraceSpec { X = x.ToArray(), Y = y.ToArray(), Mode = Mode.Markers, Name = "samples", Marker = new MarkerStyle(PointColor) });
        var line = ChartStyle.ToChart(new TraceSpec { X = lineX, Y = lineY, Mode = Mode.Lines, Line = new LineStyle(LineColor, 3), Name = $"ŷ = {F(intercept)} + {F(slope)}·x" });
        return Styled(CSChart.Combine([points, line]), title, xTitle, yTitle, height: 460);
    }

    /// <summary>
    /// The one-feature loss <c>MSE(w₀, w₁) = (1/n)Σ(w₀ + w₁xᵢ − yᵢ)²</c> as a 3-D surface, with the gradient-descent
    /// path lying on it when given.
    /// </summary>
    /// <param name="x">The feature.</param>
    /// <param name="y">The target.</param>
    /// <param name="w0Range">Intercept range of the grid.</param>
    /// <param name="w1Range">Slope range of the grid.</param>
    /// <param name="path">A one-feature gradient-descent run (with intercept) to draw on the surface.</param>
    /// <param name="resolution">Grid points per axis (10 to 200).</param>
    public static Figure LossSurface(Vector<double> x, Vector<double> y, (double Min, double Max) w0Range, (double Min, double Max) w1Range,
        GradientDescentFit? path = null, int resolution = 60)
    {
        var (w0, w1, z) = Grid(x, y, w0Range, w1Range, resolution);
        var charts = new List<GenericChart>
        {
            ChartStyle.ToChart(new TraceSpec(TraceKind.Surface) { X = w0, Y = w1, Z = z, Name = "MSE", Opacity = 0.9, ColorScaleName = ChartStyle.Colorscale, ShowScale = false }),
        };
        if (path is not null)
        {
            var (p0, p1, loss) = PathOf(path, 2);
            charts.Add(ChartStyle.ToChart(new TraceSpec(TraceKind.Scatter3D)
            {
                X = p0, Y = p1, ZCoordinates = loss, Mode = Mode.Lines | Mode.Markers, Name = $"gradient descent ({path.Iterations} steps)",
                Line = new LineStyle(PathColor, 5), Marker = new MarkerStyle(PathColor, 3),
            }));
        }
        var chart = ChartStyle.Apply3D(CSChart.Combine(charts), "MSE(w₀, w₁): a convex bowl", "w₀ (intercept)", "w₁ (slope)", "MSE", width: 720, height: 560);
        // A flatter box than the default cube shows the bowl's long valley better.
        chart = ChartStyle.WithLayout(chart, new LayoutSpec(
            Scene: new SceneStyle(AspectMode: SceneAspect.Manual, AspectRatio: new Point3(1.2, 1.0, 0.7)),
            Legend: new LegendStyle(Orientation: "h", Y: 0.0)));
        return new Figure(chart);
    }

    /// <summary>
    /// Contours of the one-feature <c>MSE(w₀, w₁)</c> with the gradient-descent path and the closed-form minimum;
    /// with <paramref name="animate"/> the path grows frame by frame.
    /// </summary>
    /// <param name="x">The feature.</param>
    /// <param name="y">The target.</param>
    /// <param name="w0Range">Intercept range of the grid.</param>
    /// <param name="w1Range">Slope range of the grid.</param>
    /// <param name="minimum">The closed-form line on (x, y) (<c>new SimpleLinearRegression().Fit(x, y)</c>), drawn as the minimum; the chart fits nothing itself.</param>
    /// <param name="path">A one-feature gradient-descent run (with intercept).</param>
    /// <param name="resolution">Grid points per axis (10 to 200).</param>
    /// <param name="animate">Add one frame per recorded iterate (at most 60 frames, evenly thinned).</param>
    /// <param name="title">Chart title; null for "Contours of MSE(w₀, w₁) and the descent path".</param>
    public static Figure LossContour(Vector<double> x, Vector<double> y, (double Min, double Max) w0Range, (double Min, double Max) w1Range,
        SimpleLinearModel minimum, GradientDescentFit? path = null, int resolution = 80, bool animate = false, string? title = null)
    {
        var (w0, w1, z) = Grid(x, y, w0Range, w1Range, resolution);
        var best = minimum ?? throw new ArgumentNullException(nameof(minimum));
        var contour = ContourTrace(z, w0, w1, showScale: true);
        var star = Star(best.Intercept, best.Slope, "minimum (closed form)", showLegend: true);
        var charts = new List<GenericChart> { contour, star };
        var frames = new List<AnimationFrame>();
        if (path is not null)
        {
            var (p0, p1, _) = PathOf(path, 2);
            charts.Add(PathTrace(p0, p1, $"gradient descent ({path.Iterations} steps)"));
            if (animate)
            {
                var count = Math.Min(60, p0.Length);
                for (var f = 1; f <= count; f++)
                {
                    var upto = (int)Math.Round((double)f * p0.Length / count);
                    var step = path.History[upto - 1].Iteration;
                    frames.Add(new AnimationFrame($"f{f}", PathTrace(p0[..upto], p1[..upto], "gradient descent"),
                        TraceIndices: [2], Label: step.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
        // The legend sits inside the plot: below it are the animation's play button and slider.
        var styled = ChartStyle.Apply(CSChart.Combine(charts), title ?? "Contours of MSE(w₀, w₁) and the descent path", "w₀ (intercept)", "w₁ (slope)", width: 720, height: 540);
        var figure = new Figure(ChartStyle.WithLayout(styled,
            new LayoutSpec(Legend: new LegendStyle(X: 0.99, XAnchor: "right", Y: 0.99, YAnchor: "top"))));
        return frames.Count > 0
            ? figure.WithFrames(frames, new AnimationSettings(FrameDurationMs: 120, Redraw: false, SliderPrefix: "step "))
            : figure;
    }

    /// <summary>Predicted against actual targets, with the diagonal ŷ = y on which a perfect fit would lie.</summary>
    /// <param name="actual">True targets y.</param>
    /// <param name="predicted">Model predictions ŷ.</param>
    /// <param name="title">Chart title.</param>
    public static Figure PredictedVsActual(Vector<double> actual, Vector<double> predicted, string title = "Predicted vs actual")
    {
        CheckPair(actual, predicted);
        var lo = Math.Min(actual.Minimum(), predicted.Minimum());
        var hi = Math.Max(actual.Maximum(), predicted.Maximum());
        var points = ChartStyle.ToChart(new TraceSpec
        {
            X = actual.ToArray(), Y = predicted.ToArray(), Mode = Mode.Markers, Name = "samples", Marker = new MarkerStyle(PointColor),
            Text = actual.Select((a, i) => $"row {i + 1}: y = {F(a)}, ŷ = {F(predicted[i])}").ToArray(),
        });
        var diagonal = ChartStyle.ToChart(new TraceSpec { X = [lo, hi], Y = [lo, hi], Mode = Mode.Lines, Name = "ŷ = y", Line = new LineStyle(ReferenceGrey, Dash: Dash.Dash) });
        return Styled(CSChart.Combine([diagonal, points]), title, "actual y", "predicted ŷ", height: 460);
    }

    /// <summary>
    /// The residual plot: residuals <c>eᵢ = yᵢ − ŷᵢ</c> against the fitted values <c>ŷᵢ</c>, with the line e = 0. When the
    /// model is right and the noise has one common variance the points form a structureless band around 0; a curve means
    /// a missing term, a funnel means the variance grows with ŷ, a lone far point is an outlier.
    /// </summary>
    /// <param name="fitted">The fitted values ŷᵢ.</param>
    /// <param name="residuals">The residuals eᵢ = yᵢ − ŷᵢ, one per fitted value.</param>
    /// <param name="title">Chart title.</param>
    public static Figure ResidualsVersusFitted(Vector<double> fitted, Vector<double> residuals, string title = "Residuals vs fitted values")
    {
        CheckPair(fitted, residuals);
        var lo = fitted.Minimum();
        var hi = fitted.Maximum();
        var points = ChartStyle.ToChart(new TraceSpec
        {
            X = fitted.ToArray(), Y = residuals.ToArray(), Mode = Mode.Markers, Name = "samples", Marker = new MarkerStyle(PointColor),
            Text = fitted.Select((f, i) => $"row {i + 1}: ŷ = {F(f)}, e = {F(residuals[i])}").ToArray(),
        });
        var zero = ChartStyle.ToChart(new TraceSpec { X = [lo, hi], Y = [0.0, 0.0], Mode = Mode.Lines, Name = "e = 0", Line = new LineStyle(ReferenceGrey, Dash: Dash.Dash) });
        return Styled(CSChart.Combine([zero, points]), title, "fitted ŷ", "residual e = y − ŷ", height: 400);
    }

    /// <summary>
    /// Side-by-side contours of <c>MSE(w₁, w₂)</c> for two two-feature problems, each titled with cond(XᵀX):
    /// round contours where the features are independent, long thin valleys where they are nearly collinear.
    /// </summary>
    /// <param name="left">Usually the well-conditioned problem.</param>
    /// <param name="right">Usually the ill-conditioned problem.</param>
    /// <param name="resolution">Grid points per axis (10 to 200).</param>
    public static Figure ConditioningComparison(LossLandscape left, LossLandscape right, int resolution = 80)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var panels = new[] { Panel(left, resolution, nameof(left), 1), Panel(right, resolution, nameof(right), 2) };
        var chart = CSChart.Grid(panels.Select(p => p.Chart), 1, 2, SubPlotTitles: panels.Select(p => p.Title).ToArray());
        chart = ChartStyle.Apply(chart, "Same loss, different conditioning", width: 720, height: 430);
        // Equal scales on both axes, so round contours look round and a valley looks as long as it is.
        return new Figure(ChartStyle.WithLayout(chart, new LayoutSpec(
            XAxis: new AxisStyle("w₁", ScaleAnchor: "y", ConstrainToDomain: true), YAxis: new AxisStyle("w₂"),
            XAxis2: new AxisStyle("w₁", ScaleAnchor: "y2", ConstrainToDomain: true), YAxis2: new AxisStyle("w₂"),
            Legend: new LegendStyle(Orientation: "h", Y: -0.2), Margin: new MarginStyle(Top: 90))));
    }

    /// <summary>
    /// Relative error of each solver against the condition number of X, both on log axes; reference slopes
    /// ε·cond(X) and ε·cond(X)² show which power of the condition number each solver pays.
    /// </summary>
    /// <param name="conditionNumbers">cond(X) of each test problem, ascending.</param>
    /// <param name="series">One named error series per solver, aligned with <paramref name="conditionNumbers"/>; zeros are drawn at ε/10.</param>
    /// <param name="title">Chart title.</param>
    public static Figure ErrorVersusCondition(IReadOnlyList<double> conditionNumbers, IReadOnlyList<(string Name, IReadOnlyList<double> Errors)> series,
        string title = "Relative error against cond(X)")
    {
        ArgumentNullException.ThrowIfNull(conditionNumbers);
        ArgumentNullException.ThrowIfNull(series);
        if (conditionNumbers.Count == 0 || conditionNumbers.Any(c => !(c >= 1 && double.IsFinite(c))))
            throw new ArgumentException("Give at least one finite condition number, each ≥ 1.", nameof(conditionNumbers));
        const double eps = LinearAlgebraFacts.MachineEpsilon;
        var charts = new List<GenericChart>();
        string[] colors = [ChartStyle.Color(1), ChartStyle.Color(4), ChartStyle.Color(2), ChartStyle.Color(0), ChartStyle.Color(3), ChartStyle.Color(5)];
        for (var k = 0; k < series.Count; k++)
        {
            var (name, errors) = series[k];
            if (errors is null || errors.Count != conditionNumbers.Count)
                throw new ArgumentException($"Series '{name}' has {errors?.Count ?? 0} errors for {conditionNumbers.Count} condition numbers.", nameof(series));
            var color = colors[k % colors.Length];
            charts.Add(ChartStyle.ToChart(new TraceSpec
            {
                X = conditionNumbers.ToArray(), Y = errors.Select(e => Math.Max(e, eps / 10)).ToArray(), Mode = Mode.Lines | Mode.Markers, Name = name,
                Line = new LineStyle(color), Marker = new MarkerStyle(color),
            }));
        }
        charts.Add(ChartStyle.ToChart(new TraceSpec
        {
            X = conditionNumbers.ToArray(), Y = conditionNumbers.Select(c => eps * c).ToArray(), Mode = Mode.Lines, Name = "ε·cond(X)",
            Line = new LineStyle(ReferenceGrey, Dash: Dash.Dot),
        }));
        charts.Add(ChartStyle.ToChart(new TraceSpec
        {
            X = conditionNumbers.ToArray(), Y = conditionNumbers.Select(c => eps * c * c).ToArray(), Mode = Mode.Lines, Name = "ε·cond(X)²",
            Line = new LineStyle(ReferenceGrey, Dash: Dash.Dash),
        }));
        var chart = ChartStyle.Apply(CSChart.Combine(charts), title, "cond(X)", "relative error ‖ŵ − w‖ / ‖w‖", width: 720, height: 500);
        // One tick per decade on x and every second decade on y: log axes otherwise crowd in 2s and 5s.
        chart = ChartStyle.WithLayout(chart, new LayoutSpec(
            XAxis: new AxisStyle(Scale: AxisScale.Log, PowerExponents: true, TickStep: 1),
            YAxis: new AxisStyle(Scale: AxisScale.Log, PowerExponents: true, TickStep: 2),
            Legend: new LegendStyle(Orientation: "h", Y: -0.22)));
        return new Figure(chart);
    }

    private static (GenericChart Chart, string Title) Panel(LossLandscape landscape, int resolution, string paramName, int index)
    {
        ArgumentNullException.ThrowIfNull(landscape.X, paramName);
        ArgumentNullException.ThrowIfNull(landscape.Y, paramName);
        if (landscape.X.ColumnCount != 2)
            throw new ArgumentException($"The {paramName} problem has {landscape.X.ColumnCount} columns: a loss landscape needs exactly two (w₁, w₂, no intercept).", paramName);
        CheckResolution(resolution);
        var model = landscape.Minimum ?? throw new ArgumentNullException(paramName, "Give the least-squares fit of the problem as Minimum.");
        if (model.HasIntercept || model.FeatureCount != 2)
            throw new ArgumentException($"The {paramName} problem's Minimum must be a two-feature fit without intercept (new LinearRegression(fitIntercept: false).Fit(X, Y)).", paramName);
        var wStar = model.Coefficients;
        var gram = landscape.X.TransposeThisAndMultiply(landscape.X) / landscape.X.RowCount;
        var mseStar = model.Diagnostics.Mse;

        // The plotted window: the path's bounding box and the minimum, padded; ±1 around the minimum without a path.
        double aMin = wStar[0] - 1, aMax = wStar[0] + 1, bMin = wStar[1] - 1, bMax = wStar[1] + 1;
        double[]? p0 = null, p1 = null;
        if (landscape.Path is { } path)
        {
            (p0, p1, _) = PathOf(path, 2);
            aMin = Math.Min(p0.Min(), wStar[0]); aMax = Math.Max(p0.Max(), wStar[0]);
            bMin = Math.Min(p1.Min(), wStar[1]); bMax = Math.Max(p1.Max(), wStar[1]);
            var half = 0.6 * Math.Max(Math.Max(aMax - aMin, bMax - bMin), 1e-6);
            var (ca, cb) = ((aMin + aMax) / 2, (bMin + bMax) / 2);
            (aMin, aMax, bMin, bMax) = (ca - half, ca + half, cb - half, cb + half);
        }
        var a = NumericGrid.Linspace(aMin, aMax, resolution);
        var b = NumericGrid.Linspace(bMin, bMax, resolution);
        // MSE(w) = MSE(w*) + δᵀ(XᵀX/n)δ with δ = w − w*: exact for a quadratic, and free of cancellation.
        var z = b.Select(bv => a.Select(av =>
        {
            var d0 = av - wStar[0];
            var d1 = bv - wStar[1];
            return mseStar + gram[0, 0] * d0 * d0 + 2 * gram[0, 1] * d0 * d1 + gram[1, 1] * d1 * d1;
        }).ToArray()).ToArray();
        var traces = new List<GenericChart>
        {
            ContourTrace(z, a, b, showScale: false),
        };
        if (p0 is not null && p1 is not null)
        {
            traces.Add(index == 1 ? PathTrace(p0, p1, "gradient descent") : ChartStyle.ToChart(new TraceSpec
            {
                X = p0, Y = p1, Mode = Mode.Lines | Mode.Markers, ShowLegend = false, Line = new LineStyle(PathColor), Marker = new MarkerStyle(PathColor),
            }));
        }
        traces.Add(Star(wStar[0], wStar[1], "minimum", showLegend: index == 1));
        // Two lines (<br>) so that each title fits above its half of the figure.
        var title = $"{landscape.Title}<br>cond(XᵀX) = {model.Diagnostics.ConditionNumberGram.ToString("G3", CultureInfo.InvariantCulture)}"
                    + (landscape.Path is { } gd ? $", {gd.Iterations} GD steps" : "");
        return (CSChart.Combine(traces), title);
    }

    private static GenericChart Star(double x, double y, string name, bool showLegend) => ChartStyle.ToChart(new TraceSpec
    {
        X = [x], Y = [y], Mode = Mode.Markers, Name = name, ShowLegend = showLegend,
        Marker = new MarkerStyle(LineColor, 16, Outline: new LineStyle("#FFFFFF", 1), Symbol: "star"),
    });

    private static GenericChart ContourTrace(double[][] z, double[] xs, double[] ys, bool showScale) =>
        // Width-0 lines: the filled levels alone, as Plotly.NET's contour chart drew them.
        ChartStyle.ToChart(new TraceSpec(TraceKind.Contour)
        {
            X = xs, Y = ys, Z = z, Name = "MSE", ShowLegend = false, Line = new LineStyle(Width: 0), ColorScaleName = ChartStyle.Colorscale,
            ShowScale = showScale, ContourCount = 25,
        });

    private static GenericChart PathTrace(double[] p0, double[] p1, string name) =>
        ChartStyle.ToChart(new TraceSpec { X = p0, Y = p1, Mode = Mode.Lines | Mode.Markers, Name = name, Line = new LineStyle(PathColor, 2), Marker = new MarkerStyle(PathColor) });

    private static (double[] W0, double[] W1, double[] Loss) PathOf(GradientDescentFit path, int columns)
    {
        if (path.History.Count == 0 || path.History[0].Coefficients.Count != columns)
            throw new ArgumentException($"The path must come from a fit with exactly {columns} coefficients.", nameof(path));
        return (path.History.Select(s => s.Coefficients[0]).ToArray(),
                path.History.Select(s => s.Coefficients[1]).ToArray(),
                path.History.Select(s => s.Loss).ToArray());
    }

    private static (double[] W0, double[] W1, double[][] Z) Grid(Vector<double> x, Vector<double> y,
        (double Min, double Max) w0Range, (double Min, double Max) w1Range, int resolution)
    {
        CheckPair(x, y);
        CheckRange(w0Range, nameof(w0Range));
        CheckRange(w1Range, nameof(w1Range));
        CheckResolution(resolution);
        var w0 = NumericGrid.Linspace(w0Range.Min, w0Range.Max, resolution);
        var w1 = NumericGrid.Linspace(w1Range.Min, w1Range.Max, resolution);
        return (w0, w1, LeastSquaresLoss.MseGrid(x, y, w0, w1));
    }

    private static void CheckPair(Vector<double> a, Vector<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0)
            throw new ArgumentException($"The two series have {a.Count} and {b.Count} values: give the same non-zero number of each.");
    }

    private static void CheckRange((double Min, double Max) range, string paramName)
    {
        if (!(double.IsFinite(range.Min) && double.IsFinite(range.Max) && range.Min < range.Max))
            throw new ArgumentException($"{paramName} is ({range.Min}, {range.Max}): give finite bounds with Min < Max.", paramName);
    }

    private static void CheckResolution(int resolution)
    {
        if (resolution is < 10 or > 200)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Use 10 to 200 grid points per axis.");
    }

    private static Figure Styled(GenericChart chart, string title, string xTitle, string yTitle, int height)
    {
        var styled = ChartStyle.Apply(chart, title, xTitle, yTitle, width: 720, height: height);
        return new Figure(ChartStyle.WithLayout(styled, new LayoutSpec(Legend: new LegendStyle(Orientation: "h", Y: -0.2))));
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
