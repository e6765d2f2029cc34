using System.Globalization;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Rendering;

/// <summary>Connects the site builder to the toolchain's runner.</summary>
internal static class SiteRender
{
    /// <summary>
    /// Runs the notebook at <paramref name="path"/> with <see cref="IsolatedRunner"/> (continuing after a failing
    /// cell, so the page shows everything that did run) and reports each cell to <paramref name="progress"/>.
    /// </summary>
    public static Notebook RunNotebook(string path, Action<string> progress) => RunNotebook(path, progress, new RunOptions().CellTimeout);

    /// <summary>Runs the notebook as <see cref="RunNotebook(string, Action{string})"/> does, with a time limit per cell.</summary>
    public static Notebook RunNotebook(string path, Action<string> progress, TimeSpan cellTimeout)
    {
        var options = new RunOptions
        {
            CellTimeout = cellTimeout,
            ContinueOnError = true,
            OnCellFinished = c => progress(string.Create(CultureInfo.InvariantCulture,
                $"cell {c.CellNumber,3}: {(c.Succeeded ? "ok" : c.TimedOut ? "TIMED OUT" : "FAILED")} ({c.Elapsed.TotalMilliseconds:0} ms)")),
        };
        // In a process of its own, so one lesson's crash (stack overflow, Environment.Exit, …) cannot take the site down.
        var result = IsolatedRunner.Run(path, options);
        var notebook = result.Notebook;
        // A failed cell must show as failed on the page even if the runner left no error output on it.
        foreach (var cell in result.Cells.Where(c => !c.Succeeded))
        {
            var target = cell.CellNumber >= 1 && cell.CellNumber <= notebook.Cells.Count ? notebook.Cells[cell.CellNumber - 1] : null;
            if (target is not null && !target.Outputs.OfType<ErrorOutput>().Any())
                target.Outputs.Add(new ErrorOutput(cell.TimedOut ? "TimeoutException" : "CellFailed", cell.Error ?? "The cell failed.", []));
        }
        if (result.Skipped)
        {
            var last = result.Cells.Count > 0 ? result.Cells[^1].CellNumber : 0;
            var cell = last >= 1 && last <= notebook.Cells.Count ? notebook.Cells[last - 1] : null;
            cell?.Outputs.Add(new ErrorOutput("NotebookStopped", $"The run stopped after cell {last}; the cells below it did not run.", []));
        }
        return notebook;
    }
}
