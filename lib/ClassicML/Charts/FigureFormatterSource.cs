namespace ClassicML.Charts;

/// <summary>
/// Supplies the formatters that draw a <see cref="Figure"/>. Found by convention: the Formatting package
/// (used by Polyglot Notebooks and by the course's runner) looks for an attribute named
/// <c>TypeFormatterSourceAttribute</c>, creates this type and calls <see cref="CreateTypeFormatters"/>,
/// so the library needs no reference to the Formatting package.
/// </summary>
public sealed class FigureFormatterSource
{
    /// <summary>The formatters for <c>text/html</c>, <c>application/vnd.plotly.v1+json</c> and <c>text/plain</c>.</summary>
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ConventionFormatter<Figure>("text/html", figure => figure.ToHtml()),
        new ConventionFormatter<Figure>("application/vnd.plotly.v1+json", figure => figure.ToJson()),
        new ConventionFormatter<Figure>("text/plain", figure => figure.ToString()),
    ];
}

/// <summary>
/// One formatter in the shape the Formatting package accepts by convention: a <see cref="MimeType"/>, the
/// <see cref="Type"/> it formats, and <see cref="Format"/>. Shared by every library type that draws itself
/// (<see cref="Figure"/>, <c>ClassicML.Exercises.CheckResult</c>).
/// </summary>
/// <typeparam name="T">The type formatted.</typeparam>
public sealed class ConventionFormatter<T>
{
    private readonly Func<T, string> _render;

    internal ConventionFormatter(string mimeType, Func<T, string> render)
    {
        MimeType = mimeType;
        _render = render;
    }

    /// <summary>The MIME type this formatter writes.</summary>
    public string MimeType { get; }

    /// <summary>The type this formatter accepts.</summary>
    public Type Type => typeof(T);

    /// <summary>Writes <paramref name="instance"/> when it is a <typeparamref name="T"/>; returns whether it did.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not T value) return false;
        writer.Write(_render(value));
        return true;
    }
}

/// <summary>
/// Names the formatter source of a type. Matched by name by the Formatting package, which is why this
/// library declares its own copy instead of referencing that package.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The type whose <c>CreateTypeFormatters()</c> supplies the formatters.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types a front end should prefer for this type.</summary>
    public string[] PreferredMimeTypes { get; set; } = [];
}
