using System.Text;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace ClassicML.Notebooks.Rendering;

/// <summary>A heading of a page, for its table of contents.</summary>
/// <param name="Level">1 for <c>#</c>, 2 for <c>##</c>, …</param>
/// <param name="Id">The element id (unique on the page).</param>
/// <param name="Html">The heading's content as inline HTML (math included).</param>
/// <param name="Text">The heading's content as plain text.</param>
internal sealed record PageHeading(int Level, string Id, string Html, string Text);

/// <summary>A markdown cell rendered to HTML.</summary>
/// <param name="Html">The cell's HTML, math as MathML.</param>
/// <param name="Headings">The cell's headings with their ids.</param>
/// <param name="FirstParagraph">The plain text of the first paragraph (math as its TeX), or null.</param>
/// <param name="FirstParagraphHtml">The first paragraph as inline HTML (math as MathML), or null.</param>
/// <param name="Errors">Problems found (e.g. unsupported TeX); each is also drawn in red in <paramref name="Html"/>.</param>
internal sealed record RenderedMarkdown(string Html, IReadOnlyList<PageHeading> Headings, string? FirstParagraph, string? FirstParagraphHtml, IReadOnlyList<string> Errors);

/// <summary>
/// Markdown → HTML with Markdig (tables, emphasis extras, auto-links, heading ids, code fences) where
/// <c>$…$</c> and <c>$$…$$</c> become MathML through <see cref="TexToMathML"/>. Markdig's mathematics
/// extension finds the math spans, so dollars inside code spans and fences and escaped <c>\$</c> stay text.
/// </summary>
internal sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    private readonly HashSet<string> _usedIds = new(StringComparer.Ordinal);

    /// <summary>Renders one markdown cell; heading ids stay unique across all cells rendered by this instance.</summary>
    public RenderedMarkdown Render(string markdown)
    {
        var errors = new List<string>();
        var document = Markdown.Parse(NormalizeDisplayMath(markdown), Pipeline);

        var headings = new List<PageHeading>();
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var attributes = heading.GetAttributes();
            var id = UniqueId(string.IsNullOrEmpty(attributes.Id) ? "section" : attributes.Id);
            attributes.Id = id;
            var inlineHtml = RenderInline(heading, errors);
            headings.Add(new PageHeading(heading.Level, id, inlineHtml, HtmlText.StripTags(inlineHtml)));
        }

        string? firstParagraph = null, firstParagraphHtml = null;
        var paragraph = document.Descendants<ParagraphBlock>().FirstOrDefault(p => p.Parent is MarkdownDocument);
        if (paragraph is not null)
        {
            firstParagraphHtml = RenderInline(paragraph, []).Trim();
            firstParagraph = HtmlText.StripTags(firstParagraphHtml).Trim();
        }

        var writer = new StringWriter();
        var renderer = CreateRenderer(writer, errors);
        renderer.Render(document);
        writer.Flush();
        return new RenderedMarkdown(writer.ToString(), headings, firstParagraph, firstParagraphHtml, errors);
    }

    /// <summary>Every math span of <paramref name="markdown"/> as the site sees it: (TeX, display).</summary>
    internal static IEnumerable<(string Tex, bool Display)> FindMath(string markdown)
    {
        var document = Markdown.Parse(NormalizeDisplayMath(markdown), Pipeline);
        foreach (var node in document.Descendants())
        {
            if (node is MathBlock block) yield return (block.Lines.ToString(), true);
            else if (node is MathInline inline) yield return (inline.Content.ToString(), inline.DelimiterCount >= 2);
        }
    }

    /// <summary>
    /// Puts the <c>$$</c> of display math that starts a line on lines of their own, as Markdig's math blocks need:
    /// <c>$$\begin{aligned} … \end{aligned}$$</c> and <c>$$x = 1$$</c> are common (MathJax and VS Code accept
    /// them) but Markdig would leave them as text. Code fences are left alone.
    /// </summary>
    internal static string NormalizeDisplayMath(string markdown)
    {
        if (!markdown.Contains("$$", StringComparison.Ordinal)) return markdown;
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new List<string>(lines.Length + 8);
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
                fence = trimmed[..(trimmed.Length - trimmed.TrimStart(trimmed[0]).Length)];
            else if (fence is not null && trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim().Trim(fence[0]).Length == 0)
                fence = null;
            else if (fence is null && trimmed.StartsWith("$$", StringComparison.Ordinal) && line.Length - trimmed.Length < 4)
            {
                // Find the closing $$: on this line after the opener, or on a later line.
                var indent = line[..(line.Length - trimmed.Length)];
                var body = new List<string>();
                var rest = trimmed[2..];
                var j = i;
                var close = rest.IndexOf("$$", StringComparison.Ordinal);
                while (close < 0 && j + 1 < lines.Length)
                {
                    body.Add(rest);
                    rest = lines[++j];
                    close = rest.IndexOf("$$", StringComparison.Ordinal);
                }
                if (close >= 0)
                {
                    body.Add(rest[..close]);
                    output.Add(indent + "$$");
                    output.AddRange(body.Where((b, k) => b.Trim().Length > 0 || (k > 0 && k < body.Count - 1)));
                    output.Add(indent + "$$");
                    var after = rest[(close + 2)..];
                    if (after.Trim().Length > 0) output.Add(after.TrimStart());
                    i = j;
                    continue;
                }
            }
            output.Add(line);
        }
        return string.Join('\n', output);
    }

    private string UniqueId(string id)
    {
        if (_usedIds.Add(id)) return id;
        for (var i = 1; ; i++)
        {
            var candidate = id + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_usedIds.Add(candidate)) return candidate;
        }
    }

    private static string RenderInline(LeafBlock block, List<string> errors)
    {
        var writer = new StringWriter();
        var renderer = CreateRenderer(writer, errors);
        renderer.WriteLeafInline(block);
        writer.Flush();
        return writer.ToString();
    }

    private static HtmlRenderer CreateRenderer(TextWriter writer, List<string> errors)
    {
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new MathInlineRenderer(errors));
        renderer.ObjectRenderers.Replace<HtmlMathBlockRenderer>(new MathBlockRenderer(errors));
        renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new HighlightingCodeBlockRenderer());
        return renderer;
    }

    /// <summary>Converts TeX, or draws the converter's complaint in red and records it.</summary>
    internal static string MathOrError(string tex, bool display, List<string> errors)
    {
        try
        {
            return TexToMathML.Convert(tex, display);
        }
        catch (RenderException e)
        {
            errors.Add(e.Message);
            var tag = display ? "div" : "span";
            return $"<{tag} class=\"math-error\" title=\"{TexSymbols.Escape(e.Message)}\">⚠ {TexSymbols.Escape(e.Message)}</{tag}>";
        }
    }

    private sealed class MathInlineRenderer(List<string> errors) : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline obj) =>
            renderer.Write(MathOrError(obj.Content.ToString(), obj.DelimiterCount >= 2, errors));
    }

    private sealed class MathBlockRenderer(List<string> errors) : HtmlObjectRenderer<MathBlock>
    {
        protected override void Write(HtmlRenderer renderer, MathBlock obj)
        {
            renderer.EnsureLine();
            var tex = obj.Lines.ToString();
            renderer.Write(MathOrError(tex, display: true, errors));
            renderer.WriteLine();
        }
    }

    /// <summary>Code fences: C# gets <see cref="CSharpHighlighter"/> spans, others are escaped as they are.</summary>
    private sealed class HighlightingCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            renderer.EnsureLine();
            var language = (obj as FencedCodeBlock)?.Info?.Trim() ?? "";
            var code = obj.Lines.ToString();
            var isCSharp = language is "csharp" or "cs" or "c#" or "C#";
            var sb = new StringBuilder("<pre><code");
            if (language.Length > 0)
                sb.Append(" class=\"language-").Append(TexSymbols.Escape(isCSharp ? "csharp" : language)).Append('"');
            sb.Append('>');
            sb.Append(isCSharp ? CSharpHighlighter.Highlight(code) : TexSymbols.Escape(code));
            sb.Append("</code></pre>");
            renderer.Write(sb.ToString());
            renderer.WriteLine();
        }
    }
}

/// <summary>Small helpers for HTML text.</summary>
internal static class HtmlText
{
    /// <summary>The text of an HTML fragment: tags dropped (MathML keeps only its TeX annotation), entities decoded.</summary>
    public static string StripTags(string html)
    {
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] == '<')
            {
                // For math use the TeX annotation, which reads better than MathML's glyphs run together.
                if (string.CompareOrdinal(html, i, "<math", 0, 5) == 0)
                {
                    var end = html.IndexOf("</math>", i, StringComparison.Ordinal);
                    var ann = html.IndexOf("<annotation encoding=\"application/x-tex\">", i, StringComparison.Ordinal);
                    if (end > 0 && ann > 0 && ann < end)
                    {
                        var start = ann + "<annotation encoding=\"application/x-tex\">".Length;
                        var stop = html.IndexOf("</annotation>", start, StringComparison.Ordinal);
                        sb.Append(html, start, stop - start);
                        i = end + "</math>".Length;
                        continue;
                    }
                }
                var close = html.IndexOf('>', i);
                if (close < 0) break;
                i = close + 1;
                continue;
            }
            sb.Append(html[i]);
            i++;
        }
        return System.Net.WebUtility.HtmlDecode(sb.ToString());
    }
}
