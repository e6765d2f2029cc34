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

/// <summary>Runs a notebook while printing a line per cell and a summary line.</summary>
internal static class NotebookExecution
{
    public static RunResult? RunAndReport(string path, CliContext context, RunOptions options)
    {
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Load(path);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{path}: {e.Message}");
            return null;
        }
        var name = Path.GetFileName(path);
        context.Out.WriteLine($"{name}: running {notebook.Cells.Count(c => c.Kind == CellKind.Code)} code cells");
        var result = NotebookRunner.Run(notebook, path, options with
        {
            OnCellFinished = cell =>
            {
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
        var verdict = result.Succeeded ? "ok" : result.Skipped ? "FAILED (later cells not run)" : "FAILED";
        context.Out.WriteLine($"{name}: {verdict} — {result.Cells.Count} cells in {seconds} s");
        return result;
    }
}
