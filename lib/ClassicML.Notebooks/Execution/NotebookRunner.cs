using System.Diagnostics;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Runs a notebook headlessly on the .NET Interactive C# kernel (<see cref="KernelSession"/>, the kernel Polyglot
/// Notebooks and Jupyter's <c>.net-csharp</c> run), adding what the course needs on top: a time limit per cell,
/// errors that name notebook, cell and line, strict exercise checks and progress.
/// </summary>
public static class NotebookRunner
{
    /// <summary>The environment variable that makes exercise checks throw on a wrong answer.</summary>
    public const string StrictExercisesVariable = "CLASSICML_EXERCISES_STRICT";

    /// <summary>
    /// Refuses a notebook whose kernelspec is not the .NET C# kernel (an .ipynb written for Python, say), naming its
    /// kernel, instead of running its cells as C#.
    /// </summary>
    /// <exception cref="FormatException">The kernelspec names another kernel or language.</exception>
    public static void EnsureCSharp(Notebook notebook, string notebookPath)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        if (notebook.Metadata["kernelspec"] is not System.Text.Json.Nodes.JsonObject spec) return; // a .dib, or no kernelspec: C# by default
        var name = spec["name"]?.ToString();
        var language = spec["language"]?.ToString();
        if (name == Kernel.KernelSpec.Name || string.Equals(language, "C#", StringComparison.OrdinalIgnoreCase)
            || string.Equals(language, "csharp", StringComparison.OrdinalIgnoreCase)) return;
        throw new FormatException($"{Path.GetFileName(notebookPath)}: its kernelspec is '{name}' ({spec["display_name"]}, language {language ?? "not given"}), "
                                  + $"not the .NET C# kernel ({Kernel.KernelSpec.Name}); the course runs C# notebooks only.");
    }

    /// <summary>Reads the notebook at <paramref name="path"/> and runs it (see <see cref="Run(Notebook, string, RunOptions?)"/>).</summary>
    public static RunResult RunFile(string path, RunOptions? options = null) => Run(NotebookFile.Load(path), path, options);

    /// <summary>
    /// Runs <paramref name="notebook"/>'s code cells and returns a copy holding their outputs. The notebook's
    /// own outputs are not touched. <paramref name="notebookPath"/> names the notebook in messages and is the
    /// folder relative <c>#r</c> paths start from (it need not exist).
    /// </summary>
    public static RunResult Run(Notebook notebook, string notebookPath, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookPath);
        options ??= new RunOptions();
        if (options.CellTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.CellTimeout, "CellTimeout must be positive, e.g. 60 seconds.");

        EnsureCSharp(notebook, notebookPath);
        var executed = notebook.CloneWithoutOutputs();
        var fullPath = Path.GetFullPath(notebookPath);
        var results = new List<CellRunResult>();
        var skipped = false;
        var clock = Stopwatch.StartNew();
        var strictBefore = Environment.GetEnvironmentVariable(StrictExercisesVariable);
        if (options.StrictExercises) Environment.SetEnvironmentVariable(StrictExercisesVariable, "1");
        var session = new KernelSession(Path.GetFileName(fullPath), Path.GetDirectoryName(fullPath)!);
        try
        {
            var executionCount = 0;
            var stop = false;
            for (var i = 0; i < executed.Cells.Count; i++)
            {
                var cell = executed.Cells[i];
                if (cell.Kind != CellKind.Code) continue;
                if (stop)
                {
                    skipped = true;
                    break;
                }
                cell.ExecutionCount = ++executionCount;
                options.OnCellStarting?.Invoke(i + 1);
                var result = session.RunCell(cell, i + 1, executionCount, options.CellTimeout);
                results.Add(result);
                options.OnCellFinished?.Invoke(result);
                if (!result.Succeeded && (!options.ContinueOnError || result.TimedOut || session.Abandoned)) stop = true;
            }
        }
        finally
        {
            if (options.StrictExercises) Environment.SetEnvironmentVariable(StrictExercisesVariable, strictBefore);
            session.Close();
        }
        return new RunResult(executed, results, clock.Elapsed) { Skipped = skipped };
    }
}
