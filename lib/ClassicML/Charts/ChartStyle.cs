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
        var scene = Obj(("camera", Obj(("eye", Obj(("x", 1.5), ("y", -1.6), ("z", 1.1))))), ("aspectmode", "cube"));
        if (xTitle is not null) scene.SetProperty("xaxis", Obj(("title", Obj(("text", xTitle)))));
        if (yTitle is not null) scene.SetProperty("yaxis", Obj(("title", Obj(("text", yTitle)))));
        if (zTitle is not null) scene.SetProperty("zaxis", Obj(("title", Obj(("text", zTitle)))));
        layout.SetProperty("scene", scene);
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
