using System.Text.Json.Nodes;

namespace ClassicML.Notebooks.Documents;

/// <summary>
/// A notebook: an ordered list of <see cref="Cell"/>s plus the notebook-level metadata of the file it was
/// read from. Read and written by <see cref="DibFormat"/> (.dib) and <see cref="IpynbFormat"/> (.ipynb);
/// <see cref="NotebookFile"/> picks the format from the file extension.
/// </summary>
public sealed class Notebook
{
    /// <summary>A notebook holding <paramref name="cells"/> with the course's default metadata (C# kernel).</summary>
    public Notebook(IEnumerable<Cell>? cells = null)
    {
        if (cells is not null) Cells.AddRange(cells);
        Metadata = DefaultMetadata();
    }

    /// <summary>The cells in order.</summary>
    public List<Cell> Cells { get; } = [];

    /// <summary>
    /// The .ipynb notebook metadata: <c>kernelspec</c>, <c>language_info</c> and <c>polyglot_notebook.kernelInfo</c>
    /// (the last is also what a .dib file's <c>#!meta</c> block holds). Unknown keys are kept.
    /// </summary>
    public JsonObject Metadata { get; set; }

    /// <summary>The nbformat minor version the notebook is written as (5: cells carry ids).</summary>
    public int NbFormatMinor { get; set; } = 5;

    /// <summary>Top-level fields of the .ipynb file this model does not know, kept for round trips.</summary>
    public JsonObject ExtraFields { get; set; } = [];

    /// <summary>The name of the kernel used for cells without an explicit one (<c>csharp</c> unless the metadata says otherwise).</summary>
    public string DefaultKernelName =>
        KernelInfo?["defaultKernelName"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : Cell.CSharpKernel;

    /// <summary>The Polyglot <c>kernelInfo</c> object (<c>{"defaultKernelName": ..., "items": [...]}</c>), or null when absent.</summary>
    public JsonObject? KernelInfo => (Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject;

    /// <summary>The exact .dib text around the cells (meta block, text before the first cell); null for a new notebook.</summary>
    internal DibNotebookTrivia? DibTrivia { get; set; }

    /// <summary>A copy without any outputs or execution counts: what <c>sync</c> writes.</summary>
    public Notebook CloneWithoutOutputs()
    {
        var copy = new Notebook(Cells.Select(c => c.CloneWithoutOutputs()))
        {
            Metadata = (JsonObject)Metadata.DeepClone(),
            NbFormatMinor = NbFormatMinor,
            ExtraFields = (JsonObject)ExtraFields.DeepClone(),
            DibTrivia = DibTrivia,
        };
        return copy;
    }

    /// <summary>
    /// The course's default kernel metadata, as Polyglot Notebooks writes it for a C# notebook:
    /// kernelspec <c>.net-csharp</c>, language_info <c>polyglot-notebook</c> (with C#'s extension, MIME type and lexer), and a kernelInfo listing
    /// the <c>csharp</c> and <c>markdown</c> kernels.
    /// </summary>
    public static JsonObject DefaultMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        // As dotnet-interactive writes it: the name says "Polyglot", the rest lets viewers highlight C#.
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "polyglot-notebook",
            ["pygments_lexer"] = "csharp",
        },
        ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = DefaultKernelInfo() },
    };

    /// <summary>The kernelInfo of a C# notebook with markdown cells: <c>{"defaultKernelName":"csharp","items":[csharp, markdown]}</c>.</summary>
    public static JsonObject DefaultKernelInfo() => new()
    {
        ["defaultKernelName"] = Cell.CSharpKernel,
        ["items"] = new JsonArray
        {
            new JsonObject { ["aliases"] = new JsonArray(), ["name"] = Cell.CSharpKernel },
            new JsonObject { ["aliases"] = new JsonArray(), ["languageName"] = "markdown", ["name"] = Cell.MarkdownKernel },
        },
    };
}

/// <summary>The exact .dib text that is not part of any cell.</summary>
/// <param name="HasBom">Whether the file started with a UTF-8 byte-order mark.</param>
/// <param name="Preamble">Whitespace before the first separator line.</param>
/// <param name="Meta">The <c>#!meta</c> block as read (null when the file had none).</param>
/// <param name="MetaKernelInfo">The notebook's kernelInfo right after reading, to tell whether it changed since.</param>
internal sealed record DibNotebookTrivia(bool HasBom, string Preamble, DibMetaBlock? Meta, JsonNode? MetaKernelInfo);

/// <summary>A <c>#!meta</c> block exactly as read: header, whitespace, JSON text, whitespace.</summary>
internal sealed record DibMetaBlock(string HeaderLine, string LineBreak, string Leading, string Json, string Trailing, int Position);
