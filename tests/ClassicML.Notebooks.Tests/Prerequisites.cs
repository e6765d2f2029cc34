using System.Diagnostics;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// Tests that need software outside the .NET SDK (Chromium, Jupyter's nbclient, the dotnet-interactive tool) report
/// <i>skipped</i> with the one-line install command on a developer machine that lacks it, and fail under CI
/// (<c>CI=true</c>), where <c>.ci/run</c> installs everything.
/// </summary>
public static class Prerequisites
{
    /// <summary>True when the environment variable <c>CI</c> is <c>true</c> (as GitHub Actions and most CI systems set it).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the test (or fails it in CI) when <paramref name="missing"/> is not null: what is missing and how to install it.</summary>
    public static void Require(string? missing) => Require(missing, InCi);

    /// <summary><see cref="Require(string?)"/> with the CI switch given.</summary>
    public static void Require(string? missing, bool inCi)
    {
        if (missing is null) return;
        if (inCi) Assert.Fail($"{missing} (CI=true: a missing prerequisite fails the test)");
        Skip.If(true, missing);
    }

    /// <summary>The Debian Python that has python3-nbclient (a pyenv shim on PATH may hide it).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Null when Python can import nbclient, nbformat and jupyter_client; else what to install.</summary>
    public static string? MissingJupyterClient()
    {
        var (code, _, _) = RunProcess(Python, ["-c", "import nbclient, nbformat, jupyter_client"], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(60));
        return code == 0
            ? null
            : "Jupyter's nbclient is not installed; install it with `sudo apt-get install python3-nbclient python3-jupyter-client python3-nbformat`.";
    }

    /// <summary>Null when the repository's pinned dotnet-interactive tool runs; else how to restore it.</summary>
    public static string? MissingKernelTool()
    {
        var (code, _, _) = RunProcess("dotnet", ["tool", "run", "dotnet-interactive", "--", "--version"], TestPaths.Root, TimeSpan.FromSeconds(120));
        return code == 0
            ? null
            : "The dotnet-interactive tool is not restored; run `dotnet tool restore` in the repository.";
    }

    /// <summary>Runs a program to its end (or <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static (int Code, string Stdout, string Stderr) RunProcess(string file, IEnumerable<string> args, string folder, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null) start.Environment.Remove(k);
            else start.Environment[k] = v;
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (-2, stdout.Result, stderr.Result + $"\n(killed after {timeout.TotalSeconds:0} s)");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
