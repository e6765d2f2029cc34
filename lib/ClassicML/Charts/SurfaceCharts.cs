using System.Globalization;
using Plotly.NET;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ClassicML.Charts;

/// <summary>
/// Pictures of a function of two variables (a loss over two parameters): a 3-D surface and a contour map, each
/// optionally with an optimiser's path drawn on it.
/// </summary>
/// <remarks>
/// The function is sampled on a grid × grid lattice: xᵢ = x.From + i·Δx, yⱼ = y.From + j·Δy, and plotly.js's
/// z[j][i] = f(xᵢ, yⱼ) (rows follow y). With <c>logColor</c> the colours follow log₁₀(f − min f + δ), δ = 10⁻³·(max f − min f),
/// so an elongated bowl, whose floor would otherwise be one flat colour, shows its level sets; hover still shows f.
/// </remarks>
public static class SurfaceCharts
{
    /// <summary>
    /// A 3-D surface of z = f(x, y). With <paramref name="path"/>, the points (xₖ, yₖ, f(xₖ, yₖ)) are joined by a line
    /// lifted by 1% of the z range so that it stays visible above the surface; start and end are marked.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The x interval (From &lt; To, finite).</param>
    /// <param name="y">The y interval (From &lt; To, finite).</param>
    /// <param name="grid">Samples per axis (2 … 400).</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="zTitle">The z-axis title.</param>
    /// <param name="path">An optional path (e.g. gradient-descent iterates), in order.</param>
    /// <param name="logColor">Colour by log₁₀(f − min f + δ) instead of f.</param>
    public static Figure Surface3D(Func<double, double, double> f, (double From, double To) x, (double From, double To) y, int grid = 60,
        string? title = null, string xTitle = "x", string yTitle = "y", string zTitle = "z",
        IReadOnlyList<(double X, double Y)>? path = null, bool logColor = false)
    {
        var sample = Sample(f, x, y, grid);
        var surface = new TraceSpec(TraceKind.Surface)
        {
            X = sample.X, Y = sample.Y, ZWithGaps = sample.Z, Name = zTitle, Opacity = 0.88,
            ColorScaleName = ChartStyle.Colorscale, ShowScale = true,
            ColorBar = new ColorBarStyle(logColor ? $"log₁₀({zTitle} − min + δ)" : zTitle, Length: 0.75, Thickness: 14),
            HoverTemplate = $"{xTitle}=%{{x:.4g}}<br>{yTitle}=%{{y:.4g}}<br>{zTitle}=%{{z:.4g}}<extra></extra>",
            SurfaceContours = new SurfaceContourStyle(Show: true, UseColormap: true, ProjectOnFloor: true, Width: 1),
            SurfaceColor = logColor ? LogShift(sample.Z, sample.Min, sample.Max) : null,
        };
        var traces = new List<GenericChart> { ChartStyle.ToChart(surface) };
        if (path is not null)
        {
            var (px, py) = ValidatePath(path);
            var lift = 0.01 * (sample.Max - sample.Min);
            var pz = new double[px.Length];
            for (var k = 0; k < px.Length; k++) pz[k] = f(px[k], py[k]) + lift;
            traces.Add(ChartStyle.ToChart(new TraceSpec(TraceKind.Scatter3D)
            {
                Name = "path", Mode = Mode.Lines | Mode.Markers, X = px, Y = py, ZCoordinates = pz,
                Line = new LineStyle(ChartStyle.Color(1), 5), Marker = new MarkerStyle(ChartStyle.Color(1), 2.5),
            }));
            traces.Add(ChartStyle.ToChart(Ends3D(px, py, pz)));
        }
        return ChartStyle.Apply3D(CSChart.Combine(traces), title, xTitle, yTitle, zTitle, height: 600);
    }

    /// <summary>
    /// A filled contour map of z = f(x, y) with contour lines. With <paramref name="path"/>, the points (xₖ, yₖ) are joined by
    /// a line with markers; the start is a circle and the end a star.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The x interval (From &lt; To, finite).</param>
    /// <param name="y">The y interval (From &lt; To, finite).</param>
    /// <param name="grid">Samples per axis (2 … 400).</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="zTitle">The colour bar's title (what f is).</param>
    /// <param name="path">An optional path (e.g. gradient-descent iterates), in order.</param>
    /// <param name="logColor">Colour and space the levels by log₁₀(f − min f + δ) instead of f.</param>
    /// <param name="levels">Approximate number of contour levels (2 … 200).</param>
    /// <param name="filled">Fill between levels (true) or draw contour lines only (false).</param>
    public static Figure Contour(Func<double, double, double> f, (double From, double To) x, (double From, double To) y, int grid = 60,
        string? title = null, string xTitle = "x", string yTitle = "y", string zTitle = "z",
        IReadOnlyList<(double X, double Y)>? path = null, bool logColor = false, int levels = 20, bool filled = true)
    {
        if (levels is < 2 or > 200) throw new ArgumentOutOfRangeException(nameof(levels), levels, "Use between 2 and 200 contour levels (about 20 reads well).");
        var sample = Sample(f, x, y, grid);
        var shown = logColor ? "%{customdata:.4g}" : "%{z:.4g}";
        var contour = new TraceSpec(TraceKind.Contour)
        {
            X = sample.X, Y = sample.Y, ZWithGaps = logColor ? LogShift(sample.Z, sample.Min, sample.Max) : sample.Z,
            CustomData = logColor ? sample.Z : null, ColorScaleName = ChartStyle.Colorscale, ContourCount = levels, Name = zTitle,
            Contours = new ContourLevels(Coloring: filled ? ContourColoring.Fill : ContourColoring.Lines, ShowLines: true),
            Line = new LineStyle("rgba(255,255,255,0.55)", 0.6),
            ColorBar = new ColorBarStyle(logColor ? $"log₁₀({zTitle} − min + δ)" : zTitle, Thickness: 14),
            HoverTemplate = $"{xTitle}=%{{x:.4g}}<br>{yTitle}=%{{y:.4g}}<br>{zTitle}={shown}<extra></extra>",
        };
        var traces = new List<GenericChart> { ChartStyle.ToChart(contour) };
        if (path is not null)
        {
            var (px, py) = ValidatePath(path);
            traces.Add(Traces.LineMarkers(px, py, "path", ChartStyle.Color(1), width: 2.5, size: 5));
            traces.Add(ChartStyle.ToChart(EndMarkers(px[0], py[0], px[^1], py[^1], "end")));
        }
        var chart = ChartStyle.Apply(CSChart.Combine(traces), title, xTitle, yTitle, width: 720, height: 560);
        // Contours fill the plot area; keep grid and zero lines from drawing over them, and the legend above the plot,
        // clear of the colour bar and of an animation's controls below.
        return ChartStyle.WithLayout(chart, new LayoutSpec(
            XAxis: new AxisStyle(Range: [x.From, x.To], ShowGrid: false, ZeroLine: false),
            YAxis: new AxisStyle(Range: [y.From, y.To], ShowGrid: false, ZeroLine: false),
            Legend: new LegendStyle(Orientation: "h", X: 1.0, XAnchor: "right", Y: 1.01, YAnchor: "bottom")));
    }

    /// <summary>
    /// <see cref="Contour"/> with the optimiser's path drawn step by step: frame k shows the path up to iterate k and marks
    /// the start and the current point. With more iterates than <paramref name="maxFrames"/>, frames are taken at evenly
    /// spaced iterates (always including the last).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The x interval (From &lt; To, finite).</param>
    /// <param name="y">The y interval (From &lt; To, finite).</param>
    /// <param name="path">The iterates, in order (at least one, finite).</param>
    /// <param name="grid">Samples per axis (2 … 400).</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="zTitle">The colour bar's title.</param>
    /// <param name="logColor">Colour and space the levels by log₁₀(f − min f + δ).</param>
    /// <param name="maxFrames">Most frames to make (≥ 1).</param>
    /// <param name="frameDurationMs">How long each frame shows while playing, in milliseconds.</param>
    public static Figure ContourPathAnimation(Func<double, double, double> f, (double From, double To) x, (double From, double To) y,
        IReadOnlyList<(double X, double Y)> path, int grid = 60, string? title = null, string xTitle = "x", string yTitle = "y", string zTitle = "z",
        bool logColor = false, int maxFrames = 60, int frameDurationMs = 120)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameDurationMs, 1);
        var still = Contour(f, x, y, grid, title, xTitle, yTitle, zTitle, path, logColor);
        var (px, py) = ValidatePath(path);
        var count = Math.Min(maxFrames, px.Length);
        var frames = new List<AnimationFrame>(count);
        var last = -1;
        for (var m = 0; m < count; m++)
        {
            // Evenly spaced iterates 0 … n−1, rounded; the last frame is always the last iterate.
            var k = count == 1 ? px.Length - 1 : (int)Math.Round(m * (px.Length - 1) / (double)(count - 1));
            if (k == last) continue;
            last = k;
            var head = Traces.LineMarkers(px[..(k + 1)], py[..(k + 1)], "path", ChartStyle.Color(1), width: 2.5, size: 5);
            var ends = ChartStyle.ToChart(EndMarkers(px[0], py[0], px[k], py[k], k == px.Length - 1 ? "end" : "current"));
            frames.Add(new AnimationFrame($"step {k}", CSChart.Combine([head, ends]), [1, 2], Label: k.ToString(CultureInfo.InvariantCulture)));
        }
        return still.WithFrames(frames, new AnimationSettings(FrameDurationMs: frameDurationMs, SliderPrefix: "iteration "));
    }

    /// <summary>The sampled lattice: axes, z[j][i] = f(xᵢ, yⱼ) (null where f is not finite), and the finite min and max of f.</summary>
    internal sealed record Lattice(double[] X, double[] Y, double?[][] Z, double Min, double Max);

    internal static Lattice Sample(Func<double, double, double> f, (double From, double To) x, (double From, double To) y, int grid)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (grid is < 2 or > 400) throw new ArgumentOutOfRangeException(nameof(grid), grid, "Use between 2 and 400 samples per axis (60 is smooth and fast).");
        ValidateInterval(x, nameof(x));
        ValidateInterval(y, nameof(y));
        var xs = NumericGrid.Linspace(x.From, x.To, grid);
        var ys = NumericGrid.Linspace(y.From, y.To, grid);
        var z = new double?[grid][];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var j = 0; j < grid; j++)
        {
            var row = new double?[grid];
            for (var i = 0; i < grid; i++)
            {
                var v = f(xs[i], ys[j]);
                if (!double.IsFinite(v)) continue;
                row[i] = v;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            z[j] = row;
        }
        if (double.IsPositiveInfinity(min))
            throw new ArgumentException("The function is not finite anywhere on the grid; check the ranges.", nameof(f));
        return new Lattice(xs, ys, z, min, max);
    }

    /// <summary>log₁₀(z − min + δ) with δ = 10⁻³·(max − min) (or 10⁻³ for a flat function), element by element.</summary>
    internal static double?[][] LogShift(double?[][] z, double min, double max)
    {
        var delta = max > min ? 1e-3 * (max - min) : 1e-3;
        return z.Select(row => row.Select(v => v is { } d ? Math.Log10(d - min + delta) : (double?)null).ToArray()).ToArray();
    }

    // The start (white circle) and the end or current iterate (white star) of a path on a contour map.
    private static TraceSpec EndMarkers(double x0, double y0, double x1, double y1, string endText) => new()
    {
        Name = "start / end", Mode = Mode.Markers, X = [x0, x1], Y = [y0, y1], Text = ["start", endText],
        Marker = new MarkerStyle("#FFFFFF", 14, Outline: new LineStyle("#000000", 1.5), Symbols: ["circle", "star"]),
    };

    // The start (orange circle) and end (vermillion diamond) of a path on a surface.
    private static TraceSpec Ends3D(double[] px, double[] py, double[] pz) => new(TraceKind.Scatter3D)
    {
        Name = "start / end", Mode = Mode.Markers, X = [px[0], px[^1]], Y = [py[0], py[^1]], ZCoordinates = [pz[0], pz[^1]],
        Text = ["start", "end"],
        Marker = new MarkerStyle(Size: 7, Outline: new LineStyle("#000000", 1), Colors: [ChartStyle.Color(3), ChartStyle.Color(1)],
            Symbols: ["circle", "diamond"]),
    };

    private static (double[] X, double[] Y) ValidatePath(IReadOnlyList<(double X, double Y)> path)
    {
        if (path.Count == 0) throw new ArgumentException("The path is empty; pass null for no path, or at least one point.", nameof(path));
        var px = new double[path.Count];
        var py = new double[path.Count];
        for (var k = 0; k < path.Count; k++)
        {
            if (!double.IsFinite(path[k].X) || !double.IsFinite(path[k].Y))
                throw new ArgumentException($"Path point {k} is ({path[k].X.ToString(CultureInfo.InvariantCulture)}, {path[k].Y.ToString(CultureInfo.InvariantCulture)}); every point must be finite (did the optimiser diverge?).", nameof(path));
            px[k] = path[k].X;
            py[k] = path[k].Y;
        }
        return (px, py);
    }

    private static void ValidateInterval((double From, double To) range, string name)
    {
        if (!double.IsFinite(range.From) || !double.IsFinite(range.To) || !(range.From < range.To))
            throw new ArgumentException($"The {name} range ({range.From.ToString(CultureInfo.InvariantCulture)}, {range.To.ToString(CultureInfo.InvariantCulture)}) must be finite with From < To.", name);
    }
}
