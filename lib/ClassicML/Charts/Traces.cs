using Plotly.NET;

namespace ClassicML.Charts;

/// <summary>
/// Single-trace building blocks in the course style, each a <see cref="GenericChart"/> with one plotly.js trace and no
/// layout, to be combined with <c>Plotly.NET.CSharp.Chart.Combine</c> and finished with <see cref="ChartStyle.Apply"/>.
/// Non-finite y values become gaps (JSON null) instead of breaking the figure's JSON.
/// </summary>
public static class Traces
{
    /// <summary>A line through the points (xᵢ, yᵢ).</summary>
    /// <param name="x">The x coordinates.</param>
    /// <param name="y">The y coordinates, as many as <paramref name="x"/>; NaN or ±∞ leave a gap.</param>
    /// <param name="name">Legend name.</param>
    /// <param name="color">A CSS colour; null takes the next palette colour.</param>
    /// <param name="width">Line width in pixels.</param>
    /// <param name="dash">plotly.js dash style: <c>solid</c>, <c>dash</c>, <c>dot</c>, <c>dashdot</c>.</param>
    /// <param name="showLegend">Whether the trace appears in the legend.</param>
    public static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string name, string? color = null, double width = 2.5, string dash = "solid", bool showLegend = true) =>
        ChartStyle.ToChart(LineSpec(x, y, name, color, width, dash, showLegend));

    /// <summary>The <see cref="TraceSpec"/> of <see cref="Line"/>, for a chart file to extend (legend group, hover) before building it.</summary>
    internal static TraceSpec LineSpec(IEnumerable<double> x, IEnumerable<double> y, string name, string? color = null, double width = 2.5, string dash = "solid", bool showLegend = true) =>
        Xy(x, y, name, showLegend) with { Mode = Mode.Lines, Line = new LineStyle(color, width, DashOf(dash)) };

    /// <summary>Markers at the points (xᵢ, yᵢ).</summary>
    /// <param name="x">The x coordinates.</param>
    /// <param name="y">The y coordinates, as many as <paramref name="x"/>.</param>
    /// <param name="name">Legend name.</param>
    /// <param name="color">A CSS colour; null takes the next palette colour.</param>
    /// <param name="size">Marker diameter in pixels.</param>
    /// <param name="symbol">plotly.js marker symbol, e.g. <c>circle</c>, <c>x</c>, <c>diamond</c>, <c>star</c>.</param>
    /// <param name="showLegend">Whether the trace appears in the legend.</param>
    public static GenericChart Markers(IEnumerable<double> x, IEnumerable<double> y, string name, string? color = null, double size = 8, string symbol = "circle", bool showLegend = true) =>
        ChartStyle.ToChart(Xy(x, y, name, showLegend) with { Mode = Mode.Markers, Marker = MarkerOf(color, size, symbol) });

    /// <summary>A line with a marker at every point (for paths of an optimiser).</summary>
    /// <param name="x">The x coordinates.</param>
    /// <param name="y">The y coordinates, as many as <paramref name="x"/>.</param>
    /// <param name="name">Legend name.</param>
    /// <param name="color">A CSS colour; null takes the next palette colour.</param>
    /// <param name="width">Line width in pixels.</param>
    /// <param name="size">Marker diameter in pixels.</param>
    /// <param name="showLegend">Whether the trace appears in the legend.</param>
    public static GenericChart LineMarkers(IEnumerable<double> x, IEnumerable<double> y, string name, string? color = null, double width = 2, double size = 6, bool showLegend = true) =>
        ChartStyle.ToChart(Xy(x, y, name, showLegend) with
        {
            Mode = Mode.Lines | Mode.Markers, Line = new LineStyle(color, width, Dash.Solid), Marker = MarkerOf(color, size, "circle"),
        });

    /// <summary>A scatter trace of the points (xᵢ, yᵢ) with a name, for a chart file to style further (checks that x and y pair up).</summary>
    internal static TraceSpec Xy(IEnumerable<double> x, IEnumerable<double> y, string name, bool showLegend)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(name);
        var xs = x.ToArray();
        var ys = y.ToArray();
        if (xs.Length != ys.Length)
            throw new ArgumentException($"x has {xs.Length} values but y has {ys.Length}; give one y per x.", nameof(y));
        return new TraceSpec { Name = name, ShowLegend = showLegend, X = xs, Y = ys };
    }

    /// <summary>Copies <paramref name="values"/>, turning NaN and ±∞ into null (a gap in plotly.js, and valid JSON).</summary>
    internal static double?[] Gaps(IReadOnlyList<double> values)
    {
        var result = new double?[values.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = double.IsFinite(values[i]) ? values[i] : null;
        return result;
    }

    private static MarkerStyle MarkerOf(string? color, double size, string symbol) =>
        new(color, size, Outline: new LineStyle("#FFFFFF", 0.8), Symbol: symbol);

    private static Dash DashOf(string dash) => dash switch
    {
        "solid" => Dash.Solid,
        "dash" => Dash.Dash,
        "dot" => Dash.Dot,
        "dashdot" => Dash.DashDot,
        _ => throw new ArgumentException($"Unknown dash style '{dash}'; use solid, dash, dot or dashdot.", nameof(dash)),
    };
}
