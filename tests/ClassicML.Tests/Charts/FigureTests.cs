using System.Text.Json.Nodes;
using ClassicML.Charts;
using Plotly.NET;
using GenericChart = Plotly.NET.GenericChart;
using Figure = ClassicML.Charts.Figure;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ClassicML.Tests.Charts;

public class FigureTests
{
    private static GenericChart Line(double slope) =>
        CSChart.Line<double, double, string>(x: new[] { 0.0, 1.0, 2.0 }, y: new[] { 0.0, slope, 2 * slope });

    [Fact]
    public void Still_figure_has_data_layout_config_and_no_frames()
    {
        var json = new Figure(Line(1)).ToJsonObject();
        Assert.Single(json["data"]!.AsArray());
        Assert.NotNull(json["layout"]);
        Assert.True(json["config"]!["responsive"]!.GetValue<bool>());
        Assert.Empty(json["frames"]!.AsArray());
        Assert.Null(json["layout"]!["sliders"]);
    }

    [Fact]
    public void Animated_figure_carries_frames_slider_steps_and_play_pause()
    {
        var frames = Enumerable.Range(1, 4).Select(k => new AnimationFrame($"f{k}", Line(k), Label: $"epoch {k}"));
        var json = new Figure(Line(0), frames).ToJsonObject();
        var f = json["frames"]!.AsArray();
        Assert.Equal(4, f.Count);
        Assert.Equal("f3", f[2]!["name"]!.GetValue<string>());
        Assert.Equal(6.0, f[2]!["data"]![0]!["y"]![2]!.GetValue<double>());
        var steps = json["layout"]!["sliders"]![0]!["steps"]!.AsArray();
        Assert.Equal(new[] { "f1", "f2", "f3", "f4" }, steps.Select(s => s!["args"]![0]![0]!.GetValue<string>()));
        Assert.Equal("epoch 2", steps[1]!["label"]!.GetValue<string>());
        var buttons = json["layout"]!["updatemenus"]![0]!["buttons"]!.AsArray();
        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, b => Assert.Equal("animate", b!["method"]!.GetValue<string>()));
    }

    [Fact]
    public void Duplicate_frame_names_are_rejected_with_the_parameter_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Figure(Line(0), [new AnimationFrame("a", Line(1)), new AnimationFrame("a", Line(2))]));
        Assert.Equal("frames", ex.ParamName);
    }

    [Fact]
    public void Html_embeds_json_that_cannot_close_the_script_element()
    {
        var chart = CSChart.Line<double, double, string>(x: new[] { 0.0, 1.0 }, y: new[] { 0.0, 1.0 }, Name: "</script><b>x</b>");
        var html = new Figure(chart).ToHtml("fig1");
        Assert.Contains("id=\"fig1\"", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "</script>"));
        Assert.Contains("Plotly", html);
    }

    [Fact]
    public void Div_id_is_derived_from_the_figure_not_drawn_at_random()
    {
        // A slope no other test uses, so this process has drawn this figure only here.
        var first = IdOf(new Figure(Line(7.25)).ToHtml());
        var again = IdOf(new Figure(Line(7.25)).ToHtml());
        var other = IdOf(new Figure(Line(7.5)).ToHtml());
        var json = new Figure(Line(7.25)).ToJsonObject().ToJsonString();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..12];
        Assert.Equal("classicml-figure-" + hash, first);
        Assert.Equal(first + "-2", again); // the same figure twice on a page still gets two ids
        Assert.NotEqual(first, other);
        Assert.StartsWith("classicml-figure-", other);

        static string IdOf(string html) => System.Text.RegularExpressions.Regex.Match(html, "<div id=\"([^\"]+)\"").Groups[1].Value;
    }

    [Fact]
    public void Formatter_source_found_by_convention_writes_html_plotly_json_and_text()
    {
        var attr = typeof(Figure).GetCustomAttributes(false).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attr.GetType().GetProperty("FormatterSourceType")!.GetValue(attr)!;
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = (IEnumerable<object>)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
        var figure = new Figure(Line(2));
        var byMime = formatters.ToDictionary(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!, f =>
        {
            var w = new StringWriter();
            Assert.True((bool)f.GetType().GetMethod("Format")!.Invoke(f, [figure, w])!);
            return w.ToString();
        });
        Assert.Contains("<div", byMime["text/html"]);
        Assert.NotNull(JsonNode.Parse(byMime["application/vnd.plotly.v1+json"])!["data"]);
        Assert.Equal("Figure (1 traces)", byMime["text/plain"]);
    }
}
