using System.Diagnostics;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// What only the runner's own process shows: how it JIT-compiles notebook code (settings in its runtimeconfig.json)
/// and how a DLL loaded by path finds its dependencies (its deps.json differs from this test host's). These run the
/// built runner as a child process.
/// </summary>
public class RunnerProcessTests
{
    /// <summary>
    /// A notebook run JIT-compiles new methods without pause (one compilation per cell), and with tiered compilation
    /// the runtime holds back Tier-1 promotion until it sees 100 ms without a new Tier-0 method. So in a lesson nothing
    /// got promoted until the first long computation; then thousands of queued methods (mostly the compiler's) were
    /// re-compiled by a background thread on the same cores while the library's own loops waited at Tier 0 (EM after
    /// lesson 01: 9–15 s instead of about 0.2 s). The runner therefore runs without tiered compilation
    /// (System.Runtime.TieredCompilation = false in its runtimeconfig): the precompiled (ReadyToRun) compiler and kernel
    /// keep their native code, every other method is compiled optimised once. This checks, from the runtime's own list
    /// of compiled methods, that a loop of the library called from a cell is compiled optimised at once and that
    /// nothing is compiled at Tier 0 or re-compiled at Tier 1. (The kernel compiles the cells themselves as debug code,
    /// MinOpts, as it does in Jupyter; the lessons' heavy loops are in the library.)
    /// </summary>
    [Fact]
    public async Task A_library_loop_called_from_a_cell_is_compiled_optimised_at_once_not_left_at_tier_0()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        var library = Path.Combine(TestPaths.Root, "artifacts", "bin", "ClassicML", "debug", "ClassicML.dll");
        File.WriteAllText(repo["notebooks/loops.dib"], DibFormat.Write(new Notebook([Cell.Code($$"""
            #r "{{library}}"
            ClassicML.Numerics.NumericGrid.Linspace(0, 1, 1001).Length
            """)])));
        var jitLog = repo["jit.txt"];

        await RunRunner(repo.Path, "notebooks/loops.dib", environment =>
        {
            // Test the shipped runtimeconfig.json, not JIT settings that happen to be in this environment.
            foreach (var name in environment.Keys.Where(IsJitOverride).ToArray()) environment.Remove(name);
            // The runtime's list of every method it compiles and at which tier (available in release runtimes).
            environment["DOTNET_JitDisasmSummary"] = "1";
            environment["DOTNET_JitStdOutFile"] = jitLog;
        });
        var executed = NotebookFile.Load(repo["artifacts/executed/loops.ipynb"]);
        Assert.Equal("1001", Shown.Text(executed.Cells[0].Outputs.OfType<ExecuteResultOutput>().Single().Data));

        // Lines read "  12: JIT compiled ClassicML.Numerics.NumericGrid:Linspace(double,double,int):double[] [Tier0, IL size=31, code size=76]".
        var tiers = File.ReadLines(jitLog)
            .Where(l => l.Contains("NumericGrid:Linspace(", StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf('[') + 1)..].Split(',')[0])
            .ToList();
        Assert.NotEmpty(tiers);
        Assert.True(tiers[0] is "FullOpts" or "Tier-0 switched to FullOpts" || tiers[0].StartsWith("Tier1", StringComparison.Ordinal),
            $"the library's loop was first compiled as '{tiers[0]}'; it must be optimised at once (all compilations: {string.Join(" → ", tiers)})");
        var tiered = File.ReadLines(jitLog).Where(l => l.Contains("[Tier0,", StringComparison.Ordinal) || l.Contains("[Tier1", StringComparison.Ordinal)).Take(3).ToList();
        Assert.True(tiered.Count == 0, $"the runner compiled methods at Tier 0 or re-compiled them at Tier 1 (tiered compilation is on): {string.Join(" | ", tiered)}");
    }

    /// <summary>
    /// The toolchain leaves Roslyn's language services (Features) and Visual Basic out of its output
    /// (build/WithoutLanguageServices.props), because Roslyn's default MEF host composes every such assembly it finds
    /// when the kernel creates its workspace, in every notebook process. This checks, in a runner process, that the host
    /// the kernel got holds exactly the C# workspace layer and that no language-service assembly was loaded — so a
    /// package update that brings them back is noticed.
    /// </summary>
    [Fact]
    public async Task The_kernels_roslyn_host_holds_the_csharp_workspace_layer_only()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        File.WriteAllText(repo["notebooks/host.dib"], DibFormat.Write(new Notebook([Cell.Code("""
            var host = Type.GetType("Microsoft.CodeAnalysis.Host.Mef.MefHostServices, Microsoft.CodeAnalysis.Workspaces", throwOnError: true)!;
            var composed = (System.Collections.IEnumerable)host.GetProperty("DefaultAssemblies")!.GetValue(null)!;
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "")
                .Where(n => n.Contains("Features") || n.Contains("VisualBasic") || n.Contains("Elfie"));
            string.Join(",", composed.Cast<System.Reflection.Assembly>().Select(a => a.GetName().Name).Order()) + " | " + string.Join(",", loaded)
            """)])));

        await RunRunner(repo.Path, "notebooks/host.dib");

        var executed = NotebookFile.Load(repo["artifacts/executed/host.ipynb"]);
        Assert.Equal("Microsoft.CodeAnalysis.CSharp.Workspaces,Microsoft.CodeAnalysis.Workspaces | ",
            Shown.Text(executed.Cells[0].Outputs.OfType<ExecuteResultOutput>().Single().Data));
    }

    /// <summary>
    /// ClassicML.dll needs System.Numerics.Tensors, which the runner itself does not reference: a notebook that <c>#r</c>s
    /// the DLL by path must still find it, beside the DLL, in a runner process of its own.
    /// </summary>
    [Fact]
    public async Task A_dll_loaded_by_path_finds_its_own_dependencies_beside_it()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        var library = Path.Combine(TestPaths.Root, "artifacts", "bin", "ClassicML", "debug", "ClassicML.dll");
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(library)!, "System.Numerics.Tensors.dll")), "build ClassicML first");
        Assert.DoesNotContain("System.Numerics.Tensors", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ClassicML.Notebooks.deps.json")));
        // The perceptron's update is TensorPrimitives.MultiplyAdd: the first call loads System.Numerics.Tensors.
        File.WriteAllText(repo["notebooks/deps.dib"], DibFormat.Write(new Notebook([Cell.Code($$"""
            #r "nuget: MathNet.Numerics, 5.0.0"
            #r "{{library}}"
            using MathNet.Numerics.LinearAlgebra;
            var model = new ClassicML.Margins.Perceptron().Fit(
                Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 3 }, { 4, 3 }, { 1, 1 } }), Vector<double>.Build.Dense([1.0, 1.0, -1.0]));
            model.B
            """)])));
        await RunRunner(repo.Path, "notebooks/deps.dib");
        var executed = NotebookFile.Load(repo["artifacts/executed/deps.ipynb"]);
        Assert.Equal("-3", Shown.Text(executed.Cells[0].Outputs.OfType<ExecuteResultOutput>().Single().Data));
    }

    /// <summary>Runs <c>ClassicML.Notebooks run &lt;notebook&gt;</c> in <paramref name="folder"/> as a child process and asserts it succeeds.</summary>
    private static async Task RunRunner(string folder, string notebook, Action<IDictionary<string, string?>>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ClassicML.Notebooks.dll"), "run", notebook })
            start.ArgumentList.Add(arg);
        environment?.Invoke(start.Environment);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the runner had not finished after 3 minutes (a hang guard, not a timing check)");
            }
        }
        Assert.True(process.ExitCode == 0, $"runner exit code {process.ExitCode}: {await stdout} {await stderr}");
    }

    private static bool IsJitOverride(string name) =>
        name.StartsWith("DOTNET_TieredCompilation", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_TC_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_ReadyToRun", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_Jit", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase);
}
