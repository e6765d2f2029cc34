using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Cli;

/// <summary>
/// <c>render [--output &lt;dir&gt;]</c>: runs every notebook under <c>notebooks/</c> and writes the offline
/// site (default <c>artifacts/site/</c>); exits 1 when any lesson failed, after still writing its page.
/// </summary>
internal static class RenderCommand
{
    /// <summary>The System.CommandLine command.</summary>
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Folder to write the site to (default: artifacts/site under the repository).",
        };
        var command = new Command("render", "Run every lesson in notebooks/ and write the offline HTML site (math as MathML, plotly.js as a local asset).")
        {
            output,
        };
        command.SetAction(parse => Run(parse.GetValue(output), Console.Out));
        return command;
    }

    /// <summary>Renders the site; returns the process exit code (0 when every lesson ran cleanly).</summary>
    public static int Run(string? output, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var root = RepoPaths.FindRoot();
        var folder = Path.GetFullPath(output ?? Path.Combine(RepoPaths.ArtifactsFolder(root), "site"));
        var result = SiteBuilder.Build(RepoPaths.NotebooksFolder(root), folder, SiteRender.RunNotebook, log);
        var failed = result.Pages.Where(p => p.Errors.Count > 0).ToList();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"render: {result.Pages.Count - failed.Count}/{result.Pages.Count} lesson(s) clean in {clock.Elapsed.TotalSeconds:0.0} s; open {Path.Combine(folder, "index.html")}"));
        if (failed.Count == 0) return 0;
        Console.Error.WriteLine($"render: {failed.Count} lesson(s) failed: {string.Join(", ", failed.Select(p => p.SourceName))} (their pages show the errors)");
        return 1;
    }
}
