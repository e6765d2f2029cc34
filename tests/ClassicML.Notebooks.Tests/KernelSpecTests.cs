using System.Text.Json;
using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Kernel;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// The course's documented Jupyter setup (<c>kernel install</c>) installs a kernelspec whose kernel does not expose a
/// student's variables to the network, and runs the dotnet-interactive version the repository pins.
/// </summary>
public class KernelSpecTests
{
    private static (int Code, string Out, string Error) Cli(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(args, new CliContext(o, e, TestPaths.Root));
        return (code, o.ToString(), e.ToString());
    }

    private static string[] Argv(string kernelJson) =>
        JsonDocument.Parse(File.ReadAllText(kernelJson)).RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray();

    [Fact]
    public void Kernel_install_writes_a_loopback_only_kernelspec_for_the_pinned_tool()
    {
        using var temp = new TestPaths.TempFolder();
        var (code, stdout, error) = Cli("kernel", "install", "--path", temp.Path);
        Assert.True(code == 0, error);
        var file = KernelSpec.KernelJsonPath(temp.Path);
        Assert.Contains(file, stdout);
        Assert.EndsWith(Path.Combine("kernels", ".net-csharp", "kernel.json"), file);
        var argv = Argv(file);
        // `dotnet tool run` starts the version in .config/dotnet-tools.json; Jupyter fills in {connection_file}.
        Assert.Equal(["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter"], argv[..6]);
        Assert.Contains("{connection_file}", argv);
        // Without --http-local-only the kernel's HTTP API (GET /variables/csharp/<name>) listens on every interface.
        Assert.Contains("--http-local-only", argv);
        var spec = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
        Assert.Equal("C#", spec.GetProperty("language").GetString());

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Root, ".config", "dotnet-tools.json")));
        var tool = manifest.RootElement.GetProperty("tools").GetProperty("microsoft.dotnet-interactive");
        Assert.Equal(KernelSpec.ToolVersion, tool.GetProperty("version").GetString());
        Assert.Contains("dotnet-interactive", tool.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void Kernel_install_does_not_replace_a_different_kernelspec_unless_forced()
    {
        using var temp = new TestPaths.TempFolder();
        var file = KernelSpec.KernelJsonPath(temp.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // What `dotnet interactive jupyter install` writes: HTTP on every interface.
        const string theirs = """{"argv": ["dotnet", "interactive", "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-port-range", "2048-3000"], "display_name": ".NET (C#)", "language": "C#"}""";
        File.WriteAllText(file, theirs);

        var (code, _, error) = Cli("kernel", "install", "--path", temp.Path);
        Assert.Equal(1, code);
        Assert.Contains("--force", error);
        Assert.Equal(theirs, File.ReadAllText(file));

        (code, var stdout, error) = Cli("kernel", "install", "--path", temp.Path, "--force");
        Assert.True(code == 0, error);
        Assert.Contains("replaced", stdout);
        Assert.Contains("--http-local-only", Argv(file));

        (code, stdout, _) = Cli("kernel", "install", "--path", temp.Path);
        Assert.Equal(0, code);
        Assert.Contains("unchanged", stdout);
    }
}
