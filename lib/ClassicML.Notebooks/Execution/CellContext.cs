using System.Text;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Collects the outputs of the cell that is running: stream text, displayed values, results, errors.
/// The running cell's context flows with the execution (an <see cref="AsyncLocal{T}"/>), so Console output
/// and <c>display</c> calls from the cell's thread and its tasks land here and nowhere else.
/// </summary>
internal sealed class CellContext
{
    private static readonly AsyncLocal<CellContext?> s_current = new();
    private readonly object _gate = new();
    private volatile bool _cancelled;

    public CellContext(Cell cell) => Cell = cell;

    /// <summary>The context of the cell running on this flow of execution, if any.</summary>
    public static CellContext? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    public Cell Cell { get; }

    /// <summary>Set when the cell ran out of time; loops in the cell poll it through <see cref="CellWatchdog"/>.</summary>
    public bool IsCancelled => _cancelled;

    public void Cancel() => _cancelled = true;

    /// <summary>Appends text to the stream output named <paramref name="name"/>, joining it to the previous output when that is the same stream.</summary>
    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (Cell.Outputs.Count > 0 && Cell.Outputs[^1] is StreamOutput last && last.Name == name)
                last.Text += text;
            else
                Cell.Outputs.Add(new StreamOutput(name, text));
        }
    }

    public void Add(CellOutput output)
    {
        lock (_gate) Cell.Outputs.Add(output);
    }

    public void Replace(CellOutput old, CellOutput replacement)
    {
        lock (_gate)
        {
            var i = Cell.Outputs.IndexOf(old);
            if (i >= 0) Cell.Outputs[i] = replacement;
            else Cell.Outputs.Add(replacement);
        }
    }
}

/// <summary>
/// The object behind <see cref="Console.Out"/>/<see cref="Console.Error"/> while notebooks run: text written on a
/// running cell's flow becomes that cell's stream output; any other text goes to the original console.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static readonly object s_installGate = new();
    private static bool s_installed;
    private readonly TextWriter _fallback;
    private readonly string _stream;

    private ConsoleRouter(TextWriter fallback, string stream)
    {
        _fallback = fallback;
        _stream = stream;
    }

    public override Encoding Encoding => _fallback.Encoding;

    /// <summary>Routes Console.Out and Console.Error through a <see cref="ConsoleRouter"/> (once per process).</summary>
    public static void Install()
    {
        lock (s_installGate)
        {
            if (s_installed) return;
            Console.SetOut(new ConsoleRouter(Console.Out, "stdout"));
            Console.SetError(new ConsoleRouter(Console.Error, "stderr"));
            s_installed = true;
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (value is null) return;
        if (CellContext.Current is { } cell) cell.WriteStream(_stream, value);
        else _fallback.Write(value);
    }

    public override void WriteLine(string? value) => Write(value + new string(CoreNewLine));

    public override void Flush()
    {
        if (CellContext.Current is null) _fallback.Flush();
    }
}
