using System.Globalization;
using ClassicML.Mixtures;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using CSChart = Plotly.NET.CSharp.Chart;
using Figure = ClassicML.Charts.Figure;

namespace ClassicML.Charts;

/// <summary>
/// Charts for Gaussian mixtures in 2-D: points coloured by responsibility with covariance ellipses, EM as an
/// animation next to its log-likelihood curve, the fitted density, and information criteria against K.
/// </summary>
public static class MixturesCharts
{
    /// <summary>Component colours as RGB: the course palette (<see cref="ChartStyle.Palette"/>), reused cyclically.</summary>
    public static IReadOnlyList<(int R, int G, int B)> Palette { get; } = ChartStyle.Palette
        .Select(h => (Convert.ToInt32(h[1..3], 16), Convert.ToInt32(h[3..5], 16), Convert.ToInt32(h[5..7], 16))).ToArray();

    /// <summary>
    /// Samples coloured by their responsibilities (each point's colour is Σ_k γ_ik · colour_k, so a point
    /// shared between two components shows the blend), with the 1σ and 2σ ellipses and the mean of every
    /// component.
    /// </summary>
    /// <param name="x">N×2 data.</param>
    /// <param name="parameters">A 2-D mixture.</param>
    /// <param name="title">Chart title.</param>
    public static Figure Clusters(Matrix<double> x, MixtureParameters parameters, string? title = null)
    {
        CheckTwoD(x, parameters);
        var traces = ClusterTraces(x, parameters, "x", "y", showLegend: true);
        return Styled(CSChart.Combine(traces), title ?? "Responsibilities and 1σ / 2σ ellipses", "x₁", "x₂", equalAspect: true);
    }

    /// <summary>
    /// EM as an animation: left, the points coloured by γ⁽ᵗ⁾ with the ellipses of θ⁽ᵗ⁾; right, the
    /// log-likelihood ℓ⁽ᵗ⁾ of every iteration with the current one marked. One frame per recorded iteration.
    /// </summary>
    /// <param name="x">The N×2 training data.</param>
    /// <param name="model">A model fitted with history recording on.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="frameDurationMs">Milliseconds per frame while playing.</param>
    /// <param name="maxFrames">At most this many frames (≥ 2): evenly spaced iterations, always including the first and
    /// the last, so long runs stay small in a notebook.</param>
    public static Figure EmAnimation(Matrix<double> x, GaussianMixtureModel model, string? title = null, int frameDurationMs = 600, int maxFrames = 30)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.History.Count == 0)
            throw new ArgumentException("The model has no history; fit it with recordHistory: true.", nameof(model));
        if (maxFrames < 2)
            throw new ArgumentOutOfRangeException(nameof(maxFrames), maxFrames, "Show at least 2 frames (the start and the end).");
        CheckTwoD(x, model.Parameters);
        var all = model.History;
        var history = all.Count <= maxFrames
            ? all
            : Enumerable.Range(0, maxFrames).Select(j => (int)Math.Round(j * (all.Count - 1) / (double)(maxFrames - 1))).Distinct().Select(t => all[t]).ToArray();
        var iterations = history.Select(h => (double)h.Iteration).ToArray();
        var ll = history.Select(h => h.LogLikelihood).ToArray();
        // Fixed axis ranges, so frames do not rescale while playing.
        var (xr, yr) = Ranges(x, history.Select(h => h.Parameters));

        GenericChart Frame(int t)
        {
            var left = CSChart.Combine(ClusterTraces(x, history[t].Parameters, "x", "y", showLegend: false));
            var curve = ChartStyle.ToChart(new TraceSpec
            {
                X = iterations, Y = ll, Name = "ℓ(θ⁽ᵗ⁾)", ShowLegend = false, Mode = Mode.Lines, Line = new LineStyle(ChartStyle.TextColor),
            });
            var now = ChartStyle.ToChart(new TraceSpec
            {
                X = [iterations[t]], Y = [ll[t]], Name = "now", ShowLegend = false, Mode = Mode.Markers, Marker = new MarkerStyle(ChartStyle.Color(1)),
            });
            var right = CSChart.Combine([curve, now]);
            return CSChart.Grid([left, right], 1, 2);
        }

        var chart = ChartStyle.WithLayout(
            ChartStyle.Apply(Frame(0), title ?? "EM, iteration by iteration", "x₁", "x₂", width: 900, height: 480),
            new LayoutSpec(XAxis: new AxisStyle(Range: [xr.Item1, xr.Item2]), YAxis: new AxisStyle(Range: [yr.Item1, yr.Item2]),
                XAxis2: new AxisStyle("iteration t"), YAxis2: new AxisStyle("log-likelihood ℓ"), ShowLegend: false, GridXGap: 0.22));
        var frames = Enumerable.Range(0, history.Count).Select(j =>
            new AnimationFrame($"t{history[j].Iteration}", Frame(j), Label: history[j].Iteration.ToString(CultureInfo.InvariantCulture),
                Title: $"iteration {history[j].Iteration}: ℓ = {ll[j].ToString("F4", CultureInfo.InvariantCulture)}"));
        return new Figure(chart, frames, new AnimationSettings(FrameDurationMs: frameDurationMs, SliderPrefix: "iteration "));
    }

    /// <summary>
    /// The fitted density p(x) = Σ_k π_k 𝒩(x | μ_k, Σ_k) on a grid as filled contours (or a 3-D surface),
    /// with the samples on top (contour view only).
    /// </summary>
    /// <param name="x">N×2 data (sets the plotted window).</param>
    /// <param name="parameters">A 2-D mixture.</param>
    /// <param name="gridSize">Grid points per axis (10–300). Values are rounded to 5 significant digits for plotting.</param>
    /// <param name="surface">Draw a 3-D surface instead of contours.</param>
    /// <param name="title">Chart title.</param>
    public static Figure Density(Matrix<double> x, MixtureParameters parameters, int gridSize = 70, bool surface = false, string? title = null)
    {
        CheckTwoD(x, parameters);
        if (gridSize is < 10 or > 300)
            throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, "Use between 10 and 300 grid points per axis.");
        var (xr, yr) = Ranges(x, [parameters]);
        var gx = Rounded(NumericGrid.Linspace(xr.Item1, xr.Item2, gridSize));
        var gy = Rounded(NumericGrid.Linspace(yr.Item1, yr.Item2, gridSize));
        // Row j of z is y = gy[j] (plotly's convention), so sample point (gx[i], gy[j]) goes to row j·n + i.
        var grid = Matrix<double>.Build.Dense(gridSize * gridSize, 2, (r, c) => c == 0 ? gx[r % gridSize] : gy[r / gridSize]);
        var logDensity = parameters.LogDensity(grid);
        var z = Enumerable.Range(0, gridSize).Select(j => Rounded(Enumerable.Range(0, gridSize).Select(i => Math.Exp(logDensity[j * gridSize + i])))).ToArray();
        if (surface)
        {
            var s = ChartStyle.ToChart(new TraceSpec(TraceKind.Surface) { Z = z, X = gx, Y = gy, Name = "p(x)", ColorScaleName = ChartStyle.Colorscale });
            return ChartStyle.Apply3D(s, title ?? "Fitted mixture density p(x)", "x₁", "x₂", "p(x)");
        }
        // Filled bands without contour lines (line width 0).
        var contour = ChartStyle.ToChart(new TraceSpec(TraceKind.Contour)
        {
            Z = z, X = gx, Y = gy, Name = "p(x)", ColorScaleName = ChartStyle.Colorscale, ShowScale = true, Line = new LineStyle(Width: 0),
        });
        var points = ChartStyle.ToChart(new TraceSpec
        {
            X = Rounded(x.Column(0)), Y = Rounded(x.Column(1)), Name = "samples", Mode = Mode.Markers, Marker = new MarkerStyle("rgba(255,255,255,0.8)"),
        });
        return Styled(CSChart.Combine([contour, points]), title ?? "Fitted mixture density p(x)", "x₁", "x₂", equalAspect: true);
    }

    /// <summary>BIC (and optionally AIC) against the number of components K, with the minimum marked.</summary>
    /// <param name="components">The K values tried.</param>
    /// <param name="bic">BIC = −2ℓ + p ln N for each K.</param>
    /// <param name="aic">AIC = −2ℓ + 2p for each K, or null.</param>
    /// <param name="title">Chart title.</param>
    public static Figure InformationCriteria(IReadOnlyList<int> components, IReadOnlyList<double> bic, IReadOnlyList<double>? aic = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(bic);
        if (components.Count == 0 || bic.Count != components.Count || (aic is not null && aic.Count != components.Count))
            throw new ArgumentException("Pass one BIC (and AIC) value per K, at least one.", nameof(bic));
        var ks = components.Select(k => (double)k).ToArray();
        var traces = new List<GenericChart>
        {
            ChartStyle.ToChart(new TraceSpec { X = ks, Y = bic.ToArray(), Name = "BIC", Mode = Mode.Lines | Mode.Markers, Line = new LineStyle(ChartStyle.Color(0)) }),
        };
        if (aic is not null)
            traces.Add(ChartStyle.ToChart(new TraceSpec
            {
                X = ks, Y = aic.ToArray(), Name = "AIC", Mode = Mode.Lines | Mode.Markers, Line = new LineStyle(ChartStyle.Color(3), Dash: Dash.Dash),
            }));
        int best = Enumerable.Range(0, bic.Count).MinBy(i => bic[i]);
        traces.Add(ChartStyle.ToChart(new TraceSpec
        {
            X = [ks[best]], Y = [bic[best]], Name = $"min BIC: K = {components[best]}", Mode = Mode.Markers,
            Marker = new MarkerStyle(ChartStyle.Color(1), Symbol: "star"),
        }));
        return Styled(CSChart.Combine(traces), title ?? "Choosing K: information criteria (lower is better)", "number of components K", "criterion", equalAspect: false);
    }

    /// <summary>Log-likelihood ℓ⁽ᵗ⁾ against iteration t for one or more EM runs.</summary>
    /// <param name="runs">Named histories (e.g. one per start).</param>
    /// <param name="perSample">Plot ℓ/N instead of ℓ.</param>
    /// <param name="title">Chart title.</param>
    public static Figure LogLikelihoodCurves(IEnumerable<(string Name, IReadOnlyList<EmIteration> History)> runs, bool perSample = false, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var traces = runs.Select((r, i) => ChartStyle.ToChart(new TraceSpec
        {
            X = r.History.Select(h => (double)h.Iteration).ToArray(), Y = r.History.Select(h => perSample ? h.AverageLogLikelihood : h.LogLikelihood).ToArray(),
            Name = r.Name, Mode = Mode.Lines | Mode.Markers, Line = new LineStyle(ChartStyle.Color(i)),
        })).ToArray();
        if (traces.Length == 0)
            throw new ArgumentException("Pass at least one run.", nameof(runs));
        return Styled(CSChart.Combine(traces), title ?? "Log-likelihood per EM iteration", "iteration t", perSample ? "ℓ / N" : "log-likelihood ℓ", equalAspect: false);
    }

    private static List<GenericChart> ClusterTraces(Matrix<double> x, MixtureParameters p, string xAxis, string yAxis, bool showLegend)
    {
        var r = p.Responsibilities(x);
        var colors = new string[x.RowCount];
        for (int i = 0; i < x.RowCount; i++)
        {
            double cr = 0, cg = 0, cb = 0;
            for (int k = 0; k < p.Components; k++)
            {
                var (pr, pg, pb) = Palette[k % Palette.Count];
                cr += r[i, k] * pr; cg += r[i, k] * pg; cb += r[i, k] * pb;
            }
            colors[i] = $"#{(int)Math.Round(cr):x2}{(int)Math.Round(cg):x2}{(int)Math.Round(cb):x2}";
        }
        var traces = new List<GenericChart>
        {
            ChartStyle.ToChart(new TraceSpec
            {
                X = Rounded(x.Column(0)), Y = Rounded(x.Column(1)), Name = "samples (colour = γ)", ShowLegend = showLegend, Mode = Mode.Markers,
                Marker = new MarkerStyle(Colors: colors),
            }),
        };
        for (int k = 0; k < p.Components; k++)
        {
            var colour = ChartStyle.Color(k);
            foreach (var (n, dash) in new[] { (1.0, Dash.Solid), (2.0, Dash.Dash) })
            {
                var (ex, ey) = CovarianceEllipse.ForStandardDeviations(p.Mean(k), p.Covariance(k), n).Points(61);
                traces.Add(ChartStyle.ToChart(new TraceSpec
                {
                    X = Rounded(ex), Y = Rounded(ey), Name = $"k={k} {n:0}σ", ShowLegend = showLegend, Mode = Mode.Lines,
                    Line = new LineStyle(colour, n == 1 ? 2.0 : 1.2, dash),
                }));
            }
            traces.Add(ChartStyle.ToChart(new TraceSpec
            {
                X = [p.Mean(k)[0]], Y = [p.Mean(k)[1]], Name = $"μ{k} (π = {p.Weights[k].ToString("F3", CultureInfo.InvariantCulture)})",
                ShowLegend = showLegend, Mode = Mode.Markers, Marker = new MarkerStyle(colour, Symbol: "x"),
            }));
        }
        return traces;
    }

    // Plotting needs no more than 5 significant digits; full doubles would triple the size of animations.
    private static double[] Rounded(IEnumerable<double> values) =>
        values.Select(v => v == 0 ? 0 : Math.Round(v, Math.Clamp(4 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15))).ToArray();

    /// <summary>
    /// Axis ranges that hold the data and every component's 2σ box, μ_k ± 2√Σ_k,aa (which contains its 2σ ellipse), over
    /// all the given parameters, padded by 15%: fixed for a whole animation so frames do not rescale or clip ellipses.
    /// </summary>
    private static (Tuple<double, double>, Tuple<double, double>) Ranges(Matrix<double> x, IEnumerable<MixtureParameters> ps)
    {
        double x0 = x.Column(0).Min(), x1 = x.Column(0).Max(), y0 = x.Column(1).Min(), y1 = x.Column(1).Max();
        foreach (var p in ps)
            for (int k = 0; k < p.Components; k++)
            {
                var (mu, cov) = (p.Mean(k), p.Covariance(k));
                double sx = 2 * Math.Sqrt(cov[0, 0]), sy = 2 * Math.Sqrt(cov[1, 1]);
                x0 = Math.Min(x0, mu[0] - sx); x1 = Math.Max(x1, mu[0] + sx);
                y0 = Math.Min(y0, mu[1] - sy); y1 = Math.Max(y1, mu[1] + sy);
            }
        double px = 0.15 * Math.Max(x1 - x0, 1e-9), py = 0.15 * Math.Max(y1 - y0, 1e-9);
        return (Tuple.Create(x0 - px, x1 + px), Tuple.Create(y0 - py, y1 + py));
    }

    private static GenericChart Styled(GenericChart chart, string title, string? xTitle, string? yTitle, bool equalAspect)
    {
        var c = ChartStyle.Apply(chart, title, xTitle, yTitle, width: 760, height: 520);
        // One unit on x equals one unit on y, so ellipses keep their true shape.
        return equalAspect ? ChartStyle.WithLayout(c, new LayoutSpec(YAxis: new AxisStyle(ScaleAnchor: "x", ScaleRatio: 1))) : c;
    }

    private static void CheckTwoD(Matrix<double> x, MixtureParameters p)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(p);
        if (x.ColumnCount != 2 || p.Dimension != 2)
            throw new ArgumentException($"These charts draw 2-D mixtures; the data has {x.ColumnCount} columns and the mixture {p.Dimension} dimensions.", nameof(x));
    }
}
