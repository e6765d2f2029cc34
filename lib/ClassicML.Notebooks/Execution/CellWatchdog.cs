using System.ComponentModel;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Lets a cell's loops stop when the cell runs out of time. The runner inserts a call to <see cref="Poll"/> at the
/// top of every loop body of a cell before compiling it (on the same line, so line numbers do not move),
/// because a tight loop never looks at a <see cref="CancellationToken"/> and .NET cannot abort a thread.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellWatchdog
{
    /// <summary>Throws <see cref="OperationCanceledException"/> when the running cell's time limit has passed; otherwise does nothing.</summary>
    public static void Poll()
    {
        if (CellContext.Current is { IsCancelled: true })
            throw new OperationCanceledException("The cell ran longer than its time limit and was stopped.");
    }
}
