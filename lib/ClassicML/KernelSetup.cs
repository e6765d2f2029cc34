using System.Reflection;
using System.Runtime.Loader;

namespace ClassicML;

/// <summary>
/// The one call every lesson's setup cell makes after it references ClassicML.dll, so the lessons run in the
/// .NET Interactive kernel (VS Code's Polyglot Notebooks, Jupyter's <c>.net-csharp</c>) as well as in the course's
/// own runner.
/// </summary>
/// <remarks>
/// Why: Plotly.NET 6.0.0 (and ClassicML, built against it) is compiled against FSharp.Core 10.1.0.0, while the
/// dotnet-interactive tool (1.0.712001) ships FSharp.Core 10.0.0.0 for its F# kernel and has it loaded in the default
/// load context before any cell runs. The first chart then fails with
/// <c>FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'</c>: a second
/// FSharp.Core cannot be loaded beside the first under the same simple name. <see cref="Apply"/> answers the default
/// context's <see cref="AssemblyLoadContext.Resolving"/> event for FSharp.Core with the copy already loaded.
/// That is safe for the parts of FSharp.Core that Plotly.NET uses (lists, options, records, <c>printf</c>), which are
/// the same in 10.0 and 10.1; it is a bridge until the kernel ships FSharp.Core ≥ 10.1. Where FSharp.Core 10.1 is
/// already loaded (the course's own runner pins it), the event never fires for it and the handler does nothing.
/// </remarks>
public static class KernelSetup
{
    private static int s_applied;

    /// <summary>True once <see cref="Apply"/> has installed its handler in this process.</summary>
    public static bool IsApplied => Volatile.Read(ref s_applied) == 1;

    /// <summary>
    /// Installs, once per process, a default-load-context resolver that hands a request for any FSharp.Core version
    /// the FSharp.Core already loaded. Calling it again (re-running the setup cell) does nothing.
    /// </summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref s_applied, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += ResolveLoadedFSharpCore;
    }

    /// <summary>The FSharp.Core already loaded in this process when <paramref name="name"/> asks for FSharp.Core; else null.</summary>
    internal static Assembly? ResolveLoadedFSharpCore(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, "FSharp.Core", StringComparison.Ordinal)) return null;
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, "FSharp.Core", StringComparison.Ordinal))
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
    }
}
