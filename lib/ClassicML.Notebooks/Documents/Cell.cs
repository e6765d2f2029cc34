using System.Text.Json.Nodes;

namespace ClassicML.Notebooks.Documents;

/// <summary>Whether a cell holds code to run or markdown to show.</summary>
public enum CellKind
{
    /// <summary>Source code run by a kernel (C# for this course).</summary>
    Code,

    /// <summary>Markdown text (with <c>$...$</c> / <c>$$...$$</c> LaTeX math).</summary>
    Markdown,
}

/// <summary>
/// One notebook cell: its kind, the kernel that runs it, its source text, the outputs of its last run and
/// the metadata read from the file (kept so that a read-then-write round trip loses nothing).
/// </summary>
public sealed class Cell
{
    /// <summary>The kernel name used for C# code cells (<c>#!csharp</c>).</summary>
    public const string CSharpKernel = "csharp";

    /// <summary>The kernel name used for markdown cells (<c>#!markdown</c>).</summary>
    public const string MarkdownKernel = "markdown";

    /// <summary>Creates a cell.</summary>
    /// <param name="kind">Code or markdown.</param>
    /// <param name="source">The cell's text, lines separated by <c>\n</c>, without a trailing newline.</param>
    /// <param name="kernelName">The kernel name (<c>csharp</c>, <c>markdown</c>, …); by default the one that fits <paramref name="kind"/>.</param>
    public Cell(CellKind kind, string source, string? kernelName = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        Kind = kind;
        Source = source;
        KernelName = kernelName ?? (kind == CellKind.Markdown ? MarkdownKernel : CSharpKernel);
    }

    /// <summary>A C# code cell holding <paramref name="source"/>.</summary>
    public static Cell Code(string source) => new(CellKind.Code, source);

    /// <summary>A markdown cell holding <paramref name="source"/>.</summary>
    public static Cell Markdown(string source) => new(CellKind.Markdown, source);

    /// <summary>Code or markdown.</summary>
    public CellKind Kind { get; set; }

    /// <summary>The kernel that runs the cell, e.g. <c>csharp</c> (the name after <c>#!</c> in a .dib file).</summary>
    public string KernelName { get; set; }

    /// <summary>The cell's text, lines separated by <c>\n</c>.</summary>
    public string Source { get; set; }

    /// <summary>The nbformat 4.5 cell id, when the cell came from (or was written to) an .ipynb file; null otherwise.</summary>
    public string? Id { get; set; }

    /// <summary>The execution count of a code cell's last run (null when it has not run).</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The outputs of the cell's last run, in the order they appeared.</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>The cell's .ipynb metadata object (kernel name etc.); unknown keys are kept as read.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>Fields of the .ipynb cell object this model does not know (e.g. <c>attachments</c>), kept for round trips.</summary>
    public JsonObject ExtraFields { get; set; } = [];

    /// <summary>The exact text around the cell in the .dib file it was read from; null for a new cell.</summary>
    internal DibCellTrivia? DibTrivia { get; set; }

    /// <summary>The source exactly as the .ipynb file held it (string or list of lines), while <see cref="Source"/> is unchanged.</summary>
    internal (string Text, JsonNode Node)? RawIpynbSource { get; set; }

    /// <summary>A copy of this cell without outputs and execution count (the form kept in source control).</summary>
    public Cell CloneWithoutOutputs()
    {
        var copy = new Cell(Kind, Source, KernelName)
        {
            Id = Id,
            Metadata = (JsonObject)Metadata.DeepClone(),
            ExtraFields = (JsonObject)ExtraFields.DeepClone(),
            DibTrivia = DibTrivia,
            RawIpynbSource = RawIpynbSource,
        };
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} ({KernelName}): {(Source.Length > 40 ? Source[..40] + "…" : Source)}";
}

/// <summary>The exact header line and whitespace that surrounded a cell in a .dib file.</summary>
/// <param name="HeaderLine">The separator line without its line break (e.g. <c>#!c#</c>); null for text before the first separator.</param>
/// <param name="LineBreak">The header line's line break (<c>\n</c>, <c>\r\n</c>, or empty at the end of the file).</param>
/// <param name="Leading">The text between the header's line break and the first line of source.</param>
/// <param name="Trailing">The text after the source up to the next header line (or the end of the file).</param>
internal sealed record DibCellTrivia(string? HeaderLine, string LineBreak, string Leading, string Trailing);
