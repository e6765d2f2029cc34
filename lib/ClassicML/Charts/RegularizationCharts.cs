using ClassicML.Regularization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CSChart = Plotly.NET.CSharp.Chart;
using Figure = ClassicML.Charts.Figure;

namespace ClassicML.Charts;

/// <summary>Charts of the regularization lesson: constraint geometry, coefficient paths, over-fitting and validation curves.</summary>
public static class RegularizationCharts
{
    private static string C(int i) => ChartStyle.Color(i);

    // A line through the points (a scatter trace drawn as lines).
    private static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string name, string color, double width, Dash? dash = null) =>
        ChartStyle.ToChart(new TraceSpec { X = x.ToArray(), Y = y.ToArray(), Name = name, Mode = Mode.Lines, Line = new LineStyle(color, width, dash) });

    /// <summary>
    /// The geometry of L1 versus L2 on a two-feature least-squares problem: contours of the loss
    /// f(w) = (1/(2n))‖y_c − X_c w‖², the L1 ball ‖w‖₁ ≤ ‖w_lasso‖₁ (a diamond) and the L2 ball ‖w‖₂ ≤ ‖w_ridge‖₂
    /// (a circle), and the ellipse f(w) = f(w_lasso) (resp. f(w_ridge)) that touches each ball at the penalised solution.
    /// </summary>
    /// <remarks>The chart draws fits it is given; it fits nothing itself (the course's chart rule).</remarks>
    /// <param name="x">n×2 features (the loss f is drawn for them).</param>
    /// <param name="leastSquares">The unpenalised fit on (x, y), e.g. <c>new RidgeRegression(0).Fit(x, y)</c>: the centre of the ellipses.</param>
    /// <param name="lasso">A lasso fit on (x, y): where the loss contour touches the L1 ball.</param>
    /// <param name="ridge">A ridge fit on (x, y): where the loss contour touches the L2 ball.</param>
    /// <param name="title">Chart title.</param>
    public static Figure ConstraintGeometry(Matrix<double> x, ILinearModel leastSquares, ILinearModel lasso, ILinearModel ridge, string title = "Loss contours meet the L1 diamond and the L2 circle")
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != 2) throw new ArgumentException($"The geometry picture needs exactly 2 features; x has {x.ColumnCount}.", nameof(x));
        foreach (var (model, name) in new[] { (leastSquares, nameof(leastSquares)), (lasso, nameof(lasso)), (ridge, nameof(ridge)) })
        {
            ArgumentNullException.ThrowIfNull(model, name);
            if (model.Coefficients.Count != 2) throw new ArgumentException($"{name} has {model.Coefficients.Count} weights; fit it on the same two features.", name);
        }
        var ols = leastSquares.Coefficients;
        var lassoW = lasso.Coefficients;
        var ridgeW = ridge.Coefficients;

        // f(w) = f(w_ols) + ½(w − w_ols)ᵀH(w − w_ols) with H = X_cᵀX_c/n: an exact quadratic, so its level sets are ellipses.
        var n = x.RowCount;
        var xc = x - Matrix<double>.Build.Dense(n, 2, (_, j) => x.Column(j).Average());
        var h = xc.TransposeThisAndMultiply(xc) / n;
        double Excess(Vector<double> w) { var d = w - ols; return 0.5 * d.DotProduct(h * d); }
        var upper = h.Cholesky().Factor.Transpose(); // H = LLᵀ, upper = Lᵀ

        (double[] X, double[] Y) Ellipse(Vector<double> through)
        {
            var radius = Math.Sqrt(2 * Excess(through));
            var xs = new double[181];
            var ys = new double[181];
            for (var k = 0; k <= 180; k++)
            {
                var t = 2 * Math.PI * k / 180;
                var d = upper.Solve(Vector<double>.Build.Dense([Math.Cos(t), Math.Sin(t)])) * radius;
                xs[k] = ols[0] + d[0];
                ys[k] = ols[1] + d[1];
            }
            return (xs, ys);
        }

        var l1 = lassoW.L1Norm();
        var l2 = ridgeW.L2Norm();
        var span = new[] { Math.Abs(ols[0]), Math.Abs(ols[1]), l1, l2 }.Max() * 1.35;
        var grid = Enumerable.Range(0, 101).Select(i => -span + 2 * span * i / 100.0).ToArray();
        var z = grid.Select(b => grid.Select(a => Excess(Vector<double>.Build.Dense([a, b]))).ToArray()).ToArray();

        var circle = Enumerable.Range(0, 181).Select(k => 2 * Math.PI * k / 180).ToArray();
        var (ex1, ey1) = Ellipse(lassoW);
        var (ex2, ey2) = Ellipse(ridgeW);
        var charts = new List<GenericChart>
        {
            // A light heat map of the loss; its contour lines have width 0 (hidden), as this chart has always drawn them.
            ChartStyle.ToChart(new TraceSpec(TraceKind.Contour)
            {
                Z = z, X = grid, Y = grid, Name = "loss f(w)", ShowScale = false, ColorScale = [(0.0, "#F2F6FB"), (1.0, "#9DB9D6")],
                Contours = new ContourLevels(Coloring: ContourColoring.Heatmap), Line = new LineStyle("#7F9CBF", 0), ContourCount = 18, Opacity = 0.9,
            }),
            ChartStyle.ToChart(new TraceSpec
            {
                X = [l1, 0, -l1, 0, l1], Y = [0, l1, 0, -l1, 0], Name = $"L1 ball ‖w‖₁ ≤ {l1:0.###}", Mode = Mode.Lines,
                Line = new LineStyle(C(1), 2.5), FillColor = "rgba(213,94,0,0.12)",
            }),
            ChartStyle.ToChart(new TraceSpec
            {
                X = circle.Select(t => Math.Cos(t) * l2).ToArray(), Y = circle.Select(t => Math.Sin(t) * l2).ToArray(), Name = $"L2 ball ‖w‖₂ ≤ {l2:0.###}",
                Mode = Mode.Lines, Line = new LineStyle(C(0), 2.5), FillColor = "rgba(0,114,178,0.10)",
            }),
            Line(ex1, ey1, "loss contour touching the diamond", C(1), 1.5, Dash.Dash),
            Line(ex2, ey2, "loss contour touching the circle", C(0), 1.5, Dash.Dash),
            Marker(ols[0], ols[1], "least squares (no penalty)", "#000000", "x"),
            Marker(lassoW[0], lassoW[1], $"lasso ({lassoW[0]:0.###}, {lassoW[1]:0.###})", ChartStyle.Color(1), "diamond"),
            Marker(ridgeW[0], ridgeW[1], $"ridge ({ridgeW[0]:0.###}, {ridgeW[1]:0.###})", ChartStyle.Color(0), "circle"),
        };
        var chart = Style(CSChart.Combine(charts), title, "w₁", "w₂", width: 680, height: 760);
        // Equal scales on both axes (a circle must look round); "domain" shrinks the plot area instead of widening a range.
        chart = ChartStyle.WithLayout(chart, new LayoutSpec(
            YAxis: new AxisStyle(Range: [-span, span], ScaleAnchor: "x", ScaleRatio: 1, ConstrainToDomain: true),
            XAxis: new AxisStyle(Range: [-span, span], ConstrainToDomain: true)));
        return new Figure(chart);
    }

    /// <summary>Every weight against α on a log axis: one line per feature, from a <see cref="CoefficientPath"/>.</summary>
    /// <param name="path">The path (from <see cref="RegularizationPath"/>).</param>
    /// <param name="featureNames">Legend names; "w1", "w2", … when null.</param>
    /// <param name="title">Chart title.</param>
    public static Figure CoefficientPaths(CoefficientPath path, IReadOnlyList<string>? featureNames = null, string title = "Coefficient paths")
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.Coefficients.ColumnCount;
        if (featureNames is not null && featureNames.Count != p)
            throw new ArgumentException($"Give one name per feature ({p}); got {featureNames.Count}.", nameof(featureNames));
        var alphas = path.Alphas.ToArray();
        if (alphas.Any(a => a <= 0)) throw new ArgumentException("A log axis needs every α > 0; drop α = 0 from the grid.", nameof(path));
        var charts = Enumerable.Range(0, p).Select(j =>
            Line(alphas, path.Coefficients.Column(j).ToArray(), featureNames?[j] ?? $"w{j + 1}", C(j), 2.2)).ToList();
        var chart = Style(CSChart.Combine(charts), title, "α (log scale)", "weight", logX: true);
        return new Figure(chart);
    }

    /// <summary>
    /// Polynomial fits of one input: the training points, optionally the true curve, and the curve
    /// x ↦ Σ_k w_k x^k + b of every model over the data's x range.
    /// </summary>
    /// <param name="data">The training points.</param>
    /// <param name="degree">The polynomial degree the models were fitted with (their number of weights).</param>
    /// <param name="fits">Label and fitted model of each curve.</param>
    /// <param name="truth">The noise-free curve, drawn dotted; null to omit.</param>
    /// <param name="title">Chart title.</param>
    public static Figure PolynomialFits(Dataset1D data, int degree, IReadOnlyList<(string Label, ILinearModel Model)> fits, Func<double, double>? truth = null, string title = "Degree-9 polynomial fits")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fits);
        var lo = data.X.Minimum();
        var hi = data.X.Maximum();
        var grid = Enumerable.Range(0, 301).Select(i => lo + (hi - lo) * i / 300.0).ToArray();
        var design = PolynomialFeatures.Expand(grid, degree);
        var charts = new List<GenericChart>();
        if (truth is not null)
            charts.Add(Line(grid, grid.Select(truth), "true curve", "#8C8C8C", 2, Dash.Dot));
        for (var i = 0; i < fits.Count; i++)
        {
            if (fits[i].Model.Coefficients.Count != degree)
                throw new ArgumentException($"Model '{fits[i].Label}' has {fits[i].Model.Coefficients.Count} weights, not {degree}; fit it on PolynomialFeatures.Expand(x, {degree}).", nameof(fits));
            charts.Add(Line(grid, fits[i].Model.Predict(design).ToArray(), fits[i].Label, C(i), 2.2));
        }
        charts.Add(ChartStyle.ToChart(new TraceSpec
        {
            X = data.X.ToArray(), Y = data.Y.ToArray(), Name = "training points", Mode = Mode.Markers, Marker = OutlinedMarker(9, "#262626", "circle"),
        }));
        var ySpan = data.Y.Maximum() - data.Y.Minimum();
        var chart = Style(CSChart.Combine(charts), title, "x", "y");
        chart = ChartStyle.WithLayout(chart, new LayoutSpec(YAxis: new AxisStyle(Range: [data.Y.Minimum() - 0.6 * ySpan, data.Y.Maximum() + 0.6 * ySpan])));
        return new Figure(chart);
    }

    /// <summary>
    /// Training and validation error against α from cross-validation (log–log), with a ±1 standard-error band on the
    /// validation curve and the chosen α marked.
    /// </summary>
    /// <param name="cv">The cross-validation result.</param>
    /// <param name="title">Chart title.</param>
    public static Figure ValidationCurve(CrossValidationResult cv, string title = "Training vs validation error")
    {
        ArgumentNullException.ThrowIfNull(cv);
        var order = Enumerable.Range(0, cv.Alphas.Count).Where(i => cv.Alphas[i] > 0).OrderBy(i => cv.Alphas[i]).ToArray();
        if (order.Length == 0) throw new ArgumentException("A log axis needs α > 0.", nameof(cv));
        var a = order.Select(i => cv.Alphas[i]).ToArray();
        var val = order.Select(i => cv.MeanValidationError[i]).ToArray();
        var se = order.Select(i => cv.StandardError[i]).ToArray();
        var train = order.Select(i => cv.MeanTrainingError[i]).ToArray();
        var upper = val.Zip(se, (v, s) => v + s).ToArray();
        var lower = val.Zip(se, (v, s) => Math.Max(v - s, v * 0.05)).ToArray();
        var all = val.Concat(train).Concat(upper).Where(v => v > 0).ToArray();
        var charts = new List<GenericChart>
        {
            ChartStyle.ToChart(new TraceSpec
            {
                X = a.Concat(a.Reverse()).ToArray(), Y = upper.Concat(lower.Reverse()).ToArray(), Name = "±1 standard error", Mode = Mode.Lines,
                Line = new LineStyle("rgba(213,94,0,0)"), FillColor = "rgba(213,94,0,0.15)",
            }),
            Line(a, train, $"training MSE (mean of {cv.Folds} folds)", C(0), 2.5),
            ChartStyle.ToChart(new TraceSpec
            {
                X = a, Y = val, Name = $"validation MSE ({cv.Folds}-fold CV)", Mode = Mode.Lines | Mode.Markers, Line = new LineStyle(C(1), 2.5),
            }),
            Line([cv.BestAlpha, cv.BestAlpha], [all.Min() * 0.7, all.Max() * 1.3], $"chosen α = {cv.BestAlpha:0.###e+0}", C(2), 2, Dash.Dash),
        };
        var chart = Style(CSChart.Combine(charts), title, "α (log scale)", "mean squared error (log scale)", logX: true, logY: true);
        return new Figure(chart);
    }

    /// <summary>
    /// The three proximal maps of one weight, for a step t·α = <paramref name="threshold"/>: none (identity),
    /// L2 shrinkage z/(1 + tα) and L1 soft thresholding S_{tα}(z), which is flat at 0 on [−tα, tα].
    /// </summary>
    /// <param name="threshold">tα &gt; 0.</param>
    /// <param name="range">z runs over [−range, range].</param>
    public static Figure ProximalMaps(double threshold = 1.0, double range = 3.0)
    {
        if (!(threshold > 0) || !double.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold tα must be a finite number > 0.");
        if (!(range > 0) || !double.IsFinite(range)) throw new ArgumentOutOfRangeException(nameof(range), range, "The range must be a finite number > 0.");
        var z = Enumerable.Range(0, 241).Select(i => -range + 2 * range * i / 240.0).ToArray();
        var charts = new List<GenericChart>
        {
            Line(z, z, "no penalty: w = z", "#8C8C8C", 2, Dash.Dot),
            Line(z, z.Select(v => v / (1 + threshold)), $"L2: w = z/(1 + {threshold:0.##})", C(0), 2.5),
            Line(z, z.Select(v => Penalty.SoftThreshold(v, threshold)), $"L1: w = S_{threshold:0.##}(z)", C(1), 2.5),
        };
        return new Figure(Style(CSChart.Combine(charts), "One penalised step on a weight: w = prox(z)", "z (weight before the penalty step)", "w (after)", width: 680, height: 500));
    }

    /// <summary>
    /// One weight along gradient-descent runs (from models fitted with <c>recordHistory: true</c>): the subgradient
    /// iterate keeps crossing 0, the proximal one lands on it.
    /// </summary>
    /// <param name="runs">Label and model of each run; each must carry a coefficient history.</param>
    /// <param name="feature">Which weight to draw (0-based).</param>
    /// <param name="lastSteps">Draw only the last this-many steps (0 for all).</param>
    /// <param name="title">Chart title.</param>
    public static Figure WeightTrajectories(IReadOnlyList<(string Label, GradientDescentModel Run)> runs, int feature, int lastSteps = 0, string title = "One weight, step by step")
    {
        ArgumentNullException.ThrowIfNull(runs);
        var charts = new List<GenericChart>();
        for (var i = 0; i < runs.Count; i++)
        {
            var history = runs[i].Run.History
                ?? throw new ArgumentException($"Run '{runs[i].Label}' has no coefficient history; fit it with recordHistory: true.", nameof(runs));
            if (feature < 0 || feature >= history.ColumnCount) throw new ArgumentOutOfRangeException(nameof(feature), feature, $"feature must be in 0..{history.ColumnCount - 1}.");
            var start = lastSteps > 0 ? Math.Max(0, history.RowCount - lastSteps) : 0;
            var steps = Enumerable.Range(start, history.RowCount - start).ToArray();
            charts.Add(Line(steps.Select(s => (double)s), steps.Select(s => history[s, feature]), runs[i].Label, C(i), 1.8));
        }
        return new Figure(Style(CSChart.Combine(charts), title, "step", $"w{feature + 1}"));
    }

    /// <summary>
    /// The two priors behind the penalties, with the same variance σ²: Gaussian p(w) = exp(−w²/(2σ²))/√(2πσ²) (→ L2) and
    /// Laplace p(w) = exp(−|w|/β)/(2β) with β = σ/√2 (→ L1), whose sharp peak at 0 is where exact zeros come from.
    /// </summary>
    /// <param name="standardDeviation">σ &gt; 0 of both priors.</param>
    public static Figure PriorDensities(double standardDeviation = 1.0)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation)) throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "σ must be a finite number > 0.");
        var sigma = standardDeviation;
        var beta = sigma / Math.Sqrt(2);
        var w = Enumerable.Range(0, 401).Select(i => -4 * sigma + 8 * sigma * i / 400.0).ToArray();
        var charts = new List<GenericChart>
        {
            Line(w, w.Select(v => Math.Exp(-v * v / (2 * sigma * sigma)) / Math.Sqrt(2 * Math.PI * sigma * sigma)), "Gaussian prior → L2 (ridge)", C(0), 2.5),
            Line(w, w.Select(v => Math.Exp(-Math.Abs(v) / beta) / (2 * beta)), "Laplace prior → L1 (lasso)", C(1), 2.5),
        };
        return new Figure(Style(CSChart.Combine(charts), $"Priors on a weight, both with standard deviation {sigma:0.##}", "w", "prior density p(w)", width: 680, height: 460));
    }

    private static GenericChart Marker(double x, double y, string name, string color, string symbol) =>
        ChartStyle.ToChart(new TraceSpec { X = [x], Y = [y], Name = name, Mode = Mode.Markers, Marker = OutlinedMarker(13, color, symbol) });

    // A marker with a white outline, so it stands out on lines and filled areas.
    private static MarkerStyle OutlinedMarker(double size, string color, string symbol) =>
        new(color, size, Outline: new LineStyle("#FFFFFF", 1.5), Symbol: symbol);

    /// <summary>The course look (<see cref="ChartStyle.Apply"/>), log axes where asked, and the legend under the plot so the plot keeps the full width.</summary>
    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle, bool logX = false, bool logY = false, int width = 700, int height = 540)
    {
        var styled = ChartStyle.Apply(chart, title, xTitle, yTitle, width, height);
        return ChartStyle.WithLayout(styled, new LayoutSpec(
            Legend: new LegendStyle(Orientation: "h", X: 0.0, XAnchor: "left", Y: -0.18, YAnchor: "top"),
            Margin: new MarginStyle(Bottom: 40),
            XAxis: new AxisStyle(Scale: logX ? AxisScale.Log : AxisScale.Linear),
            YAxis: new AxisStyle(Scale: logY ? AxisScale.Log : AxisScale.Linear)));
    }
}
