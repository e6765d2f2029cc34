using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Captures a cell's Console output for the runner. The kernel captures Console too, but publishes an event per
/// write through its whole event pipeline: measured in-process on dotnet-interactive 1.0.0-beta.26120.1, 5 MB written
/// as 5,120 lines took 9–11 s and 300 KB written one character at a time 12–14 s. The runner inserts
/// <c>CellConsole.Enter(session)</c> before a cell's first statement (same line), which points Console at a writer
/// that appends to the running cell's stream output (linear in the text), so the kernel's capture sees nothing.
/// The cell is found through an <see cref="AsyncLocal{T}"/>, so tasks the cell starts write into it too.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellConsole
{
    private static readonly AsyncLocal<Sink?> s_current = new();
    private static readonly ConcurrentDictionary<int, Sink> s_sessions = new();
    private static readonly object s_installGate = new();
    private static Router? s_out;
    private static Router? s_error;

    /// <summary>Where a session's text goes: (stream name, text) → the running cell's outputs.</summary>
    internal sealed class Sink(Action<string, string> write)
    {
        public void Write(string stream, string text) => write(stream, text);
    }

    internal static void Register(int session, Action<string, string> write) => s_sessions[session] = new Sink(write);

    internal static void Unregister(int session) => s_sessions.TryRemove(session, out _);

    /// <summary>Routes Console to <paramref name="session"/>'s running cell for the rest of this flow of execution.</summary>
    public static void Enter(int session)
    {
        if (!s_sessions.TryGetValue(session, out var sink)) return;
        s_current.Value = sink;
        lock (s_installGate)
        {
            s_out ??= new Router("stdout");
            s_error ??= new Router("stderr");
            // The kernel put its own writer in for this submission (and puts the previous one back after it): ours
            // replaces it now; text written outside any cell goes to the writer that was there.
            if (!ReferenceEquals(Console.Out, s_out.Installed)) { s_out.Fallback = Console.Out; Console.SetOut(s_out); }
            if (!ReferenceEquals(Console.Error, s_error.Installed)) { s_error.Fallback = Console.Error; Console.SetError(s_error); }
            s_out.Installed = Console.Out;
            s_error.Installed = Console.Error;
        }
    }

    private sealed class Router(string stream) : TextWriter
    {
        public TextWriter Fallback { get; set; } = TextWriter.Null;

        public TextWriter? Installed { get; set; }

        public override Encoding Encoding => Encoding.UTF8;

        private string NewLineText => new(CoreNewLine);

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (s_current.Value is { } sink) sink.Write(stream, value);
            else Fallback.Write(value);
        }

        public override void WriteLine(string? value) => Write(value + NewLineText);

        public override void WriteLine() => Write(NewLineText);
    }
}
