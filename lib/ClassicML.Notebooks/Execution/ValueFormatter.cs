using System.Collections.Concurrent;
using System.Reflection;
using ClassicML.Notebooks.Documents;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Turns a value into a MIME bundle the way the C# kernel did, through
/// <see cref="Formatter"/> (which honours a type's <c>TypeFormatterSourceAttribute</c> by convention):
/// strings, numbers and other scalars as text/plain only; other values as text/html and text/plain, plus
/// <c>application/vnd.plotly.v1+json</c> when the type has a formatter for it (charts).
/// </summary>
public static class ValueFormatter
{
    /// <summary>The MIME type of a plotly.js figure (<c>{data, layout, config, frames}</c>).</summary>
    public const string PlotlyJson = "application/vnd.plotly.v1+json";

    private static readonly ConcurrentDictionary<Type, string[]> s_conventionMimeTypes = new();
    private static readonly object s_gate = new();
    private static bool s_registered;

    /// <summary>
    /// Formats <paramref name="value"/> in <paramref name="mimeTypes"/>, or, when none are given, in the default
    /// types for its kind (see the class summary). A null value is the text <c>&lt;null&gt;</c>.
    /// </summary>
    public static MimeBundle Format(object? value, IReadOnlyList<string>? mimeTypes = null)
    {
        EnsureRegistered();
        var bundle = new MimeBundle();
        if (value is null)
        {
            bundle.Set("text/plain", "<null>");
            return bundle;
        }
        IEnumerable<string> types = mimeTypes is { Count: > 0 } ? mimeTypes : DefaultMimeTypes(value);
        foreach (var mime in types)
        {
            string text;
            lock (s_gate) text = Formatter.ToDisplayString(value, mime);
            // Formatting writes some of its HTML (style blocks) with \r\n; notebooks use \n throughout.
            bundle.Set(mime, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        }
        return bundle;
    }

    /// <summary>Formats a small object once so that Formatting's one-time set-up is paid early (safe to call repeatedly).</summary>
    public static void Warm()
    {
        try
        {
            Format(new[] { 1.0 });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Only a warm-up: the real call reports any problem.
        }
    }

    /// <summary>The MIME types a value is shown in when none are asked for.</summary>
    public static IReadOnlyList<string> DefaultMimeTypes(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        // Text and single numbers read best as they are; their HTML form only wraps them in a <pre> plus a style block.
        if (value is string or char or bool or decimal or Enum or DateTime or DateTimeOffset or TimeSpan or Guid || type.IsPrimitive)
            return ["text/plain"];
        var extra = ConventionMimeTypes(type);
        var mimes = new List<string> { "text/html", "text/plain" };
        if (value is GenericChart || extra.Contains(PlotlyJson)) mimes.Add(PlotlyJson);
        return mimes;
    }

    /// <summary>The MIME types the formatter source named by <paramref name="type"/>'s <c>TypeFormatterSourceAttribute</c> supplies.</summary>
    internal static string[] ConventionMimeTypes(Type type) => s_conventionMimeTypes.GetOrAdd(type, static t =>
    {
        var mimes = new List<string>();
        for (var current = t; current is not null; current = current.BaseType)
        {
            foreach (var attribute in current.GetCustomAttributes(inherit: false))
            {
                var at = attribute.GetType();
                if (at.Name != "TypeFormatterSourceAttribute") continue;
                if (at.GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType) continue;
                try
                {
                    var source = Activator.CreateInstance(sourceType, nonPublic: true);
                    if (sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance)?.Invoke(source, null)
                        is not System.Collections.IEnumerable formatters) continue;
                    foreach (var f in formatters)
                    {
                        if (f?.GetType().GetProperty("MimeType")?.GetValue(f) is string mime) mimes.Add(mime);
                    }
                }
                catch (TargetInvocationException)
                {
                    // A broken formatter source only loses its extra MIME types; Formatter reports the error when it formats.
                }
            }
        }
        return mimes.Distinct().ToArray();
    });

    /// <summary>An HTML table of at most 10×10 entries (corners kept, gaps shown as ⋯/⋮), captioned with the size.</summary>
    internal static string MatrixHtml(Matrix<double> m, string? caption = null)
    {
        const int Max = 10;
        static int[] Pick(int n) => n <= Max ? [.. Enumerable.Range(0, n)] : [.. Enumerable.Range(0, Max / 2), -1, .. Enumerable.Range(n - Max / 2, Max / 2)];
        var rows = Pick(m.RowCount);
        var cols = Pick(m.ColumnCount);
        var html = new System.Text.StringBuilder();
        html.Append("<table class=\"classicml-matrix\"><caption>")
            .Append(System.Net.WebUtility.HtmlEncode(caption ?? $"{m.GetType().Name} {m.RowCount}×{m.ColumnCount}"))
            .Append("</caption><tbody>");
        foreach (var i in rows)
        {
            html.Append("<tr>");
            foreach (var j in cols)
            {
                var cell = i < 0 ? (j < 0 ? "⋱" : "⋮") : j < 0 ? "⋯" : m[i, j].ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
                html.Append("<td style=\"text-align:right\">").Append(cell).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static void EnsureRegistered()
    {
        lock (s_gate)
        {
            if (s_registered) return;
            // Plotly.NET 6 has no formatter of its own (that lived in Plotly.NET.Interactive): draw a bare chart
            // with its self-contained HTML and give its figure JSON too.
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(GenericChart.toChartHTML(chart)), "text/html");
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(GenericChart.toFigureJson(chart)), PlotlyJson);
            Formatter.Register<GenericChart>((chart, writer) => writer.Write($"GenericChart ({GenericChart.getTraces(chart).Length} traces)"), "text/plain");
            // MathNet's own text (size + aligned rows) reads better than a property dump; HTML gets a small table.
            Formatter.Register<Matrix<double>>((m, writer) => writer.Write(m.ToString()), "text/plain");
            Formatter.Register<Vector<double>>((v, writer) => writer.Write(v.ToString()), "text/plain");
            Formatter.Register<Matrix<double>>((m, writer) => writer.Write(MatrixHtml(m)), "text/html");
            Formatter.Register<Vector<double>>((v, writer) => writer.Write(MatrixHtml(v.ToColumnMatrix(), $"{v.GetType().Name} {v.Count}")), "text/html");
            s_registered = true;
        }
    }
}
