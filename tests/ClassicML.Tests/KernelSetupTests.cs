using System.Reflection;
using System.Runtime.Loader;

namespace ClassicML.Tests;

/// <summary>
/// <see cref="KernelSetup"/>: a request for any FSharp.Core version is answered with the FSharp.Core already loaded
/// (what lets Plotly.NET, built against 10.1, run in the dotnet-interactive kernel that loaded 10.0), nothing else is
/// touched, and applying it again changes nothing. The real-kernel run itself is RealKernelTests in the notebook tests.
/// </summary>
public class KernelSetupTests
{
    [Fact]
    public void A_newer_fsharp_core_request_gets_the_loaded_one_and_other_names_are_left_alone()
    {
        var loaded = typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly; // Plotly.NET brought it in
        var wanted = new AssemblyName("FSharp.Core, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
        Assert.Same(loaded, KernelSetup.ResolveLoadedFSharpCore(AssemblyLoadContext.Default, wanted));
        Assert.Null(KernelSetup.ResolveLoadedFSharpCore(AssemblyLoadContext.Default, new AssemblyName("Plotly.NET, Version=99.0.0.0")));
        Assert.Null(KernelSetup.ResolveLoadedFSharpCore(AssemblyLoadContext.Default, new AssemblyName("FSharp.Core.Extra")));
    }

    [Fact]
    public void Apply_is_idempotent_and_a_missing_fsharp_core_version_then_resolves()
    {
        KernelSetup.Apply();
        KernelSetup.Apply(); // a re-run setup cell
        Assert.True(KernelSetup.IsApplied);
        // Through the runtime itself: no FSharp.Core 99 exists anywhere, the handler answers with the loaded one.
        var resolved = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("FSharp.Core, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a"));
        Assert.Equal("FSharp.Core", resolved.GetName().Name);
        Assert.Same(typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly, resolved);
    }
}
