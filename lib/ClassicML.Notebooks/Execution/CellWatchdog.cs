using System.Collections.Concurrent;
using System.ComponentModel;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Lets a cell's loops stop when the cell runs out of time. The runner inserts a call to <see cref="Poll"/> at the
/// top of every loop body of a cell before submitting it (on the same line, so line numbers do not move), because
/// a tight loop never looks at a <see cref="CancellationToken"/>, .NET cannot abort a thread, and the kernel's own
/// <c>Cancel</c> command only stops waiting for the cell (measured: <c>while (true) {}</c> keeps a core busy after it).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellWatchdog
{
    private static readonly ConcurrentDictionary<int, bool> s_cancelled = new();
    private static int s_nextSession;

    /// <summary>A new id for a notebook session (sessions of one process are stopped independently).</summary>
    internal static int NewSession() => Interlocked.Increment(ref s_nextSession);

    /// <summary>Marks <paramref name="session"/>'s running cell as out of time: its loops throw at their next turn.</summary>
    internal static void Cancel(int session) => s_cancelled[session] = true;

    /// <summary>Clears <paramref name="session"/>'s mark (before its next cell, and when it ends).</summary>
    internal static void Reset(int session) => s_cancelled.TryRemove(session, out _);

    /// <summary>Throws <see cref="OperationCanceledException"/> when the running cell of <paramref name="session"/> is out of time.</summary>
    public static void Poll(int session)
    {
        if (!s_cancelled.IsEmpty && s_cancelled.ContainsKey(session))
            throw new OperationCanceledException("The cell ran longer than its time limit and was stopped.");
    }
}
