using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Classification;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace ClassicML.Notebooks.Rendering;

/// <summary>
/// Highlights C# for the site from Roslyn's own classification (<see cref="Classifier"/> on an
/// <see cref="AdhocWorkspace"/>), the source of the colours in VS Code's C# editor: a word is marked as a type only
/// where the compiler binds it to one, interpolation holes are code, and <c>#r</c> lines are directives. Each token
/// becomes <c>&lt;span class="tok-…"&gt;</c>; the text between is the code, HTML-escaped.
/// </summary>
/// <remarks>
/// The cells of a notebook are classified together as one script (they run in one script state), against the
/// platform's assemblies, the packages the toolchain ships (MathNet.Numerics, Plotly.NET) and any <c>#r "path.dll"</c>
/// resolved from the notebook's folder (read from the <c>#r</c> lines, so the highlighter needs no scripting host), so names declared in an earlier cell or in ClassicML are classified by what
/// they are.
/// </remarks>
internal static class CSharpHighlighter
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> PlatformReferences = new(() =>
    {
        var paths = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });

    /// <summary>The namespaces every cell sees, as in the .NET Interactive C# kernel (and the course's runner).</summary>
    private static readonly string[] KernelImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private static readonly Lazy<MefHostServices> Host = new(() => MefHostServices.Create(MefHostServices.DefaultAssemblies));

    /// <summary>The CSS class of each classification the site colours; the others stay plain text.</summary>
    private static readonly Dictionary<string, string> Classes = new(StringComparer.Ordinal)
    {
        [ClassificationTypeNames.Keyword] = "tok-kw",
        [ClassificationTypeNames.ControlKeyword] = "tok-kw",
        [ClassificationTypeNames.ClassName] = "tok-type",
        [ClassificationTypeNames.RecordClassName] = "tok-type",
        [ClassificationTypeNames.StructName] = "tok-type",
        [ClassificationTypeNames.RecordStructName] = "tok-type",
        [ClassificationTypeNames.InterfaceName] = "tok-type",
        [ClassificationTypeNames.EnumName] = "tok-type",
        [ClassificationTypeNames.DelegateName] = "tok-type",
        [ClassificationTypeNames.TypeParameterName] = "tok-type",
        [ClassificationTypeNames.StringLiteral] = "tok-str",
        [ClassificationTypeNames.VerbatimStringLiteral] = "tok-str",
        [ClassificationTypeNames.StringEscapeCharacter] = "tok-str",
        [ClassificationTypeNames.NumericLiteral] = "tok-num",
        [ClassificationTypeNames.Comment] = "tok-com",
        [ClassificationTypeNames.XmlDocCommentText] = "tok-com",
        [ClassificationTypeNames.XmlDocCommentDelimiter] = "tok-com",
        [ClassificationTypeNames.PreprocessorKeyword] = "tok-pp",
        [ClassificationTypeNames.PreprocessorText] = "tok-pp",
        [ClassificationTypeNames.MethodName] = "tok-fn",
        [ClassificationTypeNames.ExtensionMethodName] = "tok-fn",
    };

    /// <summary>One piece of C# as HTML with token spans.</summary>
    public static string Highlight(string code) => HighlightCells([code], null)[0];

    /// <summary>
    /// The cells of one notebook as HTML with token spans, classified together as one script whose
    /// <c>#r "path.dll"</c> lines resolve from <paramref name="folder"/> (the notebook's folder; null: none resolve).
    /// </summary>
    public static IReadOnlyList<string> HighlightCells(IReadOnlyList<string> cells, string? folder)
    {
        if (cells.Count == 0) return [];
        var script = new StringBuilder();
        var starts = new int[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            starts[i] = script.Length;
            script.Append(cells[i].Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
        }
        var text = script.ToString();
        var spans = Classify(text, folder);
        var html = new List<string>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var start = starts[i];
            var end = i + 1 < cells.Count ? starts[i + 1] - 1 : text.Length - 1;
            html.Add(Render(text, start, end, spans));
        }
        return html;
    }

    /// <summary>Non-overlapping (span, class) pairs in order, from Roslyn's classification of <paramref name="text"/>.</summary>
    private static List<(TextSpan Span, string Class)> Classify(string text, string? folder)
    {
        using var workspace = new AdhocWorkspace(Host.Value);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: KernelImports);
        var projectId = ProjectId.CreateNewId();
        var project = ProjectInfo.Create(projectId, VersionStamp.Default, "notebook", "notebook", LanguageNames.CSharp,
            compilationOptions: options,
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script),
            metadataReferences: PlatformReferences.Value.Concat(DllReferences(text, folder)), isSubmission: true);
        var solution = workspace.CurrentSolution.AddProject(project)
            .AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(projectId), "notebook.csx", sourceCodeKind: SourceCodeKind.Script,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Default))));
        var document = solution.Projects.Single().Documents.Single();
        var classified = Classifier.GetClassifiedSpansAsync(document, new TextSpan(0, text.Length)).GetAwaiter().GetResult();

        var result = new List<(TextSpan, string)>();
        var covered = 0;
        foreach (var span in classified.OrderBy(s => s.TextSpan.Start))
        {
            // Additive classifications ("static symbol") overlay a span already classified; they carry no colour here.
            if (ClassificationTypeNames.AdditiveTypeNames.Contains(span.ClassificationType)) continue;
            if (!Classes.TryGetValue(span.ClassificationType, out var cls) || span.TextSpan.Start < covered) continue;
            // Adjacent pieces of one class ("#" "r", "$\"" "text") become one span.
            if (result.Count > 0 && result[^1].Item2 == cls && result[^1].Item1.End == span.TextSpan.Start)
                result[^1] = (TextSpan.FromBounds(result[^1].Item1.Start, span.TextSpan.End), cls);
            else result.Add((span.TextSpan, cls));
            covered = span.TextSpan.End;
        }
        return result;
    }

    /// <summary>
    /// Wraps each line of highlighted code (HTML whose tags never span a line break) in <c>&lt;span class="line"&gt;</c>,
    /// with <c>style="--indent:N"</c> giving its leading spaces: the stylesheet hangs a wrapped line's continuation under
    /// the line's own indentation (plus one step), so a long line that wraps still reads as one statement.
    /// </summary>
    public static string WrapLines(string html)
    {
        var sb = new StringBuilder(html.Length + html.Length / 8);
        foreach (var line in html.Split('\n'))
        {
            var indent = 0;
            // Leading spaces may sit inside the first token span (a comment) or before it.
            var plain = line.StartsWith("<span", StringComparison.Ordinal) ? line[(line.IndexOf('>') + 1)..] : line;
            while (indent < plain.Length && plain[indent] is ' ' or '\t') indent += plain[indent] == '\t' ? 4 : 1;
            sb.Append("<span class=\"line\"");
            if (indent > 0) sb.Append(" style=\"--indent:").Append(indent.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('"');
            sb.Append('>').Append(line).Append("</span>");
        }
        return sb.ToString();
    }

    /// <summary>
    /// The DLLs that <c>#r "path.dll"</c> lines of <paramref name="text"/> name, resolved from <paramref name="folder"/>
    /// (those that exist; <c>#r "nuget: …"</c> packages are among the platform references already).
    /// </summary>
    private static IEnumerable<MetadataReference> DllReferences(string text, string? folder)
    {
        if (folder is null) yield break;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("#r \"", StringComparison.Ordinal) || !trimmed.EndsWith(".dll\"", StringComparison.OrdinalIgnoreCase)) continue;
            var path = Path.GetFullPath(Path.Combine(folder, trimmed[4..^1]));
            if (File.Exists(path)) yield return MetadataReference.CreateFromFile(path);
        }
    }

    private static string Render(string text, int start, int end, List<(TextSpan Span, string Class)> spans)
    {
        var sb = new StringBuilder((end - start) * 2);
        var at = start;
        foreach (var (span, cls) in spans)
        {
            if (span.End <= start) continue;
            if (span.Start >= end) break;
            var from = Math.Max(span.Start, start);
            var to = Math.Min(span.End, end);
            if (from > at) sb.Append(HtmlText.Escape(text[at..from]));
            // A token that spans lines (a block comment, a raw string) is closed and reopened at each line break,
            // so every line of the HTML is whole and can be wrapped on its own (see WrapLines).
            var open = "<span class=\"" + cls + "\">";
            sb.Append(open).Append(HtmlText.Escape(text[from..to]).Replace("\n", "</span>\n" + open, StringComparison.Ordinal)).Append("</span>");
            at = to;
        }
        if (at < end) sb.Append(HtmlText.Escape(text[at..end]));
        return sb.ToString();
    }
}
