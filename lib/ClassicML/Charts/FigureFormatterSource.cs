
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
        new FigureFormatter("text/html", (figure, writer) => writer.Write(figure.ToHtml())),
        new FigureFormatter("application/vnd.plotly.v1+json", (figure, writer) => writer.Write(figure.ToJson())),
        new FigureFormatter("text/plain", (figure, writer) => writer.Write(figure.ToString())),
    ];

    /// <summary>One convention-based formatter: a MIME type and a <c>Format(object, TextWriter)</c> method.</summary>
    public sealed class FigureFormatter
    {
        private readonly Action<Figure, TextWriter> _write;

        internal FigureFormatter(string mimeType, Action<Figure, TextWriter> write)
        {
            MimeType = mimeType;
            _write = write;
        }

        /// <summary>The MIME type this formatter writes.</summary>
        public string MimeType { get; }

        /// <summary>The type this formatter accepts.</summary>
        public Type Type => typeof(Figure);

        /// <summary>Writes <paramref name="instance"/> when it is a <see cref="Figure"/>; returns whether it did.</summary>
        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not Figure figure) return false;
            _write(figure, writer);
            return true;
        }
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
