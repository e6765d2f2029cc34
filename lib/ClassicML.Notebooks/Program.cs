namespace ClassicML.Notebooks;

/// <summary>Entry point of the notebook toolchain's command-line program.</summary>
public static class Program
{
    /// <summary>Runs the command named by <paramref name="args"/>.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("ClassicML.Notebooks: commands are not implemented yet.");
        return args.Length == 0 ? 0 : 1;
    }
}
