using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace ClassicML.Charts;

/// <summary>
/// A chart ready to be shown: a Plotly.NET <see cref="GenericChart"/> plus, for animations, a list of
/// <see cref="AnimationFrame"/>s driven by play/pause buttons and a slider.
/// </summary>
/// <remarks>
/// Plotly.NET 6 cannot express plotly.js frames, so the figure JSON is assembled here:
/// <c>{data, layout, config, frames}</c>, drawn with <c>Plotly.newPlot(div, figure)</c>.
/// A <see cref="Figure"/> formats itself as <c>text/html</c> and <c>application/vnd.plotly.v1+json</c>
/// through a formatter source found by convention, so it draws in Polyglot Notebooks, in the course's
/// runner and in the rendered site without Plotly.NET.Interactive.
/// </remarks>
[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class Figure
{
    /// <summary>How many figures with each content hash this process has drawn (ids stay unique on a page).</summary>
    private static readonly Dictionary<string, int> s_drawn = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="chart"/>; with <paramref name="frames"/> it becomes an animation.</summary>
    /// <param name="chart">The first picture: its traces are what frames replace.</param>
    /// <param name="frames">Animation frames in playing order; empty for a still chart.</param>
    /// <param name="animation">Timing and labels of the play/pause buttons and slider.</param>
    public Figure(GenericChart chart, IEnumerable<AnimationFrame>? frames = null, AnimationSettings? animation = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        Chart = chart;
        Frames = frames?.ToArray() ?? [];
        Animation = animation ?? new AnimationSettings();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var frame in Frames)
        {
            ArgumentNullException.ThrowIfNull(frame, nameof(frames));
            if (!names.Add(frame.Name))
                throw new ArgumentException($"Frame names must be unique; '{frame.Name}' appears twice. Give each frame its own name (e.g. the epoch).", nameof(frames));
        }
    }

    /// <summary>The Plotly.NET chart that is drawn first.</summary>
    public GenericChart Chart { get; }

    /// <summary>Animation frames, in playing order (empty for a still chart).</summary>
    public IReadOnlyList<AnimationFrame> Frames { get; }

    /// <summary>Timing and labels of the animation controls.</summary>
    public AnimationSettings Animation { get; }

    /// <summary>True when the figure has at least one frame.</summary>
    public bool IsAnimated => Frames.Count > 0;

    /// <summary>Wraps a still Plotly.NET chart.</summary>
    public static implicit operator Figure(GenericChart chart) => new(chart);

    /// <summary>Returns a copy of this figure with <paramref name="frames"/> as its animation.</summary>
    public Figure WithFrames(IEnumerable<AnimationFrame> frames, AnimationSettings? animation = null) =>
        new(Chart, frames, animation ?? Animation);

    /// <summary>
    /// The plotly.js figure as a JSON object: <c>{"data": [...], "layout": {...}, "config": {...}, "frames": [...]}</c>;
    /// for an animation the layout also carries the play/pause <c>updatemenus</c> and the <c>sliders</c>.
    /// </summary>
    public JsonObject ToJsonObject()
    {
        var figure = ParseFigure(Chart);
        var config = JsonNode.Parse(SerializeConfig(Chart)) as JsonObject ?? new JsonObject();
        config["responsive"] = true;
        figure["config"] = config;
        var frames = new JsonArray();
        foreach (var frame in Frames)
            frames.Add(frame.ToJson());
        figure["frames"] = frames;
        if (IsAnimated)
            AddAnimationControls(figure["layout"]!.AsObject());
        return figure;
    }

    /// <summary>The figure as compact JSON text (see <see cref="ToJsonObject"/>).</summary>
    public string ToJson() => ToJsonObject().ToJsonString();

    /// <summary>
    /// A self-contained HTML fragment: a <c>div</c> and a script that draws the figure with the page's
    /// <c>window.Plotly</c>, or, where the page has none (a notebook front end), loads plotly.js
    /// 2.28.0 once (through require.js when the page uses it).
    /// </summary>
    /// <param name="divId">
    /// The id of the chart's div. When null it is derived from the figure itself:
    /// <c>classicml-figure-{first 12 hex digits of SHA-256(figure JSON)}</c>, with <c>-2</c>, <c>-3</c>, … for the
    /// same figure drawn again in this process, so running the same notebook twice writes the same HTML.
    /// </param>
    public string ToHtml(string? divId = null)
    {
        var figure = ToJsonObject();
        divId ??= StableId(figure.ToJsonString());
        var layout = figure["layout"]!.AsObject();
        var height = layout["height"]?.GetValue<double>() ?? 500;
        // Default JSON escaping turns < > & into \u003C..., so the JSON cannot close the script element.
        var json = figure.ToJsonString();
        var html = new StringBuilder();
        html.Append("<div id=\"").Append(divId).Append("\" class=\"classicml-figure\" style=\"width:100%;min-height:")
            .Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\"></div>\n");
        html.Append("<script type=\"text/javascript\">\n(function () {\n");
        html.Append("  var figure = ").Append(json).Append(";\n");
        html.Append("  var id = '").Append(divId).Append("';\n");
        html.Append(DrawScript);
        html.Append("})();\n</script>");
        return html.ToString();
    }

    private static string StableId(string json)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        int count;
        lock (s_drawn)
        {
            count = s_drawn.TryGetValue(hash, out var n) ? n + 1 : 1;
            s_drawn[hash] = count;
        }
        return "classicml-figure-" + hash + (count > 1 ? "-" + count.ToString(CultureInfo.InvariantCulture) : "");
    }

    /// <summary>A one-line description used as the plain-text form of the figure.</summary>
    public override string ToString()
    {
        var traces = GenericChart.getTraces(Chart).Length;
        return IsAnimated ? $"Figure ({traces} traces, {Frames.Count} frames)" : $"Figure ({traces} traces)";
    }

    private const string DrawScript = """
          function draw(P) { P.newPlot(id, figure); }
          if (window.Plotly) { draw(window.Plotly); return; }
          var src = 'https://cdn.plot.ly/plotly-2.28.0.min.js';
          if (typeof window.requirejs === 'function') {
            window.requirejs.config({ paths: { classicml_plotly: src.replace(/\.js$/, '') } });
            window.requirejs(['classicml_plotly'], function (P) { window.Plotly = P; draw(P); });
            return;
          }
          var tag = document.getElementById('classicml-plotly-js');
          if (!tag) {
            tag = document.createElement('script');
            tag.id = 'classicml-plotly-js';
            tag.src = src;
            document.head.appendChild(tag);
          }
          tag.addEventListener('load', function () { draw(window.Plotly); });

        """;

    internal static JsonObject ParseFigure(GenericChart chart)
    {
        var node = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        node.Remove("frames");
        return node;
    }

    private static string SerializeConfig(GenericChart chart)
    {
        // Config is a DynamicObj; Plotly.NET serialises it with Newtonsoft inside toChartHTML only,
        // so take its JSON from the same serializer settings Plotly.NET uses for figures.
        return Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getConfig(chart), Globals.JSON_CONFIG);
    }

    private void AddAnimationControls(JsonObject layout)
    {
        var a = Animation;
        JsonObject Step(string? frame, bool immediate) => new()
        {
            ["frame"] = new JsonObject { ["duration"] = a.FrameDurationMs, ["redraw"] = a.Redraw },
            ["transition"] = new JsonObject { ["duration"] = a.TransitionMs },
            ["mode"] = immediate ? "immediate" : "afterall",
            ["fromcurrent"] = true,
        };
        layout["updatemenus"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "buttons",
                ["direction"] = "left",
                ["showactive"] = false,
                ["x"] = 0.0, ["xanchor"] = "left", ["y"] = -0.12, ["yanchor"] = "top",
                ["pad"] = new JsonObject { ["t"] = 10, ["r"] = 10 },
                ["buttons"] = new JsonArray
                {
                    new JsonObject { ["label"] = "▶ Play", ["method"] = "animate", ["args"] = new JsonArray(null, Step(null, false)) },
                    new JsonObject
                    {
                        ["label"] = "❚❚ Pause", ["method"] = "animate",
                        ["args"] = new JsonArray(new JsonArray((JsonNode?)null), new JsonObject
                        {
                            ["frame"] = new JsonObject { ["duration"] = 0, ["redraw"] = false },
                            ["transition"] = new JsonObject { ["duration"] = 0 },
                            ["mode"] = "immediate",
                        }),
                    },
                },
            },
        };
        var steps = new JsonArray();
        foreach (var frame in Frames)
        {
            steps.Add(new JsonObject
            {
                ["label"] = frame.Label ?? frame.Name,
                ["method"] = "animate",
                ["args"] = new JsonArray(new JsonArray(frame.Name), Step(frame.Name, true)),
            });
        }
        layout["sliders"] = new JsonArray
        {
            new JsonObject
            {
                ["active"] = 0,
                ["x"] = 0.18, ["len"] = 0.82, ["y"] = -0.08, ["yanchor"] = "top",
                ["pad"] = new JsonObject { ["t"] = 30 },
                // Label on the right: on the left it would sit behind the play/pause buttons.
                ["currentvalue"] = new JsonObject { ["prefix"] = a.SliderPrefix, ["visible"] = true, ["xanchor"] = "right" },
                ["steps"] = steps,
            },
        };
        var margin = layout["margin"] as JsonObject ?? new JsonObject();
        if (margin["b"] is null) margin["b"] = 140;
        layout["margin"] = margin;
    }
}

/// <summary>
/// One picture of an animation: the traces that replace the figure's traces at <see cref="TraceIndices"/>
/// (all traces, in order, when null), and an optional new title.
/// </summary>
/// <param name="Name">Unique name; the slider steps to it.</param>
/// <param name="Data">A chart whose traces are this frame's data, in the same order as the figure's.</param>
/// <param name="TraceIndices">Which of the figure's traces the frame's traces replace; null means 0..n−1.</param>
/// <param name="Title">A title shown while this frame is displayed; null keeps the figure's.</param>
/// <param name="Label">The slider label; null uses <paramref name="Name"/>.</param>
public sealed record AnimationFrame(string Name, GenericChart Data, IReadOnlyList<int>? TraceIndices = null, string? Title = null, string? Label = null)
{
    /// <summary>The plotly.js frame object <c>{name, data, traces?, layout?}</c>.</summary>
    public JsonObject ToJson()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new ArgumentException("An animation frame needs a non-empty name (e.g. \"epoch 10\").", nameof(Name));
        // A frame contributes traces only: serialising just them (not the figure, whose layout carries a template) keeps
        // each frame as small as its data, whatever template or layout the chart it came from has.
        var traces = JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getTraces(Data), Globals.JSON_CONFIG))!;
        var frame = new JsonObject { ["name"] = Name, ["data"] = traces };
        if (TraceIndices is not null)
            frame["traces"] = new JsonArray(TraceIndices.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        if (Title is not null)
            frame["layout"] = new JsonObject { ["title"] = new JsonObject { ["text"] = Title } };
        return frame;
    }
}

/// <summary>Timing and labels of an animation's play/pause buttons and slider.</summary>
/// <param name="FrameDurationMs">How long each frame stays on screen while playing, in milliseconds.</param>
/// <param name="TransitionMs">Length of the tween between frames, in milliseconds (0 for none).</param>
/// <param name="Redraw">Whether plotly.js fully redraws each frame (needed for heatmaps and contours).</param>
/// <param name="SliderPrefix">Text before the current frame's label above the slider.</param>
public sealed record AnimationSettings(int FrameDurationMs = 150, int TransitionMs = 0, bool Redraw = true, string SliderPrefix = "");
