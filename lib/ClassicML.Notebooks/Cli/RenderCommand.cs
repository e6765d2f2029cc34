using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Cli;

/// <summary>
/// <c>render [--output &lt;dir&gt;] [--timeout &lt;s&gt;]</c>: runs every notebook under <c>notebooks/</c> and writes
/// the offline site (default <c>artifacts/site/</c>); exits 1 when any lesson failed, after still writing its page.
/// </summary>
public sealed class RenderCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Folder to write the site to (default: artifacts/site under the repository).",
        };
        var timeout = CommonOptions.Timeout();
        var command = new Command("render", "Run every lesson in notebooks/ and write the offline HTML site (math typeset by KaTeX, plotly.js and fonts as local assets).")
        {
            output, timeout,
        };
        command.SetAction(parse =>
        {
            if (CommonOptions.ReadTimeout(parse, timeout, context) is not { } limit) return 2;
            var folder = parse.GetValue(output) is { } o ? context.FullPath(o) : null;
            return Run(context, folder, limit);
        });
        return command;
    }

    /// <summary>Renders the site into <paramref name="outputFolder"/> (default <c>artifacts/site</c>); returns the exit code.</summary>
    internal static int Run(CliContext context, string? outputFolder, TimeSpan cellTimeout)
    {
        var clock = Stopwatch.StartNew();
        var root = context.Root;
        var folder = outputFolder ?? Path.Combine(RepoPaths.ArtifactsFolder(root), "site");
        SiteResult result;
        try
        {
            result = SiteBuilder.Build(RepoPaths.NotebooksFolder(root), folder,
                (path, progress) => SiteRender.RunNotebook(path, progress, cellTimeout), context.Out);
        }
        catch (RenderException e)
        {
            // The site's npm packages (KaTeX, fonts) are missing or at another version: one line that says what to do.
            context.Error.WriteLine("render: " + e.Message);
            return 1;
        }
        var failed = result.Pages.Where(p => p.Errors.Count > 0).ToList();
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"render: {result.Pages.Count - failed.Count}/{result.Pages.Count} lesson(s) clean in {clock.Elapsed.TotalSeconds:0.0} s; open {Path.Combine(folder, "index.html")}"));
        if (failed.Count == 0) return 0;
        context.Error.WriteLine($"render: {failed.Count} lesson(s) failed: {string.Join(", ", failed.Select(p => p.SourceName))} (their pages show the errors)");
        return 1;
    }
}
