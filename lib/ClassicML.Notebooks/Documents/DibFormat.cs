using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClassicML.Notebooks.Documents;

/// <summary>
/// Reads and writes the Polyglot Notebooks <c>.dib</c> text format: an optional <c>#!meta</c> block with a
/// JSON <c>kernelInfo</c>, then cells, each starting with a line <c>#!&lt;kernel&gt;</c>
/// (<c>#!csharp</c>, <c>#!c#</c>, <c>#!cs</c>, <c>#!markdown</c>, <c>#!md</c>, or a name/alias the kernelInfo lists).
/// </summary>
/// <remarks>
/// A cell's source is the text between its separator line and the next one, without leading blank lines
/// and trailing whitespace (as dotnet-interactive reads it). The whitespace that was trimmed is remembered,
/// so writing a notebook that was read gives back the same bytes; a new cell is written as
/// <c>#!kernel</c>, a blank line, its source, and a blank line before the next cell. Line endings inside a
/// source are kept as they were in the file.
/// </remarks>
public static class DibFormat
{
    private static readonly JsonSerializerOptions s_compactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Kernel names that are cell separators even without a kernelInfo (the C# kernel's aliases and markdown's).
    private static readonly Dictionary<string, string> s_builtInKernels = new(StringComparer.Ordinal)
    {
        ["csharp"] = Cell.CSharpKernel,
        ["c#"] = Cell.CSharpKernel,
        ["cs"] = Cell.CSharpKernel,
        ["C#"] = Cell.CSharpKernel,
        ["markdown"] = Cell.MarkdownKernel,
        ["md"] = Cell.MarkdownKernel,
        ["fsharp"] = "fsharp",
        ["f#"] = "fsharp",
        ["fs"] = "fsharp",
        ["pwsh"] = "pwsh",
        ["powershell"] = "pwsh",
        ["javascript"] = "javascript",
        ["js"] = "javascript",
        ["html"] = "html",
        ["mermaid"] = "mermaid",
        ["sql"] = "sql",
        ["kql"] = "kql",
        ["value"] = "value",
        ["http"] = "http",
    };

    /// <summary>Parses <paramref name="text"/> (the content of a .dib file) into a notebook.</summary>
    /// <exception cref="FormatException">The <c>#!meta</c> block is not valid JSON.</exception>
    public static Notebook Parse(string text)
    {
        return ParseCore(text);
    }

    /// <summary>The first line in [<paramref name="from"/>, <paramref name="to"/>) that looks like a cell separator <c>#!name</c>, 1-based.</summary>
    private static (int Line, string Name)? UnknownKernelLine(List<string> lines, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var line = StripBreak(lines[i]).Line;
            if (line.Length > 2 && line.StartsWith("#!", StringComparison.Ordinal) && !line.Contains(' ', StringComparison.Ordinal))
                return (i + 1, line[2..]);
        }
        return null;
    }

    private static Notebook ParseCore(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hasBom = text.Length > 0 && text[0] == '\uFEFF';
        if (hasBom) text = text[1..];

        var lines = SplitLinesKeepEnds(text);
        var kernels = new Dictionary<string, string>(s_builtInKernels, StringComparer.Ordinal);
        // The meta block names the kernels, so read it first when it leads the file.
        var firstHeader = lines.FindIndex(l => IsHeader(StripBreak(l).Line, kernels, out _));
        JsonObject? metaObject = null;
        if (firstHeader >= 0 && StripBreak(lines[firstHeader]).Line == "#!meta")
        {
            var end = lines.FindIndex(firstHeader + 1, l => IsHeader(StripBreak(l).Line, kernels, out _));
            var json = string.Concat(lines.Skip(firstHeader + 1).Take((end < 0 ? lines.Count : end) - firstHeader - 1));
            try
            {
                metaObject = ParseMeta(json);
            }
            catch (FormatException) when (UnknownKernelLine(lines, firstHeader + 1, end < 0 ? lines.Count : end) is { } unknown)
            {
                // A separator for a kernel the file does not declare is read as part of the block above it: say so.
                throw new FormatException(
                    $"line {unknown.Line}: '#!{unknown.Name}' names a kernel this notebook does not declare; the course's notebooks use "
                    + "#!csharp (or #!c#, #!cs) for code and #!markdown (or #!md) for text. Fix the name, or declare the kernel in the #!meta kernelInfo.");
            }
            AddKernelNames(metaObject?["kernelInfo"] as JsonObject, kernels);
        }

        var notebook = new Notebook();
        var preamble = new StringBuilder();
        DibMetaBlock? meta = null;
        string? header = null;
        string headerBreak = "";
        string kernel = "";
        var content = new StringBuilder();
        var sawHeader = false;

        void Flush()
        {
            if (!sawHeader)
            {
                if (string.IsNullOrWhiteSpace(content.ToString())) preamble.Append(content);
                else AddCell(notebook, null, "", notebook.DefaultKernelName, content.ToString());
            }
            else if (kernel == "meta")
            {
                var (leading, body, trailing) = SplitTrivia(content.ToString());
                meta = new DibMetaBlock(header!, headerBreak, leading, body, trailing, notebook.Cells.Count);
            }
            else
            {
                AddCell(notebook, header, headerBreak, kernel, content.ToString());
            }
            content.Clear();
        }

        foreach (var raw in lines)
        {
            var (line, lineBreak) = StripBreak(raw);
            if (IsHeader(line, kernels, out var name))
            {
                Flush();
                sawHeader = true;
                header = line;
                headerBreak = lineBreak;
                kernel = name;
                continue;
            }
            content.Append(raw);
        }
        Flush();

        if (metaObject?["kernelInfo"] is JsonObject kernelInfo)
        {
            var polyglot = notebook.Metadata["polyglot_notebook"] as JsonObject ?? [];
            polyglot["kernelInfo"] = kernelInfo.DeepClone();
            notebook.Metadata["polyglot_notebook"] = polyglot;
        }
        notebook.DibTrivia = new DibNotebookTrivia(hasBom, preamble.ToString(), meta, notebook.KernelInfo?.DeepClone());
        return notebook;
    }

    /// <summary>
    /// Writes <paramref name="notebook"/> as .dib text: the <c>#!meta</c> block with its kernelInfo, then
    /// every cell (outputs are not part of the format and are dropped).
    /// </summary>
    /// <exception cref="ArgumentException">A cell's source contains a line that would read as a cell separator.</exception>
    public static string Write(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var trivia = notebook.DibTrivia;
        var kernelInfo = notebook.KernelInfo ?? Notebook.DefaultKernelInfo();
        var kernels = new Dictionary<string, string>(s_builtInKernels, StringComparer.Ordinal);
        AddKernelNames(kernelInfo, kernels);

        var sb = new StringBuilder();
        sb.Append(trivia?.Preamble ?? "");

        var metaWritten = false;
        void WriteMeta()
        {
            metaWritten = true;
            if (trivia is not null && JsonNode.DeepEquals(trivia.MetaKernelInfo, kernelInfo))
            {
                // Unchanged since read: write the block exactly as it was, or none if the file had none.
                var block = trivia.Meta;
                if (block is null) return;
                StartLine(sb);
                sb.Append(block.HeaderLine).Append(block.LineBreak).Append(block.Leading).Append(block.Json).Append(block.Trailing);
                return;
            }
            var json = new JsonObject { ["kernelInfo"] = kernelInfo.DeepClone() }.ToJsonString(s_compactJson);
            StartLine(sb);
            sb.Append("#!meta\n\n").Append(json).Append("\n\n");
        }

        var metaPosition = trivia?.Meta?.Position ?? 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            if (i == metaPosition && !metaWritten) WriteMeta();
            var cell = notebook.Cells[i];
            foreach (var line in cell.Source.Split('\n'))
            {
                if (IsHeader(line.TrimEnd('\r'), kernels, out _))
                    throw new ArgumentException(
                        $"Cell {i + 1} contains the line '{line.TrimEnd('\r')}', which a .dib file reads as the start of a new cell; rephrase or indent that line.",
                        nameof(notebook));
            }
            var last = i == notebook.Cells.Count - 1;
            var t = cell.DibTrivia;
            StartLine(sb);
            if (t is not null)
            {
                if (t.HeaderLine is not null) sb.Append(t.HeaderLine).Append(t.LineBreak);
                else if (sb.Length > 0 || i > 0) sb.Append("#!").Append(cell.KernelName).Append('\n');
                sb.Append(t.Leading).Append(cell.Source).Append(t.Trailing);
            }
            else
            {
                sb.Append("#!").Append(cell.KernelName).Append("\n\n").Append(cell.Source).Append(last ? "\n" : "\n\n");
            }
        }
        if (!metaWritten) WriteMeta();
        return trivia?.HasBom == true ? "\uFEFF" + sb : sb.ToString();
    }

    /// <summary>Splits text into lines, each keeping its line break (<c>\n</c> or <c>\r\n</c>).</summary>
    internal static List<string> SplitLinesKeepEnds(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private static void StartLine(StringBuilder sb)
    {
        // A header must start a line, even after a cell read from the end of a file without a final newline.
        if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
    }

    private static (string Line, string Break) StripBreak(string raw)
    {
        if (raw.EndsWith("\r\n", StringComparison.Ordinal)) return (raw[..^2], "\r\n");
        if (raw.EndsWith('\n')) return (raw[..^1], "\n");
        return (raw, "");
    }

    private static bool IsHeader(string line, Dictionary<string, string> kernels, out string kernel)
    {
        kernel = "";
        if (!line.StartsWith("#!", StringComparison.Ordinal)) return false;
        var name = line[2..].TrimEnd();
        if (name == "meta")
        {
            kernel = "meta";
            return true;
        }
        return kernels.TryGetValue(name, out kernel!);
    }

    private static void AddKernelNames(JsonObject? kernelInfo, Dictionary<string, string> kernels)
    {
        if (kernelInfo?["items"] is not JsonArray items) return;
        foreach (var item in items.OfType<JsonObject>())
        {
            if (item["name"] is not JsonValue nameNode || !nameNode.TryGetValue<string>(out var name)) continue;
            kernels[name] = s_builtInKernels.GetValueOrDefault(name, name);
            if (item["aliases"] is JsonArray aliases)
            {
                foreach (var alias in aliases.OfType<JsonValue>())
                {
                    if (alias.TryGetValue<string>(out var a)) kernels[a] = kernels[name];
                }
            }
        }
    }

    private static JsonObject? ParseMeta(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonNode.Parse(json) as JsonObject
                   ?? throw new FormatException("The #!meta block of the .dib file must hold a JSON object like {\"kernelInfo\": {...}}.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The #!meta block of the .dib file is not valid JSON: {e.Message}", e);
        }
    }

    private static void AddCell(Notebook notebook, string? header, string headerBreak, string kernel, string content)
    {
        var (leading, source, trailing) = SplitTrivia(content);
        var kind = kernel == Cell.MarkdownKernel ? CellKind.Markdown : CellKind.Code;
        var cell = new Cell(kind, source, kernel) { DibTrivia = new DibCellTrivia(header, headerBreak, leading, trailing) };
        notebook.Cells.Add(cell);
    }

    /// <summary>Splits a cell's raw text into leading blank lines, the source, and trailing whitespace.</summary>
    private static (string Leading, string Source, string Trailing) SplitTrivia(string content)
    {
        var start = 0;
        foreach (var line in SplitLinesKeepEnds(content))
        {
            if (!string.IsNullOrWhiteSpace(line) || !line.EndsWith('\n')) break;
            start += line.Length;
        }
        var rest = content[start..];
        var source = rest.TrimEnd();
        if (source.Length == 0) return (content, "", "");
        return (content[..start], source, rest[source.Length..]);
    }
}
