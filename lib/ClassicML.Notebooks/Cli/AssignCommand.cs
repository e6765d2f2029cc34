using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClassicML.Notebooks.Assignment;
using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Cli;

/// <summary>
/// <c>assign [--output dir]</c> (alias <c>student</c>): writes what a teacher hands out — the student bundle (student
/// versions of every lesson, the library, the data, the pinned kernel tool, a README), its .zip, and the students' site
/// (default <c>artifacts/assignment/</c>). Never writes among the sources.
/// </summary>
public sealed class AssignCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Folder for the assignment (new, empty, or written by an earlier assign); default artifacts/assignment/. "
                          + "Never the repository's root or a folder inside notebooks/, lib/, tests/ or data/.",
        };
        var timeout = CommonOptions.Timeout();
        var command = new Command("assign",
            "Write what students get, with no solution and no hidden test anywhere: student/ (every lesson's student version as "
            + ".dib and .ipynb, where each '// BEGIN SOLUTION' … '// END SOLUTION' block becomes 'throw new NotImplementedException(\"Exercise N.M\");', "
            + "with lib/ClassicML.dll, data/, the pinned kernel tool and a README), classicml-student.zip (the same bundle), "
            + "and site/ (the course site rendered from the student versions).")
        {
            output, timeout,
        };
        // The old name: `student` wrote student versions anywhere, also over the lessons' sources; it now is assign.
        command.Aliases.Add("student");
        command.SetAction(parse =>
        {
            if (CommonOptions.ReadTimeout(parse, timeout, context) is not { } limit) return 2;
            var root = context.Root;
            var target = parse.GetValue(output) is { } o ? context.FullPath(o) : Path.Combine(RepoPaths.ArtifactsFolder(root), "assignment");
            var clock = Stopwatch.StartNew();
            AssignmentResult result;
            try
            {
                result = AssignmentBuilder.Build(root, target, (path, progress) => SiteRender.RunNotebook(path, progress, limit), context.Out);
            }
            catch (FormatException e)
            {
                context.Error.WriteLine($"assign: {e.Message}");
                return 1;
            }
            catch (IOException e)
            {
                context.Error.WriteLine($"assign: {e.Message}");
                return 2;
            }
            catch (RenderException e)
            {
                context.Error.WriteLine($"assign: {e.Message}");
                return 1;
            }
            var failed = result.Site?.Pages.Where(p => p.Errors.Count > 0).ToList() ?? [];
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"assign: {result.Lessons.Count} lesson(s), {result.Lessons.Sum(l => l.Exercises)} exercise(s) in {clock.Elapsed.TotalSeconds:0.0} s; "
                + $"hand out {result.Zip} (or the folder {result.Bundle}); students' site: {Path.Combine(target, AssignmentBuilder.SiteFolder, "index.html")}"));
            if (failed.Count == 0) return 0;
            context.Error.WriteLine($"assign: {failed.Count} student lesson(s) failed to run for the site: {string.Join(", ", failed.Select(p => p.SourceName))} (their pages show the errors)");
            return 1;
        });
        return command;
    }
}
