using System.CommandLine;
using System.Globalization;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Cli;

/// <summary><c>run &lt;notebook&gt; [--output executed.ipynb]</c>: runs one notebook and writes it with its outputs.</summary>
public sealed class RunCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var notebook = new Argument<string>("notebook") { Description = "The notebook to run (.dib or .ipynb)." };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the executed notebook (.ipynb); default artifacts/executed/<name>.ipynb.",
        };
        var timeout = CommonOptions.Timeout();
        var continueOnError = CommonOptions.ContinueOnError();
        var command = new Command("run", "Run one notebook headlessly and write it, with outputs, as an .ipynb.")
        {
            notebook, output, timeout, continueOnError,
        };
        command.SetAction(parse =>
        {
            if (CommonOptions.ReadTimeout(parse, timeout, context) is not { } limit) return 2;
            var path = context.FullPath(parse.GetValue(notebook)!);
            var target = parse.GetValue(output) is { } o ? context.FullPath(o) : DefaultOutput(context, path);
            // Checked before the notebook runs, so a typo does not cost a whole run.
            if (!target.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            {
                context.Error.WriteLine($"--output must name an .ipynb file (the executed notebook is written as Jupyter JSON), not '{target}'.");
                return 2;
            }
            if (Directory.Exists(target))
            {
                context.Error.WriteLine($"--output '{target}' is a folder; name the .ipynb file to write.");
                return 2;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var result = NotebookExecution.RunAndReport(path, context, new RunOptions { CellTimeout = limit, ContinueOnError = parse.GetValue(continueOnError) });
            if (result is null) return 2;
            NotebookFile.Save(result.Notebook, target);
            context.Out.WriteLine($"wrote {target}");
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }

    /// <summary><c>&lt;root&gt;/artifacts/executed/&lt;name&gt;.ipynb</c> (or under the working directory outside the repository).</summary>
    internal static string DefaultOutput(CliContext context, string notebookPath)
    {
        string baseFolder;
        try
        {
            baseFolder = context.Root;
        }
        catch (DirectoryNotFoundException)
        {
            baseFolder = context.WorkingDirectory;
        }
        return Path.Combine(RepoPaths.ArtifactsFolder(baseFolder), "executed", Path.GetFileNameWithoutExtension(notebookPath) + ".ipynb");
    }
}

/// <summary>Runs a notebook while printing a line per cell, a summary line and the exercise summary.</summary>
internal static class NotebookExecution
{
    /// <summary>
    /// Runs the notebook at <paramref name="path"/>, printing a line per cell: in this process, or, when
    /// <paramref name="isolated"/>, in a child process of its own (<see cref="IsolatedRunner"/>).
    /// </summary>
    public static RunResult? RunAndReport(string path, CliContext context, RunOptions options, bool isolated = false)
    {
        // A child run by IsolatedRunner reports each cell to its parent as protocol lines too.
        var worker = !isolated && Environment.GetEnvironmentVariable(IsolatedRunner.WorkerVariable) == "1";
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Load(path);
            NotebookRunner.EnsureCSharp(notebook, path);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{path}: {e.Message}");
            return null;
        }
        var name = Path.GetFileName(path);
        context.Out.WriteLine($"{name}: running {notebook.Cells.Count(c => c.Kind == CellKind.Code)} code cells");
        RunResult Execute(RunOptions o) => isolated ? IsolatedRunner.Run(path, o) : NotebookRunner.Run(notebook, path, o);
        var result = Execute(options with
        {
            OnCellStarting = worker ? cell => context.Out.WriteLine(IsolatedRunner.StartLine(cell)) : null,
            OnCellFinished = cell =>
            {
                if (worker) context.Out.WriteLine(IsolatedRunner.DoneLine(cell));
                var ms = cell.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                if (cell.Succeeded) context.Out.WriteLine($"  cell {cell.CellNumber,3}  ok      {ms,6} ms");
                else
                {
                    context.Out.WriteLine($"  cell {cell.CellNumber,3}  FAILED  {ms,6} ms");
                    context.Error.WriteLine(cell.Error);
                }
            },
        });
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        if (worker) context.Out.WriteLine(IsolatedRunner.EndLine(result.Skipped));
        var verdict = result.Succeeded ? "ok" : result.Skipped ? "FAILED (later cells not run)" : "FAILED";
        context.Out.WriteLine($"{name}: {verdict} — {result.Cells.Count} cells in {seconds} s");
        // What the run means for the exercises (a passing run can hold failed or unfinished ones); a child of
        // IsolatedRunner leaves it to its parent, which reads the same executed notebook.
        if (!worker)
        {
            foreach (var line in ExerciseSummary.Format(ExerciseSummary.Read(result.Notebook))) context.Out.WriteLine(line);
        }
        return result;
    }
}
