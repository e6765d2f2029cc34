using Plotly.NET;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ClassicML.Charts;

/// <summary>Line charts of one-variable functions sampled on an even grid (σ and σ′, per-sample losses, …).</summary>
public static class FunctionCharts
{
    /// <summary>
    /// <paramref name="f"/> and its derivative <paramref name="df"/> on one axis, each sampled at
    /// zₖ = from + k·(to − from)/(points − 1), k = 0 … points − 1; the derivative is dashed.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="df">Its derivative.</param>
    /// <param name="from">Left end of the interval (finite, &lt; <paramref name="to"/>).</param>
    /// <param name="to">Right end of the interval.</param>
    /// <param name="points">Number of sample points (2 … 100 000).</param>
    /// <param name="fName">Legend name of f.</param>
    /// <param name="dfName">Legend name of f′.</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    public static Figure FunctionWithDerivative(Func<double, double> f, Func<double, double> df, double from, double to, int points = 401,
        string fName = "f(z)", string dfName = "f′(z)", string? title = null, string xTitle = "z")
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(df);
        var z = NumericGrid.Linspace(from, to, points);
        var chart = CSChart.Combine(
        [
            Traces.Line(z, Evaluate(f, z), fName, ChartStyle.Color(0), width: 3),
            Traces.Line(z, Evaluate(df, z), dfName, ChartStyle.Color(1), width: 2.5, dash: "dash"),
        ]);
        return ChartStyle.Apply(chart, title, xTitle, yTitle: null);
    }

    /// <summary>
    /// Several named functions on one axis, each sampled at xₖ = from + k·(to − from)/(points − 1); colours follow
    /// <see cref="ChartStyle.Palette"/> in the given order. Non-finite values leave gaps.
    /// </summary>
    /// <param name="functions">Legend name and function, in drawing order (at least one).</param>
    /// <param name="from">Left end of the interval (finite, &lt; <paramref name="to"/>).</param>
    /// <param name="to">Right end of the interval.</param>
    /// <param name="points">Number of sample points (2 … 100 000).</param>
    /// <param name="title">Chart title; null for none.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title; null for none.</param>
    /// <param name="yRange">Optional visible y range (min, max), e.g. to cut off a loss that grows without bound.</param>
    public static Figure Functions(IEnumerable<(string Name, Func<double, double> F)> functions, double from, double to, int points = 401,
        string? title = null, string xTitle = "x", string? yTitle = null, (double Min, double Max)? yRange = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var list = functions.ToArray();
        if (list.Length == 0) throw new ArgumentException("Give at least one (name, function) pair to draw.", nameof(functions));
        var x = NumericGrid.Linspace(from, to, points);
        var traces = new List<GenericChart>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            var (name, fn) = list[i];
            if (fn is null) throw new ArgumentException($"Function {i} ('{name}') is null.", nameof(functions));
            traces.Add(Traces.Line(x, Evaluate(fn, x), name ?? $"f{i}", ChartStyle.Color(i)));
        }
        var chart = ChartStyle.Apply(CSChart.Combine(traces), title, xTitle, yTitle);
        if (yRange is { } r)
        {
            if (!(double.IsFinite(r.Min) && double.IsFinite(r.Max) && r.Min < r.Max))
                throw new ArgumentException($"yRange ({r.Min}, {r.Max}) must be finite with Min < Max.", nameof(yRange));
            chart = ChartStyle.WithLayout(chart, new LayoutSpec(YAxis: new AxisStyle(Range: [r.Min, r.Max])));
        }
        return chart;
    }

    private static double[] Evaluate(Func<double, double> f, double[] x)
    {
        var y = new double[x.Length];
        for (var k = 0; k < x.Length; k++) y[k] = f(x[k]);
        return y;
    }
}
