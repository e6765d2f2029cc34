using System.Text.Json.Nodes;

namespace ClassicML.Notebooks.Documents;

/// <summary>
/// One output of a code cell, as nbformat 4.5 knows them: <see cref="DisplayDataOutput"/>,
/// <see cref="ExecuteResultOutput"/>, <see cref="StreamOutput"/> and <see cref="ErrorOutput"/>.
/// </summary>
public abstract class CellOutput
{
    private protected CellOutput()
    {
    }

    /// <summary>The nbformat <c>output_type</c>: display_data, execute_result, stream or error.</summary>
    public abstract string OutputType { get; }

    /// <summary>Fields of the .ipynb output object this model does not know, kept for round trips.</summary>
    public JsonObject ExtraFields { get; set; } = [];
}

/// <summary>A value shown with <c>display(x)</c>: a MIME bundle plus metadata.</summary>
public sealed class DisplayDataOutput(MimeBundle data) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "display_data";

    /// <summary>The value in each MIME type it was formatted as, in order of preference.</summary>
    public MimeBundle Data { get; } = data;

    /// <summary>Output metadata (kept as read).</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The kernel's id for this display while its cell runs (an update replaces it); never saved.</summary>
    public string? TransientValueId { get; set; }
}

/// <summary>The value of a cell's last expression: a MIME bundle plus the execution count.</summary>
public sealed class ExecuteResultOutput(MimeBundle data, int? executionCount) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "execute_result";

    /// <summary>The value in each MIME type it was formatted as, in order of preference.</summary>
    public MimeBundle Data { get; } = data;

    /// <summary>The execution count of the cell that produced it.</summary>
    public int? ExecutionCount { get; set; } = executionCount;

    /// <summary>Output metadata (kept as read).</summary>
    public JsonObject Metadata { get; set; } = [];
}

/// <summary>Text written to standard output or standard error while the cell ran.</summary>
public sealed class StreamOutput : CellOutput
{
    /// <summary>Creates a stream output.</summary>
    /// <param name="name"><c>stdout</c> or <c>stderr</c>.</param>
    /// <param name="text">The text written.</param>
    public StreamOutput(string name, string text)
    {
        if (name is not ("stdout" or "stderr"))
            throw new ArgumentException($"A stream is named \"stdout\" or \"stderr\", not \"{name}\".", nameof(name));
        Name = name;
        _text.Append(text ?? throw new ArgumentNullException(nameof(text)));
    }

    // A builder, so a cell that writes many small pieces costs time linear in what it writes.
    private readonly System.Text.StringBuilder _text = new();

    /// <inheritdoc />
    public override string OutputType => "stream";

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Name { get; }

    /// <summary>The text written (consecutive writes to the same stream are joined).</summary>
    public string Text
    {
        get => _text.ToString();
        set => _text.Clear().Append(value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Appends <paramref name="text"/> (amortised constant time per character).</summary>
    public void Append(string text) => _text.Append(text);
}

/// <summary>An error raised by a cell: compile error, exception or time-out.</summary>
/// <param name="ename">The error's name (exception type or <c>CompilationError</c>).</param>
/// <param name="evalue">The error message, e.g. <c>00-setup.dib: cell 3, line 2: ...</c>.</param>
/// <param name="traceback">Lines of the traceback.</param>
public sealed class ErrorOutput(string ename, string evalue, IReadOnlyList<string> traceback) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";

    /// <summary>The error's name (exception type or <c>CompilationError</c>).</summary>
    public string EName { get; } = ename;

    /// <summary>The error message.</summary>
    public string EValue { get; } = evalue;

    /// <summary>Lines of the traceback.</summary>
    public IReadOnlyList<string> Traceback { get; } = traceback;
}

/// <summary>One representation of a value: a MIME type and its text (JSON text for <c>*+json</c> types).</summary>
/// <param name="MimeType">e.g. <c>text/html</c>, <c>text/plain</c>, <c>application/vnd.plotly.v1+json</c>.</param>
/// <param name="Text">The content in that MIME type.</param>
public sealed record MimeValue(string MimeType, string Text)
{
    /// <summary>True for JSON MIME types (<c>application/json</c>, <c>application/…+json</c>), which nbformat stores as JSON, not text.</summary>
    public bool IsJson => IsJsonMimeType(MimeType);

    /// <summary>The node the value was read from, while <see cref="Text"/> is what that node gives.</summary>
    internal JsonNode? RawNode { get; init; }

    /// <summary>True when <paramref name="mimeType"/> matches nbformat's <c>^application/(.*\+)?json$</c>.</summary>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType.StartsWith("application/", StringComparison.Ordinal) &&
        (mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal));
}

/// <summary>An ordered set of representations of one value, keyed by MIME type (the first is the preferred one).</summary>
public sealed class MimeBundle : IEnumerable<MimeValue>
{
    private readonly List<MimeValue> _values = [];

    /// <summary>An empty bundle.</summary>
    public MimeBundle()
    {
    }

    /// <summary>A bundle holding <paramref name="values"/> in order.</summary>
    public MimeBundle(IEnumerable<MimeValue> values)
    {
        foreach (var v in values) Set(v);
    }

    /// <summary>Number of MIME types.</summary>
    public int Count => _values.Count;

    /// <summary>The MIME types in order.</summary>
    public IEnumerable<string> MimeTypes => _values.Select(v => v.MimeType);

    /// <summary>The text for <paramref name="mimeType"/>, or null when the bundle has no such type.</summary>
    public string? this[string mimeType] => _values.FirstOrDefault(v => v.MimeType == mimeType)?.Text;

    /// <summary>Adds or replaces the representation for <paramref name="value"/>'s MIME type.</summary>
    public void Set(MimeValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var i = _values.FindIndex(v => v.MimeType == value.MimeType);
        if (i >= 0) _values[i] = value;
        else _values.Add(value);
    }

    /// <summary>Adds or replaces the text for <paramref name="mimeType"/>.</summary>
    public void Set(string mimeType, string text) => Set(new MimeValue(mimeType, text));

    /// <summary>True when the bundle has <paramref name="mimeType"/>.</summary>
    public bool Contains(string mimeType) => _values.Exists(v => v.MimeType == mimeType);

    /// <inheritdoc />
    public IEnumerator<MimeValue> GetEnumerator() => _values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
