using ClassicML.Notebooks.Cli;

namespace ClassicML.Notebooks;

/// <summary>Entry point of the notebook toolchain's command-line program (see <see cref="CliApp"/>).</summary>
public static class Program
{
    /// <summary>
    /// Runs the command named by <paramref name="args"/> and ends the process with its exit code, also when a notebook
    /// left a foreground thread running (a plain return would wait for it forever).
    /// </summary>
    public static int Main(string[] args)
    {
        var code = CliApp.Run(args);
        Console.Out.Flush();
        Console.Error.Flush();
        Environment.Exit(code);
        return code;
    }
}
