using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// The globals a notebook's code sees, as the C# kernel of Polyglot Notebooks provided them:
/// <c>display(x)</c> shows a value as a display_data output.
/// </summary>
public sealed class ScriptGlobals
{
    internal ScriptGlobals()
    {
    }

    /// <summary>
    /// Shows <paramref name="value"/> below the cell, formatted in <paramref name="mimeTypes"/> (default: HTML and
    /// plain text, plus a Plotly JSON form for charts); returns a handle that can replace it later.
    /// </summary>
    /// <param name="value">The value to show.</param>
    /// <param name="mimeTypes">The MIME types to format it as; none for the defaults.</param>
#pragma warning disable IDE1006 // lower-case on purpose: notebooks call it as they did in Polyglot Notebooks.
    public DisplayedValue display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        var context = CellContext.Current
                      ?? throw new InvalidOperationException("display(...) can only be called while a notebook cell is running.");
        var output = new DisplayDataOutput(ValueFormatter.Format(value, mimeTypes));
        context.Add(output);
        return new DisplayedValue(context, output, mimeTypes);
    }
}

/// <summary>A value shown by <c>display(x)</c>; <see cref="Update"/> replaces what is shown.</summary>
public sealed class DisplayedValue
{
    private readonly CellContext _context;
    private readonly string[] _mimeTypes;
    private CellOutput _output;

    internal DisplayedValue(CellContext context, CellOutput output, string[] mimeTypes)
    {
        _context = context;
        _output = output;
        _mimeTypes = mimeTypes;
    }

    /// <summary>Replaces the shown value with <paramref name="value"/>, in the same place among the cell's outputs.</summary>
    public void Update(object? value)
    {
        var replacement = new DisplayDataOutput(ValueFormatter.Format(value, _mimeTypes));
        _context.Replace(_output, replacement);
        _output = replacement;
    }

    /// <summary>A short description (the handle itself is never shown as a result).</summary>
    public override string ToString() => "DisplayedValue";
}
