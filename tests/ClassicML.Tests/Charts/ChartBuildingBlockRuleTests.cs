using System.Reflection;
using ClassicML.Charts;

namespace ClassicML.Tests.Charts;

/// <summary>
/// Charts are built from one set of typed building blocks (<see cref="TraceSpec"/>, <see cref="LayoutSpec"/>,
/// <see cref="AxisStyle"/>, … in Charts/ChartStyle.cs): only <see cref="ChartStyle"/> turns them into plotly.js attribute
/// objects. Checked on the compiled code: no other chart type creates a Plotly.NET dynamic object, sets a property on one
/// by name (DynamicObj.SetProperty / SetValue, DynObj.setValue…), or calls the string-keyed <c>ChartStyle.Obj</c> /
/// <c>ChartStyle.WithLayout((key, value)…)</c>.
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
    public void The_scan_finds_raw_attribute_writes_where_they_are()
    {
        // The detector itself: the building blocks do write attribute objects, so the scan must see them there.
        var offenders = RawAttributeWriters();
        Assert.True(offenders.ContainsKey(nameof(ChartStyle)), "the IL scan did not see ChartStyle's own SetProperty calls");
        Assert.Contains(offenders[nameof(ChartStyle)], c => c.Contains("SetProperty", StringComparison.Ordinal));
    }

    /// <summary>Outermost chart type name → the raw attribute calls found in its methods (lambdas and local functions included).</summary>
    private static Dictionary<string, List<string>> RawAttributeWriters()
    {
        var charts = typeof(ChartStyle).Assembly.GetTypes().Where(t => t.Namespace == "ClassicML.Charts").ToArray();
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
                    if (callee is null || !IsRawAttributeWrite(callee, il[i] == 0x73)) continue;
                    if (!found.TryGetValue(outer.Name, out var list)) found[outer.Name] = list = [];
                    list.Add($"{callee.DeclaringType?.Name}.{callee.Name}");
                }
            }
        }
        return found;
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
