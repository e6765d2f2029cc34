using Plotly.NET;
using Dyn = DynamicObj.DynamicObj;

namespace ClassicML.Charts;

/// <summary>
/// The one look every chart of the course shares: a clean white template (no grey plot area), light grid lines,
/// a readable sans-serif font, and the Okabe–Ito palette, whose colours stay distinguishable for the common forms
/// of colour blindness.
/// </summary>
/// <remarks>
/// Call <see cref="Apply"/> (or <see cref="Apply3D"/>) <em>last</em>, after <c>Chart.Combine</c>: combining charts
/// merges their layouts, and a Plotly.NET chart made with defaults brings back Plotly.NET's grey template.
/// The template replaces that default, which also shrinks each figure's JSON by about 8 KB.
/// </remarks>
public static class ChartStyle
{
    /// <summary>
    /// Okabe–Ito colours in the order traces use them: blue, vermillion, bluish green, orange, reddish purple,
    /// sky blue, yellow, black.
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    /// <summary>
    /// Colours of classes in label order (the first two, blue and vermillion, are the two classes of a binary problem);
    /// the same as <see cref="Palette"/>.
    /// </summary>
    public static IReadOnlyList<string> ClassColors => Palette;

    /// <summary>The font stack of all text.</summary>
    public const string FontFamily = "Inter, 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, sans-serif";

    /// <summary>Colour of text and tick labels.</summary>
    public const string TextColor = "#262626";

    /// <summary>Colour of the light grid lines.</summary>
    public const string GridColor = "#E6E6E6";

    /// <summary>Colour of the axis lines and of the zero lines.</summary>
    public const string AxisColor = "#8C8C8C";

    /// <summary>The sequential colour scale for surfaces, contours and heat maps (perceptually uniform, colour-blind safe).</summary>
    public const string Colorscale = "Viridis";

    /// <summary>Colour of the <paramref name="index"/>-th trace or class: <c>Palette[index mod 8]</c>.</summary>
    /// <param name="index">A trace or class index, ≥ 0.</param>
    public static string Color(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Palette[index % Palette.Count];
    }

    /// <summary>
    /// A fresh copy of the course template: white paper and plot, grey axis lines, light grid, the palette as colourway,
    /// closest-point hover, and the same for 3-D scenes.
    /// </summary>
    public static Template CreateTemplate()
    {
        Dyn Axis2D() => Obj(
            ("showgrid", true), ("gridcolor", GridColor), ("gridwidth", 1),
            ("showline", true), ("linecolor", AxisColor), ("linewidth", 1), ("mirror", false),
            ("ticks", "outside"), ("tickcolor", AxisColor), ("ticklen", 5),
            ("zeroline", true), ("zerolinecolor", AxisColor), ("zerolinewidth", 1),
            ("automargin", true), ("title", Obj(("standoff", 10))));
        Dyn Axis3D() => Obj(
            ("backgroundcolor", "#FFFFFF"), ("showbackground", true), ("gridcolor", GridColor),
            ("linecolor", AxisColor), ("showline", true), ("zerolinecolor", AxisColor), ("ticks", "outside"));
        var layout = new Layout();
        foreach (var (key, value) in new (string, object)[]
        {
            ("paper_bgcolor", "#FFFFFF"),
            ("plot_bgcolor", "#FFFFFF"),
            ("font", Obj(("family", FontFamily), ("size", 14), ("color", TextColor))),
            ("title", Obj(("x", 0.02), ("xanchor", "left"), ("font", Obj(("size", 18))))),
            ("colorway", Palette.ToArray()),
            ("hovermode", "closest"),
            ("hoverlabel", Obj(("font", Obj(("family", FontFamily))))),
            ("legend", Obj(("bgcolor", "rgba(255,255,255,0.85)"), ("bordercolor", GridColor), ("borderwidth", 1))),
            ("xaxis", Axis2D()),
            ("yaxis", Axis2D()),
            ("scene", Obj(("xaxis", Axis3D()), ("yaxis", Axis3D()), ("zaxis", Axis3D()))),
            ("colorscale", Obj(("sequential", Colorscale))),
        })
        {
            layout.SetProperty(key, value);
        }
        var template = new Template();
        template.SetProperty("layout", layout);
        return template;
    }

    /// <summary>
    /// Makes the course template Plotly.NET's default (<c>Plotly.NET.Defaults.DefaultTemplate</c>) for charts created from
    /// now on in this process, with a default size of 720 × 480, so that a chart built directly with Plotly.NET or
    /// Plotly.NET.CSharp looks like the course's even without <see cref="Apply"/>. It also makes such charts fast to
    /// serialise: Plotly.NET's own default template is large, and turning it into JSON costs tens to hundreds of
    /// milliseconds per chart. Charts created before the call keep their template. <c>Plotly.NET.Defaults.reset()</c> undoes it.
    /// </summary>
    public static void UseAsPlotlyDefault()
    {
        Defaults.DefaultTemplate = CreateTemplate();
        Defaults.DefaultWidth = 720;
        Defaults.DefaultHeight = 480;
    }

    /// <summary>
    /// Gives <paramref name="chart"/> the course look, a title, axis titles and a size. Call it after combining charts.
    /// </summary>
    /// <param name="chart">The (combined) chart.</param>
    /// <param name="title">The chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title; null for none.</param>
    /// <param name="yTitle">The y-axis title; null for none.</param>
    /// <param name="width">Width in pixels (≥ 100).</param>
    /// <param name="height">Height in pixels (≥ 100).</param>
    public static GenericChart Apply(GenericChart chart, string? title = null, string? xTitle = null, string? yTitle = null, int width = 720, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var layout = SizedLayout(title, width, height);
        if (xTitle is not null) layout.SetProperty("xaxis", Obj(("title", Obj(("text", xTitle)))));
        if (yTitle is not null) layout.SetProperty("yaxis", Obj(("title", Obj(("text", yTitle)))));
        layout.SetProperty("margin", Obj(("l", 70), ("r", 30), ("t", title is null ? 30 : 60), ("b", 60)));
        return GenericChart.addLayout(layout, Chart.withTemplate(CreateTemplate()).Invoke(chart));
    }

    /// <summary>
    /// Like <see cref="Apply"/> for a 3-D chart: titles the scene's three axes and sets a camera looking from (1.5, −1.6, 1.1)
    /// so that a bowl-shaped loss surface shows its minimum.
    /// </summary>
    /// <param name="chart">The (combined) 3-D chart.</param>
    /// <param name="title">The chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title; null for none.</param>
    /// <param name="yTitle">The y-axis title; null for none.</param>
    /// <param name="zTitle">The z-axis title; null for none.</param>
    /// <param name="width">Width in pixels (≥ 100).</param>
    /// <param name="height">Height in pixels (≥ 100).</param>
    public static GenericChart Apply3D(GenericChart chart, string? title = null, string? xTitle = null, string? yTitle = null, string? zTitle = null, int width = 720, int height = 560)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var layout = SizedLayout(title, width, height);
        static Axis3DStyle? Titled(string? text) => text is null ? null : new Axis3DStyle(text);
        layout.SetProperty("scene", SceneAttributes(new SceneStyle(Titled(xTitle), Titled(yTitle), Titled(zTitle),
            new CameraStyle(Eye: new Point3(1.5, -1.6, 1.1)), SceneAspect.Cube)));
        layout.SetProperty("margin", Obj(("l", 10), ("r", 10), ("t", title is null ? 20 : 60), ("b", 10)));
        return GenericChart.addLayout(layout, Chart.withTemplate(CreateTemplate()).Invoke(chart));
    }

    /// <summary>
    /// Adds arbitrary plotly.js layout attributes to <paramref name="chart"/>, merged into what is there
    /// (nested objects merge key by key), e.g. <c>ChartStyle.WithLayout(c, ("yaxis", ChartStyle.Obj(("range", new[] { 0.0, 1.0 }))))</c>.
    /// </summary>
    /// <param name="chart">The chart to change.</param>
    /// <param name="attributes">plotly.js layout attribute names and values (numbers, strings, arrays, <see cref="Obj"/> objects).</param>
    public static GenericChart WithLayout(GenericChart chart, params (string Key, object Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(attributes);
        var layout = new Layout();
        foreach (var (key, value) in attributes) layout.SetProperty(key, value);
        return GenericChart.addLayout(layout, chart);
    }

    /// <summary>
    /// Merges the typed layout <paramref name="spec"/> into <paramref name="chart"/>'s layout (nested objects merge key by
    /// key), e.g. <c>ChartStyle.WithLayout(c, new LayoutSpec(YAxis: new AxisStyle(Range: [0, 1])))</c>.
    /// </summary>
    /// <param name="chart">The chart to change.</param>
    /// <param name="spec">The layout parts to set.</param>
    public static GenericChart WithLayout(GenericChart chart, LayoutSpec spec)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.addLayout(ToLayout(spec), chart);
    }

    /// <summary>
    /// A plotly.js attribute object from name–value pairs (a DynamicObj, so that layouts combine it key by key).
    /// </summary>
    /// <param name="properties">Attribute names and values.</param>
    public static Dyn Obj(params (string Key, object Value)[] properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var obj = new Dyn();
        foreach (var (key, value) in properties) obj.SetProperty(key, value);
        return obj;
    }

    /// <summary>
    /// The plotly.js 2-D trace (scatter, contour, heat map) a <see cref="TraceSpec"/> describes (with <see cref="ToTrace3D"/>
    /// the one place traces are written as attribute objects).
    /// </summary>
    /// <param name="spec">The trace; its <see cref="TraceSpec.Kind"/> must be a 2-D kind.</param>
    public static Trace2D ToTrace(TraceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Kind is TraceKind.Surface or TraceKind.Scatter3D)
            throw new ArgumentException($"A {spec.Kind} trace is drawn in a 3-D scene: build it with ChartStyle.ToTrace3D.", nameof(spec));
        return Fill(new Trace2D(TypeName(spec.Kind)), spec);
    }

    /// <summary>The plotly.js 3-D trace (surface, 3-D scatter) a <see cref="TraceSpec"/> describes.</summary>
    /// <param name="spec">The trace; its <see cref="TraceSpec.Kind"/> must be <see cref="TraceKind.Surface"/> or <see cref="TraceKind.Scatter3D"/>.</param>
    public static Trace3D ToTrace3D(TraceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Kind is not (TraceKind.Surface or TraceKind.Scatter3D))
            throw new ArgumentException($"A {spec.Kind} trace is 2-D: build it with ChartStyle.ToTrace.", nameof(spec));
        return Fill(new Trace3D(TypeName(spec.Kind)), spec);
    }

    /// <summary>
    /// A one-trace Plotly.NET chart of <paramref name="spec"/> (built with <see cref="ToTrace"/>, or <see cref="ToTrace3D"/> for a
    /// 3-D kind), to combine with Plotly.NET.CSharp's <c>Chart.Combine</c> or <c>Chart.Grid</c> and finish with <see cref="Apply"/>.
    /// </summary>
    /// <param name="spec">The trace.</param>
    public static GenericChart ToChart(TraceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind is TraceKind.Surface or TraceKind.Scatter3D
            ? GenericChart.ofTraceObject(false, ToTrace3D(spec))
            : GenericChart.ofTraceObject(false, ToTrace(spec));
    }

    private static string TypeName(TraceKind kind) => kind switch
    {
        TraceKind.Contour => "contour",
        TraceKind.Heatmap => "heatmap",
        TraceKind.Surface => "surface",
        TraceKind.Scatter3D => "scatter3d",
        _ => "scatter",
    };

    private static T Fill<T>(T t, TraceSpec spec) where T : Trace
    {
        var grids = new object?[] { spec.Z, spec.ZWhole, spec.ZWithGaps, spec.ZCoordinates }.Count(g => g is not null);
        if (grids > 1)
            throw new ArgumentException("Give z one way only: Z, ZWhole, ZWithGaps or ZCoordinates.", nameof(spec));
        if (spec.Contours is not null && spec.SurfaceContours is not null)
            throw new ArgumentException("Contours are for a contour trace, SurfaceContours for a surface: set one of them.", nameof(spec));
        if ((spec.SurfaceColor is not null || spec.SurfaceContours is not null) && spec.Kind != TraceKind.Surface)
            throw new ArgumentException($"SurfaceColor and SurfaceContours belong to a surface, not a {spec.Kind} trace.", nameof(spec));
        if (spec.ZCoordinates is not null && spec.Kind != TraceKind.Scatter3D)
            throw new ArgumentException($"ZCoordinates are the points of a 3-D scatter, not of a {spec.Kind} trace; a grid takes Z or ZWithGaps.", nameof(spec));
        if (spec.NoHover && spec.HoverNameOnly)
            throw new ArgumentException("NoHover and HoverNameOnly contradict each other: set one of them.", nameof(spec));
        void Set(string key, object? value)
        {
            if (value is not null) t.SetProperty(key, value);
        }
        Set("x", spec.X is null ? null : Traces.Gaps(spec.X));
        Set("y", spec.Y is null ? null : Traces.Gaps(spec.Y));
        Set("z", (object?)spec.Z ?? (object?)spec.ZWhole ?? (object?)spec.ZWithGaps ?? (spec.ZCoordinates is null ? null : Traces.Gaps(spec.ZCoordinates)));
        Set("surfacecolor", spec.SurfaceColor);
        Set("customdata", spec.CustomData);
        Set("zmin", spec.ZMin);
        Set("zmax", spec.ZMax);
        Set("colorscale", spec.ColorScale is { } stops ? stops.Select(s => new object[] { s.At, s.Color }).ToArray() : spec.ColorScaleName);
        Set("reversescale", spec.ReverseScale);
        Set("ncontours", spec.ContourCount);
        Set("zsmooth", spec.Smooth is true ? "best" : null);
        Set("opacity", spec.Opacity);
        Set("showscale", spec.ShowScale);
        Set("contours", spec.Contours is { } c ? Attributes(("start", c.Start), ("end", c.End), ("size", c.Size),
            ("coloring", c.Coloring?.ToString().ToLowerInvariant()), ("showlines", c.ShowLines))
            : spec.SurfaceContours is { } sc ? Attributes(("z", Attributes(("show", sc.Show), ("usecolormap", sc.UseColormap),
                ("project", sc.ProjectOnFloor is null ? null : Attributes(("z", sc.ProjectOnFloor))), ("width", sc.Width))))
            : null);
        Set("colorbar", spec.ColorBar is { } cb ? Attributes(("title", cb.Title is null ? null : Attributes(("text", cb.Title))), ("len", cb.Length),
            ("y", cb.Y), ("yanchor", cb.YAnchor), ("thickness", cb.Thickness)) : null);
        Set("mode", spec.Mode is { } m ? ModeName(m) : null);
        Set("fill", spec.FillColor is null ? null : "toself");
        Set("fillcolor", spec.FillColor);
        Set("name", spec.Name);
        Set("line", spec.Line is null ? null : LineAttributes(spec.Line));
        Set("marker", spec.Marker is { } mk ? Attributes(("color", (object?)mk.Colors?.ToArray() ?? mk.Color), ("size", mk.Size),
            ("symbol", (object?)mk.Symbols?.ToArray() ?? mk.Symbol), ("opacity", mk.Opacity),
            ("line", mk.Outline is null ? null : LineAttributes(mk.Outline))) : null);
        Set("text", spec.Text?.ToArray());
        Set("textposition", spec.TextPosition);
        Set("textfont", spec.TextFont is { } f ? Attributes(("color", f.Color), ("size", f.Size)) : null);
        Set("showlegend", spec.ShowLegend);
        Set("legendgroup", spec.LegendGroup);
        Set("hoverinfo", spec.NoHover ? "skip" : spec.HoverNameOnly ? "name" : null);
        Set("hovertemplate", spec.HoverTemplate);
        Set("xaxis", spec.XAxis);
        Set("yaxis", spec.YAxis);
        return t;
    }

    /// <summary>A Plotly.NET marker object with the attributes of <paramref name="marker"/> (for Plotly.NET.CSharp's <c>Marker:</c> arguments).</summary>
    /// <param name="marker">The marker style.</param>
    public static Plotly.NET.TraceObjects.Marker ToMarker(MarkerStyle marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var result = new Plotly.NET.TraceObjects.Marker();
        foreach (var (key, value) in new (string, object?)[]
        {
            ("size", marker.Size), ("color", (object?)marker.Colors?.ToArray() ?? marker.Color),
            ("symbol", (object?)marker.Symbols?.ToArray() ?? marker.Symbol), ("opacity", marker.Opacity),
            ("line", marker.Outline is null ? null : LineAttributes(marker.Outline)),
        })
            if (value is not null) result.SetProperty(key, value);
        return result;
    }

    /// <summary>The plotly.js layout a <see cref="LayoutSpec"/> describes (the one place layouts are written as attribute objects).</summary>
    /// <param name="spec">The layout.</param>
    public static Layout ToLayout(LayoutSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layout = new Layout();
        void Set(string key, object? value)
        {
            if (value is not null) layout.SetProperty(key, value);
        }
        Set("title", spec.Title is { } t ? Attributes(("text", t.Text), ("x", t.X), ("xref", RefName(t.XRef)), ("xanchor", t.XAnchor),
            ("y", t.Y), ("yref", RefName(t.YRef)), ("yanchor", t.YAnchor), ("font", t.FontSize is null ? null : Attributes(("size", t.FontSize))))
            : null);
        Set("font", spec.FontSize is null ? null : Attributes(("size", spec.FontSize)));
        Set("height", spec.Height);
        Set("margin", spec.Margin is { } m ? Attributes(("l", m.Left), ("r", m.Right), ("t", m.Top), ("b", m.Bottom)) : null);
        Set("xaxis", spec.XAxis is null ? null : AxisAttributes(spec.XAxis));
        Set("yaxis", spec.YAxis is null ? null : AxisAttributes(spec.YAxis));
        Set("xaxis2", spec.XAxis2 is null ? null : AxisAttributes(spec.XAxis2));
        Set("yaxis2", spec.YAxis2 is null ? null : AxisAttributes(spec.YAxis2));
        Set("legend", spec.Legend is { } g ? Attributes(("orientation", g.Orientation), ("x", g.X), ("y", g.Y), ("xanchor", g.XAnchor),
            ("yref", RefName(g.YRef)), ("yanchor", g.YAnchor), ("borderwidth", g.BorderWidth), ("bgcolor", g.Background)) : null);
        Set("scene", spec.Scene is null ? null : SceneAttributes(spec.Scene));
        Set("grid", spec.GridXGap is { } gap ? Attributes(("xgap", gap)) : null);
        Set("showlegend", spec.ShowLegend);
        return layout;
    }

    private static string? RefName(PositionRef? reference) => reference?.ToString().ToLowerInvariant();

    // camera, aspect mode and ratio, then the three axes (the order Apply3D has always written).
    private static Dyn SceneAttributes(SceneStyle scene) => Attributes(
        ("camera", scene.Camera is { } c ? Attributes(("eye", PointAttributes(c.Eye))) : null),
        ("aspectmode", scene.AspectMode?.ToString().ToLowerInvariant()),
        ("aspectratio", PointAttributes(scene.AspectRatio)),
        ("xaxis", Axis3DAttributes(scene.XAxis)), ("yaxis", Axis3DAttributes(scene.YAxis)), ("zaxis", Axis3DAttributes(scene.ZAxis)));

    private static Dyn? PointAttributes(Point3? p) => p is null ? null : Attributes(("x", p.X), ("y", p.Y), ("z", p.Z));

    private static Dyn? Axis3DAttributes(Axis3DStyle? a) => a is null ? null
        : Attributes(("title", a.Title is null ? null : Attributes(("text", a.Title))), ("range", a.Range));

    private static string ModeName(Mode mode) => string.Join("+",
        new[] { (Mode.Lines, "lines"), (Mode.Markers, "markers"), (Mode.Text, "text") }.Where(p => mode.HasFlag(p.Item1)).Select(p => p.Item2));

    private static Dyn LineAttributes(LineStyle line) => Attributes(("color", line.Color), ("width", line.Width),
        ("dash", line.Dash switch { null => null, Dash.DashDot => "dashdot", var d => d.ToString()!.ToLowerInvariant() }));

    private static Dyn AxisAttributes(AxisStyle a) => Attributes(
        ("title", a.Title is null ? null : Attributes(("text", a.Title))), ("range", a.Range), ("domain", a.Domain), ("anchor", a.Anchor),
        ("type", a.Scale switch { AxisScale.Log => "log", AxisScale.Linear => "linear", _ => null }),
        ("exponentformat", a.PowerExponents is true ? "power" : null), ("dtick", a.TickStep),
        ("showgrid", a.ShowGrid), ("gridcolor", a.GridColor), ("zeroline", a.ZeroLine), ("zerolinecolor", a.ZeroLineColor),
        ("linecolor", a.LineColor), ("showline", a.ShowLine), ("ticks", a.OutsideTicks is true ? "outside" : null), ("mirror", a.Mirror),
        ("automargin", a.AutoMargin), ("scaleanchor", a.ScaleAnchor), ("scaleratio", a.ScaleRatio), ("constrain", a.ConstrainToDomain is true ? "domain" : null));

    // An attribute object from the pairs whose value is set.
    private static Dyn Attributes(params (string Key, object? Value)[] properties)
    {
        var obj = new Dyn();
        foreach (var (key, value) in properties)
            if (value is not null) obj.SetProperty(key, value);
        return obj;
    }

    private static Layout SizedLayout(string? title, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        var layout = new Layout();
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        if (title is not null) layout.SetProperty("title", Obj(("text", title)));
        return layout;
    }
}

// ---- Typed building blocks ---------------------------------------------------------------------------------------
// Every chart describes its traces and layouts with these records; ChartStyle.ToTrace / ToLayout are the one place
// that turns them into plotly.js attribute objects (ChartBuildingBlockRuleTests checks that no other chart code
// writes attribute objects by name).

/// <summary>plotly.js line dash styles.</summary>
public enum Dash
{
    /// <summary>A solid line.</summary>
    Solid,
    /// <summary>Dashes.</summary>
    Dash,
    /// <summary>Dots.</summary>
    Dot,
    /// <summary>Dashes and dots.</summary>
    DashDot,
}

/// <summary>An axis scale.</summary>
public enum AxisScale
{
    /// <summary>Linear.</summary>
    Linear,
    /// <summary>Base-10 logarithmic.</summary>
    Log,
}

/// <summary>The trace types the course draws: 2-D ones (<see cref="ChartStyle.ToTrace"/>) and 3-D ones (<see cref="ChartStyle.ToTrace3D"/>).</summary>
public enum TraceKind
{
    /// <summary>Points, lines and text (<c>scatter</c>).</summary>
    Scatter,
    /// <summary>Contour lines or filled contours of a grid (<c>contour</c>).</summary>
    Contour,
    /// <summary>A colour grid (<c>heatmap</c>).</summary>
    Heatmap,
    /// <summary>A surface z = f(x, y) over a grid in a 3-D scene (<c>surface</c>).</summary>
    Surface,
    /// <summary>Points and lines in a 3-D scene (<c>scatter3d</c>).</summary>
    Scatter3D,
}

/// <summary>What a title's or legend's position is measured in: the plot area (<c>paper</c>) or the whole figure (<c>container</c>).</summary>
public enum PositionRef
{
    /// <summary>Fractions of the plot area.</summary>
    Paper,
    /// <summary>Fractions of the whole figure, margins included.</summary>
    Container,
}

/// <summary>How a 3-D scene scales its three axes.</summary>
public enum SceneAspect
{
    /// <summary>plotly.js chooses (data proportions unless one axis is much longer).</summary>
    Auto,
    /// <summary>A cube: all three axes drawn equally long.</summary>
    Cube,
    /// <summary>Proportional to the data's ranges.</summary>
    Data,
    /// <summary>The lengths given by <see cref="SceneStyle.AspectRatio"/>.</summary>
    Manual,
}

/// <summary>What a scatter trace draws; combine with <c>|</c>.</summary>
[Flags]
public enum Mode
{
    /// <summary>Lines through the points.</summary>
    Lines = 1,
    /// <summary>Markers at the points.</summary>
    Markers = 2,
    /// <summary>Text at the points.</summary>
    Text = 4,
}

/// <summary>How a contour trace colours its levels.</summary>
public enum ContourColoring
{
    /// <summary>A smooth heat map under the lines.</summary>
    Heatmap,
    /// <summary>Filled bands between levels.</summary>
    Fill,
    /// <summary>Coloured lines only.</summary>
    Lines,
    /// <summary>Lines in the trace's line colour only.</summary>
    None,
}

/// <summary>A line's colour (CSS), width in pixels and dash style; null leaves plotly.js's default.</summary>
public sealed record LineStyle(string? Color = null, double? Width = null, Dash? Dash = null);

/// <summary>
/// A marker: one colour or one per point (<paramref name="Colors"/>), size in pixels, opacity, outline, and one symbol or
/// one per point (plotly.js symbol names such as <c>circle</c>, <c>circle-open</c>, <c>star</c>, <c>x</c>).
/// </summary>
public sealed record MarkerStyle(string? Color = null, double? Size = null, double? Opacity = null, LineStyle? Outline = null,
    IReadOnlyList<string>? Colors = null, string? Symbol = null, IReadOnlyList<string>? Symbols = null);

/// <summary>A font's colour and size.</summary>
public sealed record FontStyle(string? Color = null, double? Size = null);

/// <summary>A colour bar: title, length and vertical position (fractions of the plot), anchor and thickness in pixels.</summary>
public sealed record ColorBarStyle(string? Title = null, double? Length = null, double? Y = null, string? YAnchor = null, double? Thickness = null);

/// <summary>Contour levels from <paramref name="Start"/> to <paramref name="End"/> every <paramref name="Size"/>, and how they are coloured.</summary>
public sealed record ContourLevels(double? Start = null, double? End = null, double? Size = null, ContourColoring? Coloring = null, bool? ShowLines = null);

/// <summary>
/// A 2-D axis: title, range, domain (fraction of the figure), the axis it is anchored to (<c>x</c>, <c>y</c>, <c>x2</c>, …),
/// scale, grid, zero line, axis line, outside ticks, mirroring, automatic margin, equal scaling with another axis,
/// exponents written as powers (10⁻⁶ rather than 1e-6), and the step between ticks (<c>dtick</c>; on a log axis in
/// decades: 1 is one tick per power of ten, 2 every second power).
/// </summary>
public sealed record AxisStyle(string? Title = null, double[]? Range = null, double[]? Domain = null, string? Anchor = null,
    AxisScale? Scale = null, bool? ShowGrid = null, string? GridColor = null, bool? ZeroLine = null, string? ZeroLineColor = null,
    string? LineColor = null, bool? ShowLine = null, bool? OutsideTicks = null, bool? Mirror = null, bool? AutoMargin = null,
    string? ScaleAnchor = null, double? ScaleRatio = null, bool? ConstrainToDomain = null, bool? PowerExponents = null, double? TickStep = null);

/// <summary>
/// The legend: orientation (<c>h</c> or <c>v</c>), position and anchors, border width, background colour, and what
/// <paramref name="Y"/> is measured in (default the plot area).
/// </summary>
public sealed record LegendStyle(string? Orientation = null, double? X = null, double? Y = null, string? XAnchor = null, string? YAnchor = null,
    double? BorderWidth = null, string? Background = null, PositionRef? YRef = null);

/// <summary>Figure margins in pixels.</summary>
public sealed record MarginStyle(int? Left = null, int? Right = null, int? Top = null, int? Bottom = null);

/// <summary>
/// A chart title: text, horizontal position (fraction) and anchor, font size, vertical position (fraction) and anchor,
/// and what each position is measured in (plotly.js's defaults: x in the container, y automatic).
/// </summary>
public sealed record TitleStyle(string Text, double? X = null, string? XAnchor = null, double? FontSize = null,
    PositionRef? XRef = null, double? Y = null, PositionRef? YRef = null, string? YAnchor = null);

/// <summary>A point or direction in a 3-D scene.</summary>
public sealed record Point3(double X, double Y, double Z);

/// <summary>One axis of a 3-D scene: title and range (the course template gives every scene axis its look).</summary>
public sealed record Axis3DStyle(string? Title = null, double[]? Range = null);

/// <summary>The camera of a 3-D scene: the eye's position relative to the scene's centre (in units of the scene box).</summary>
public sealed record CameraStyle(Point3? Eye = null);

/// <summary>
/// A 3-D scene: its three axes, the camera, and how the axes are scaled (<see cref="SceneAspect.Manual"/> takes the box's
/// relative lengths from <paramref name="AspectRatio"/>).
/// </summary>
public sealed record SceneStyle(Axis3DStyle? XAxis = null, Axis3DStyle? YAxis = null, Axis3DStyle? ZAxis = null, CameraStyle? Camera = null,
    SceneAspect? AspectMode = null, Point3? AspectRatio = null);

/// <summary>
/// Contour lines of a surface at constant z: whether they show, whether they take the colour scale, whether they are
/// also projected onto the floor of the scene, and their width in pixels.
/// </summary>
public sealed record SurfaceContourStyle(bool? Show = null, bool? UseColormap = null, bool? ProjectOnFloor = null, double? Width = null);

/// <summary>
/// A layout: title, base font size, height, margins, up to two x and two y axes, the legend (and whether it shows),
/// the horizontal gap between the panels of a subplot grid (a fraction of a panel's width), and the 3-D scene.
/// </summary>
public sealed record LayoutSpec(TitleStyle? Title = null, double? FontSize = null, int? Height = null, MarginStyle? Margin = null,
    AxisStyle? XAxis = null, AxisStyle? YAxis = null, AxisStyle? XAxis2 = null, AxisStyle? YAxis2 = null, LegendStyle? Legend = null,
    bool? ShowLegend = null, double? GridXGap = null, SceneStyle? Scene = null);

/// <summary>
/// One trace. X and Y are coordinates (NaN or ±∞ become gaps); a grid trace (contour, heat map, surface) takes
/// <see cref="Z"/> (rows follow y), <see cref="ZWithGaps"/> (null where the function has no value) or, to keep a long
/// animation small, <see cref="ZWhole"/> (whole numbers, e.g. percentages); a 3-D scatter takes <see cref="ZCoordinates"/>.
/// Unset members keep plotly.js's defaults.
/// </summary>
public sealed record TraceSpec(TraceKind Kind = TraceKind.Scatter)
{
    /// <summary>x coordinates (or the grid's columns).</summary>
    public IReadOnlyList<double>? X { get; init; }
    /// <summary>y coordinates (or the grid's rows).</summary>
    public IReadOnlyList<double>? Y { get; init; }
    /// <summary>Grid values, one row per y.</summary>
    public IReadOnlyList<double[]>? Z { get; init; }
    /// <summary>Grid values as whole numbers, one row per y.</summary>
    public IReadOnlyList<int[]>? ZWhole { get; init; }
    /// <summary>Grid values, one row per y, null where there is none (a gap in the contour or surface).</summary>
    public IReadOnlyList<double?[]>? ZWithGaps { get; init; }
    /// <summary>z coordinates of a 3-D scatter trace, one per x (NaN or ±∞ become gaps).</summary>
    public IReadOnlyList<double>? ZCoordinates { get; init; }
    /// <summary>The values a surface is coloured by instead of its z (same shape as the grid; null leaves a cell uncoloured).</summary>
    public IReadOnlyList<double?[]>? SurfaceColor { get; init; }
    /// <summary>Extra values per grid cell for hover templates (<c>%{customdata}</c>), e.g. f when the colours show log f.</summary>
    public IReadOnlyList<double?[]>? CustomData { get; init; }
    /// <summary>Contour lines of a surface (for a contour trace use <see cref="Contours"/>).</summary>
    public SurfaceContourStyle? SurfaceContours { get; init; }
    /// <summary>The legend group: traces of one group show and hide together when one of their entries is clicked.</summary>
    public string? LegendGroup { get; init; }
    /// <summary>True: the hover label shows only the trace's name.</summary>
    public bool HoverNameOnly { get; init; }
    /// <summary>What a scatter trace draws.</summary>
    public Mode? Mode { get; init; }
    /// <summary>Legend name.</summary>
    public string? Name { get; init; }
    /// <summary>Line style (also a contour's lines).</summary>
    public LineStyle? Line { get; init; }
    /// <summary>Marker style.</summary>
    public MarkerStyle? Marker { get; init; }
    /// <summary>Text per point (shown with <see cref="Mode.Text"/>, and available to hover templates).</summary>
    public IReadOnlyList<string>? Text { get; init; }
    /// <summary>Where text sits, e.g. <c>top center</c>, <c>middle right</c>.</summary>
    public string? TextPosition { get; init; }
    /// <summary>Text font.</summary>
    public FontStyle? TextFont { get; init; }
    /// <summary>Whether the trace appears in the legend.</summary>
    public bool? ShowLegend { get; init; }
    /// <summary>True: no hover label at all.</summary>
    public bool NoHover { get; init; }
    /// <summary>A plotly.js hover template.</summary>
    public string? HoverTemplate { get; init; }
    /// <summary>The x axis it is drawn on (<c>x2</c> for a second panel).</summary>
    public string? XAxis { get; init; }
    /// <summary>The y axis it is drawn on (<c>y2</c> for a second panel).</summary>
    public string? YAxis { get; init; }
    /// <summary>Lower end of the colour scale.</summary>
    public double? ZMin { get; init; }
    /// <summary>Upper end of the colour scale.</summary>
    public double? ZMax { get; init; }
    /// <summary>A named colour scale (e.g. <c>Viridis</c>).</summary>
    public string? ColorScaleName { get; init; }
    /// <summary>A colour scale as (position in [0, 1], CSS colour) stops.</summary>
    public IReadOnlyList<(double At, string Color)>? ColorScale { get; init; }
    /// <summary>Reverse the colour scale.</summary>
    public bool? ReverseScale { get; init; }
    /// <summary>Approximate number of contour levels.</summary>
    public int? ContourCount { get; init; }
    /// <summary>Contour levels and colouring.</summary>
    public ContourLevels? Contours { get; init; }
    /// <summary>The colour bar.</summary>
    public ColorBarStyle? ColorBar { get; init; }
    /// <summary>Whether the colour bar is shown.</summary>
    public bool? ShowScale { get; init; }
    /// <summary>Trace opacity.</summary>
    public double? Opacity { get; init; }
    /// <summary>Smooth a heat map's cells (<c>best</c>).</summary>
    public bool? Smooth { get; init; }
    /// <summary>Fill the polygon the points trace (<c>fill: toself</c>) with this CSS colour.</summary>
    public string? FillColor { get; init; }
}
