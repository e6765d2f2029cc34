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
        var surface = new Trace3D("surface");
        surface.SetProperty("x", sample.X);
        surface.SetProperty("y", sample.Y);
        surface.SetProperty("z", sample.Z);
        surface.SetProperty("colorscale", ChartStyle.Colorscale);
        surface.SetProperty("opacity", 0.88);
        surface.SetProperty("name", zTitle);
        surface.SetProperty("showscale", true);
        surface.SetProperty("colorbar", ChartStyle.Obj(("title", ChartStyle.Obj(("text", logColor ? $"log₁₀({zTitle} − min + δ)" : zTitle))), ("len", 0.75), ("thickness", 14)));
        surface.SetProperty("hovertemplate", $"{xTitle}=%{{x:.4g}}<br>{yTitle}=%{{y:.4g}}<br>{zTitle}=%{{z:.4g}}<extra></extra>");
        surface.SetProperty("contours", ChartStyle.Obj(("z", ChartStyle.Obj(("show", true), ("usecolormap", true), ("project", ChartStyle.Obj(("z", true))), ("width", 1)))));
        if (logColor) surface.SetProperty("surfacecolor", LogShift(sample.Z, sample.Min, sample.Max));
        var traces = new List<GenericChart> { GenericChart.ofTraceObject(false, surface) };
        if (path is not null)
        {
            var (px, py) = ValidatePath(path);
            var lift = 0.01 * (sample.Max - sample.Min);
            var pz = new double[px.Length];
            for (var k = 0; k < px.Length; k++) pz[k] = f(px[k], py[k]) + lift;
            var line = new Trace3D("scatter3d");
            line.SetProperty("name", "path");
            line.SetProperty("mode", "lines+markers");
            line.SetProperty("x", px);
            line.SetProperty("y", py);
            line.SetProperty("z", Traces.Gaps(pz));
            line.SetProperty("line", ChartStyle.Obj(("color", ChartStyle.Color(1)), ("width", 5)));
            line.SetProperty("marker", ChartStyle.Obj(("color", ChartStyle.Color(1)), ("size", 2.5)));
            traces.Add(GenericChart.ofTraceObject(false, line));
            traces.Add(GenericChart.ofTraceObject(false, Ends3D(px, py, pz)));
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
        var contour = new Trace2D("contour");
        contour.SetProperty("x", sample.X);
        contour.SetProperty("y", sample.Y);
        contour.SetProperty("z", logColor ? LogShift(sample.Z, sample.Min, sample.Max) : sample.Z);
        if (logColor) contour.SetProperty("customdata", sample.Z);
        contour.SetProperty("colorscale", ChartStyle.Colorscale);
        contour.SetProperty("ncontours", levels);
        contour.SetProperty("name", zTitle);
        contour.SetProperty("contours", ChartStyle.Obj(("coloring", filled ? "fill" : "lines"), ("showlines", true)));
        contour.SetProperty("line", ChartStyle.Obj(("width", 0.6), ("color", "rgba(255,255,255,0.55)")));
        contour.SetProperty("colorbar", ChartStyle.Obj(("title", ChartStyle.Obj(("text", logColor ? $"log₁₀({zTitle} − min + δ)" : zTitle))), ("thickness", 14)));
        var shown = logColor ? "%{customdata:.4g}" : "%{z:.4g}";
        contour.SetProperty("hovertemplate", $"{xTitle}=%{{x:.4g}}<br>{yTitle}=%{{y:.4g}}<br>{zTitle}={shown}<extra></extra>");
        var traces = new List<GenericChart> { GenericChart.ofTraceObject(false, contour) };
        if (path is not null)
        {
            var (px, py) = ValidatePath(path);
            traces.Add(Traces.LineMarkers(px, py, "path", ChartStyle.Color(1), width: 2.5, size: 5));
            traces.Add(GenericChart.ofTraceObject(false, EndMarkers(px[0], py[0], px[^1], py[^1], "end")));
        }
        var chart = ChartStyle.Apply(CSChart.Combine(traces), title, xTitle, yTitle, width: 720, height: 560);
        // Contours fill the plot area; keep grid and zero lines from drawing over them, and the legend above the plot,
        // clear of the colour bar and of an animation's controls below.
        return ChartStyle.WithLayout(chart,
            ("xaxis", ChartStyle.Obj(("showgrid", false), ("zeroline", false), ("range", new[] { x.From, x.To }))),
            ("yaxis", ChartStyle.Obj(("showgrid", false), ("zeroline", false), ("range", new[] { y.From, y.To }))),
            ("legend", ChartStyle.Obj(("orientation", "h"), ("x", 1.0), ("xanchor", "right"), ("y", 1.01), ("yanchor", "bottom"))));
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
            var ends = GenericChart.ofTraceObject(false, EndMarkers(px[0], py[0], px[k], py[k], k == px.Length - 1 ? "end" : "current"));
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

    private static Trace2D EndMarkers(double x0, double y0, double x1, double y1, string endText)
    {
        var ends = new Trace2D("scatter");
        ends.SetProperty("name", "start / end");
        ends.SetProperty("mode", "markers");
        ends.SetProperty("x", new[] { x0, x1 });
        ends.SetProperty("y", new[] { y0, y1 });
        ends.SetProperty("text", new[] { "start", endText });
        ends.SetProperty("marker", ChartStyle.Obj(("color", "#FFFFFF"), ("symbol", new[] { "circle", "star" }),
            ("size", 14), ("line", ChartStyle.Obj(("color", "#000000"), ("width", 1.5)))));
        return ends;
    }

    private static Trace3D Ends3D(double[] px, double[] py, double[] pz)
    {
        var ends = new Trace3D("scatter3d");
        ends.SetProperty("name", "start / end");
        ends.SetProperty("mode", "markers");
        ends.SetProperty("x", new[] { px[0], px[^1] });
        ends.SetProperty("y", new[] { py[0], py[^1] });
        ends.SetProperty("z", Traces.Gaps(new[] { pz[0], pz[^1] }));
        ends.SetProperty("text", new[] { "start", "end" });
        ends.SetProperty("marker", ChartStyle.Obj(("color", new[] { ChartStyle.Color(3), ChartStyle.Color(1) }), ("symbol", new[] { "circle", "diamond" }),
            ("size", 7), ("line", ChartStyle.Obj(("color", "#000000"), ("width", 1)))));
        return ends;
    }

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
