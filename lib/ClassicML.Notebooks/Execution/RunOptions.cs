namespace ClassicML.Notebooks.Execution;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record RunOptions
{
    /// <summary>The longest a single cell may run before it is stopped and the notebook marked failed (default 60 s).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether cells after a failed cell still run (default false: stop at the first error).</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>
    /// Whether exercise checks throw on a wrong answer (sets <c>CLASSICML_EXERCISES_STRICT=1</c> while the notebook
    /// runs; <c>check</c> uses this so a wrong solution fails CI).
    /// </summary>
    public bool StrictExercises { get; init; }

    /// <summary>Called before each code cell starts, with its 1-based cell number; null for none.</summary>
    public Action<int>? OnCellStarting { get; init; }

    /// <summary>Called after each code cell finishes (for progress lines); null for none.</summary>
    public Action<CellRunResult>? OnCellFinished { get; init; }
}

/// <summary>What happened to one code cell.</summary>
/// <param name="CellNumber">1-based position of the cell in the notebook (markdown cells count too).</param>
/// <param name="Succeeded">Whether the cell compiled and ran without an exception.</param>
/// <param name="Elapsed">Time from start to end of the cell.</param>
/// <param name="Error">The error message (<c>&lt;notebook&gt;: cell N, line L: ...</c>), null when it succeeded.</param>
/// <param name="TimedOut">Whether the cell was stopped by the time limit.</param>
public sealed record CellRunResult(int CellNumber, bool Succeeded, TimeSpan Elapsed, string? Error, bool TimedOut = false);

/// <summary>The outcome of running a notebook.</summary>
/// <param name="Notebook">The notebook with outputs and execution counts filled in.</param>
/// <param name="Cells">One entry per code cell that ran, in order.</param>
/// <param name="Elapsed">Wall-clock time of the whole run.</param>
public sealed record RunResult(Documents.Notebook Notebook, IReadOnlyList<CellRunResult> Cells, TimeSpan Elapsed)
{
    /// <summary>True when every code cell ran without error.</summary>
    public bool Succeeded => Cells.All(c => c.Succeeded) && !Skipped;

    /// <summary>True when cells were left unrun because an earlier cell failed.</summary>
    public bool Skipped { get; init; }

    /// <summary>The first error message, or null.</summary>
    public string? FirstError => Cells.FirstOrDefault(c => !c.Succeeded)?.Error;
}
