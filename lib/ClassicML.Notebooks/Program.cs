using ClassicML.Notebooks.Cli;

namespace ClassicML.Notebooks;

/// <summary>Entry point of the notebook toolchain's command-line program (see <see cref="CliApp"/>).</summary>
public static class Program
{
    /// <summary>Runs the command named by <paramref name="args"/>; returns its exit code.</summary>
    public static int Main(string[] args) => CliApp.Run(args);
}
