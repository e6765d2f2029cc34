using System.Reflection;
using ClassicML.Charts;
using Plotly.NET;
using Microsoft.FSharp.Core;

namespace ClassicML.Tests.Charts;

/// <summary>
/// Charts are built from one set of typed building blocks (<see cref="TraceSpec"/>, <see cref="LayoutSpec"/>,
/// <see cref="AxisStyle"/>, … in Charts/ChartStyle.cs): only <see cref="ChartStyle"/> turns them into plotly.js attribute
/// objects. Checked on the compiled code: no other chart type creates a Plotly.NET dynamic object, sets a property on one
/// by name (DynamicObj.SetProperty / SetValue, DynObj.setValue…), or calls the string-keyed <c>ChartStyle.Obj</c> /
/// <c>ChartStyle.WithLayout((key, value)…)</c>; and no other chart type makes a trace itself: no call to a Plotly.NET or
/// Plotly.NET.CSharp chart constructor that draws data (<c>Chart.Line</c>, <c>Chart.Point</c>, <c>Chart.Contour</c>,
/// <c>Chart.Surface</c>, … — every <c>Chart</c> method that returns a chart and takes none), no <c>new Trace2D(…)</c> or other
/// Plotly.NET trace object, no <c>Trace2D.initScatter</c>-style initialiser. Combining charts made from
/// <see cref="TraceSpec"/>s (<c>Chart.Combine</c>, <c>Chart.Grid</c>) is fine: those take charts.
/// There are no exceptions: every chart file, 2-D and 3-D, is built from the building blocks.
/// </summary>
public class ChartBuildingBlockRuleTests
{
    private static readonly HashSet<string> BuildingBlocks = [nameof(ChartStyle)];

    [Fact]
    public void Only_the_building_blocks_write_plotly_attribute_objects_by_name()
    {
        var offenders = RawAttributeWriters();
        var outside = offenders.Keys.Where(t => !BuildingBlocks.Contains(t)).ToList();
        Assert.True(outside.Count == 0, "Chart code must use the typed building blocks (TraceSpec, LayoutSpec, …), not raw plotly.js attribute objects: "
            + string.Join("; ", outside.Select(t => $"{t}: {string.Join(", ", offenders[t].Distinct())}")));
    }

    [Fact]
    public void Only_the_building_blocks_construct_traces()
    {
        var offenders = TraceConstructorCalls(ChartTypes());
        var outside = offenders.Keys.Where(t => !BuildingBlocks.Contains(t)).ToList();
        Assert.True(outside.Count == 0, "Chart code must build its traces as TraceSpecs (ChartStyle.ToChart / ToTrace), not with Plotly.NET's trace constructors: "
            + string.Join("; ", outside.Select(t => $"{t}: {string.Join(", ", offenders[t].Distinct())}")));
    }

    [Fact]
    public void The_trace_constructor_scan_catches_plotly_trace_constructors_and_lets_combining_pass()
    {
        // The detector itself, on code that is compiled but never run: each forbidden call is seen, the combining calls are not.
        var found = TraceConstructorCalls([typeof(ForbiddenTraceCalls)])[nameof(ForbiddenTraceCalls)].Distinct().ToList();
        foreach (var kind in new[] { "Line", "Point", "Contour", "Surface" })
            Assert.Contains($"Plotly.NET.CSharp.Chart.{kind}", found);
        Assert.Contains(found, c => c.EndsWith("Chart.Point", StringComparison.Ordinal) && !c.StartsWith("Plotly.NET.CSharp.", StringComparison.Ordinal)); // F# API
        Assert.Contains("Plotly.NET.Trace2D..ctor", found);
        Assert.Contains("Plotly.NET.Trace2D.initScatter", found);
        Assert.DoesNotContain(found, c => c.EndsWith(".Combine", StringComparison.Ordinal) || c.EndsWith(".Grid", StringComparison.Ordinal));
        // ChartStyle is where traces are made, so the scan sees it there too.
        Assert.Contains(TraceConstructorCalls(ChartTypes())[nameof(ChartStyle)], c => c.StartsWith("Plotly.NET.Trace2D", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scan_finds_raw_attribute_writes_where_they_are()
    {
        // The detector itself: the building blocks do write attribute objects, so the scan must see them there.
        var offenders = RawAttributeWriters();
        Assert.True(offenders.ContainsKey(nameof(ChartStyle)), "the IL scan did not see ChartStyle's own SetProperty calls");
        Assert.Contains(offenders[nameof(ChartStyle)], c => c.Contains("SetProperty", StringComparison.Ordinal));
    }

    private static Type[] ChartTypes() => typeof(ChartStyle).Assembly.GetTypes().Where(t => t.Namespace == "ClassicML.Charts").ToArray();

    /// <summary>Outermost chart type name → the raw attribute calls found in its methods (lambdas and local functions included).</summary>
    private static Dictionary<string, List<string>> RawAttributeWriters() => Calls(ChartTypes(), IsRawAttributeWrite);

    /// <summary>Outermost type name → the Plotly.NET trace constructors its methods call (lambdas and local functions included).</summary>
    private static Dictionary<string, List<string>> TraceConstructorCalls(IEnumerable<Type> types) => Calls(types, IsTraceConstructor);

    /// <summary>Outermost type name → the callees <paramref name="flagged"/> picks out of its methods' IL (lambdas and local functions included).</summary>
    private static Dictionary<string, List<string>> Calls(IEnumerable<Type> types, Func<MethodBase, bool, bool> flagged)
    {
        var charts = types.SelectMany(t => t.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Prepend(t)).Distinct().ToArray();
        var found = new Dictionary<string, List<string>>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in charts)
        {
            var outer = type;
            while (outer.DeclaringType is { } d) outer = d;
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null) continue;
                // call (0x28), callvirt (0x6F) and newobj (0x73) take a 4-byte method token; scan every position (a false
                // token only fails to resolve, and the few bytes of IL make a stray match harmless to skip).
                for (int i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] is not (0x28 or 0x6F or 0x73)) continue;
                    MethodBase? callee;
                    try { callee = type.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1), type.IsGenericType ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null); }
                    catch (ArgumentException) { continue; }
                    if (callee is null || !flagged(callee, il[i] == 0x73)) continue;
                    if (!found.TryGetValue(outer.Name, out var list)) found[outer.Name] = list = [];
                    list.Add($"{callee.DeclaringType?.FullName}.{callee.Name}");
                }
            }
        }
        return found;
    }

    // A Plotly.NET trace made outside the building blocks: a Plotly.NET or Plotly.NET.CSharp Chart method that returns a chart
    // without taking one (Chart.Line, Chart.Point, Chart.Contour, Chart.Surface, Chart.Scatter, …, in Plotly.NET.Chart,
    // Plotly.NET.Chart2D+Chart, Plotly.NET.CSharp.Chart, …), a new trace object (Trace2D, Trace3D, …), or a trace initialiser
    // (Trace2D.initScatter, …).
    private static bool IsTraceConstructor(MethodBase callee, bool constructs)
    {
        var declaring = callee.DeclaringType;
        if (declaring?.Namespace is not { } ns || !(ns == "Plotly.NET" || ns.StartsWith("Plotly.NET.", StringComparison.Ordinal))) return false;
        if (typeof(Trace).IsAssignableFrom(declaring)) return constructs || callee.Name.StartsWith("init", StringComparison.Ordinal);
        if (declaring.Name != "Chart" || callee is not MethodInfo m || m.ReturnType != typeof(GenericChart)) return false;
        return !m.GetParameters().Any(p => p.ParameterType == typeof(GenericChart) || typeof(IEnumerable<GenericChart>).IsAssignableFrom(p.ParameterType));
    }

    private static bool IsRawAttributeWrite(MethodBase callee, bool constructs)
    {
        var declaring = callee.DeclaringType;
        if (declaring is null) return false;
        // new DynamicObj() — a bare attribute object.
        if (constructs) return declaring.FullName == "DynamicObj.DynamicObj";
        // DynamicObj.SetProperty / SetValue / TryGetValue… on any dynamic object (traces, layouts, templates, styles),
        // and the F# DynObj module's setValue / setOptionalProperty.
        if (callee.Name is "SetProperty" or "SetValue" && typeof(DynamicObj.DynamicObj).IsAssignableFrom(declaring)) return true;
        if (declaring.Name == "DynObj" && callee.Name.StartsWith("set", StringComparison.Ordinal)) return true;
        // The string-keyed helpers: ChartStyle.Obj and WithLayout(chart, (key, value)…).
        if (declaring == typeof(ChartStyle) && (callee.Name == nameof(ChartStyle.Obj)
            || callee.Name == nameof(ChartStyle.WithLayout) && callee.GetParameters().Last().ParameterType != typeof(LayoutSpec))) return true;
        return false;
    }
}

/// <summary>Forbidden calls for the scan's self-check: compiled, never run.</summary>
internal static class ForbiddenTraceCalls
{
    public static GenericChart CSharpApi() => Plotly.NET.CSharp.Chart.Combine(
    [
        Plotly.NET.CSharp.Chart.Line<double, double, string>(x: [0.0, 1.0], y: [0.0, 1.0]),
        Plotly.NET.CSharp.Chart.Point<double, double, string>(x: [0.0], y: [0.0]),
        Plotly.NET.CSharp.Chart.Contour<double, double, double, string>(zData: [[0.0, 1.0], [1.0, 0.0]]),
        Plotly.NET.CSharp.Chart.Grid([Plotly.NET.CSharp.Chart.Surface<double, double, double, string>(zData: [[0.0, 1.0], [1.0, 0.0]])], 1, 1),
    ]);

    public static GenericChart FSharpApi() => Chart2D_Scatter.Chart.Point<double, double, string>(new[] { 0.0 }, new[] { 0.0 },
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public static Trace2D Initialiser() => Trace2D.initScatter(FSharpFunc<Trace2D, Trace2D>.FromConverter(t => t));

    public static Trace2D Constructor() => new Trace2D("scatter");
}
