using System.Text;
using System.Text.RegularExpressions;
using Markdig.Helpers;
using Markdig.Syntax.Inlines;
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
/// <param name="Html">The cell's HTML, math typeset by KaTeX.</param>
/// <param name="Headings">The cell's headings with their ids.</param>
/// <param name="FirstParagraph">The plain text of the first paragraph (math as its TeX), or null.</param>
/// <param name="FirstParagraphHtml">The first paragraph as inline HTML (math typeset by KaTeX), or null.</param>
/// <param name="Errors">Problems found (e.g. unsupported TeX); each is also drawn in red in <paramref name="Html"/>.</param>
internal sealed record RenderedMarkdown(string Html, IReadOnlyList<PageHeading> Headings, string? FirstParagraph, string? FirstParagraphHtml, IReadOnlyList<string> Errors);

/// <summary>
/// Markdown → HTML with Markdig (tables, emphasis extras, auto-links, heading ids, code fences) where
/// <c>$…$</c> and <c>$$…$$</c> are typeset by KaTeX (<see cref="Katex"/>), as VS Code does. Markdig's mathematics
/// extension finds the math spans, so dollars inside code spans and fences and escaped <c>\$</c> stay text.
/// </summary>
internal sealed partial class MarkdownRenderer
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
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is HeadingBlock heading)
            {
                NormalizeSectionNumber(heading);
                var attributes = heading.GetAttributes();
                var id = UniqueId(string.IsNullOrEmpty(attributes.Id) ? "section" : attributes.Id);
                attributes.Id = id;
                var inlineHtml = RenderInline(heading, errors);
                headings.Add(new PageHeading(heading.Level, id, inlineHtml, HtmlText.StripTags(inlineHtml)));
            }
            else if (block is ParagraphBlock exercise && ExerciseLabel(exercise) is { } label)
            {
                // "**Exercise 3.1 (derive $w_1$).** Implement …": an exercise that is a paragraph, not a heading, is
                // still an entry of the contents, under the same "Exercise N.M — topic" style as the headed ones.
                var labelHtml = RenderInlines(label, errors);
                var match = ExerciseTitle().Match(labelHtml);
                var title = match.Success
                    ? $"Exercise {match.Groups[1].Value}" + (match.Groups[2].Success ? " — " + match.Groups[2].Value : "")
                    : labelHtml.TrimEnd('.', ' ');
                var attributes = exercise.GetAttributes();
                var number = match.Success ? match.Groups[1].Value.Replace('.', '-') : "";
                attributes.Id = UniqueId("exercise-" + number);
                headings.Add(new PageHeading(3, attributes.Id, title, HtmlText.StripTags(title)));
            }
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

    /// <summary>"## 1. Intuition" and "## 1 · Intuition" are both written; the site sets every one as "1 · Intuition".</summary>
    private static void NormalizeSectionNumber(HeadingBlock heading)
    {
        if (heading.Inline?.FirstChild is not LiteralInline literal) return;
        var text = literal.Content.ToString();
        var match = DottedNumber().Match(text);
        if (match.Success) literal.Content = new StringSlice(match.Groups[1].Value + " · " + text[match.Length..]);
    }

    /// <summary>The bold label that opens a top-level paragraph "**Exercise N.M …**", or null.</summary>
    private static EmphasisInline? ExerciseLabel(ParagraphBlock paragraph) =>
        paragraph.Parent is MarkdownDocument
        && paragraph.Inline?.FirstChild is EmphasisInline { DelimiterChar: '*' or '_', DelimiterCount: 2 } strong
        && strong.FirstChild is LiteralInline first && ExerciseStart().IsMatch(first.Content.ToString())
            ? strong : null;

    private static string RenderInlines(ContainerInline container, List<string> errors)
    {
        var writer = new StringWriter();
        var renderer = CreateRenderer(writer, errors);
        renderer.WriteChildren(container);
        writer.Flush();
        return writer.ToString();
    }

    [GeneratedRegex(@"^(\d+)\.\s+")]
    private static partial Regex DottedNumber();

    [GeneratedRegex(@"^Exercise \d+\.\d+")]
    private static partial Regex ExerciseStart();

    /// <summary>"Exercise 3.1 (derive …)." or "Exercise 4.2 (step 2: …)" or "Exercise 3.1."</summary>
    [GeneratedRegex(@"^Exercise (\d+\.\d+)(?:\s*[(:—–-]\s*(.*?)\)?)?\s*\.?\s*$", RegexOptions.Singleline)]
    private static partial Regex ExerciseTitle();

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

    /// <summary>Typesets TeX with <see cref="Katex"/>, or draws KaTeX's complaint in red and records it.</summary>
    internal static string MathOrError(string tex, bool display, List<string> errors)
    {
        try
        {
            var html = Katex.Render(tex, display);
            return display ? $"<div class=\"math-display\">{html}</div>" : html;
        }
        catch (RenderException e)
        {
            errors.Add(e.Message);
            var tag = display ? "div" : "span";
            return $"<{tag} class=\"math-error\" title=\"{HtmlText.Escape(e.Message)}\">⚠ {HtmlText.Escape(e.Message)}</{tag}>";
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
                sb.Append(" class=\"language-").Append(HtmlText.Escape(isCSharp ? "csharp" : language)).Append('"');
            sb.Append('>');
            sb.Append(CSharpHighlighter.WrapLines(isCSharp ? CSharpHighlighter.Highlight(code) : HtmlText.Escape(code)));
            sb.Append("</code></pre>");
            renderer.Write(sb.ToString());
            renderer.WriteLine();
        }
    }
}

/// <summary>Small helpers for HTML text.</summary>
internal static class HtmlText
{
    private const string TexAnnotation = "<annotation encoding=\"application/x-tex\">";

    /// <summary>Escapes <c>&amp; &lt; &gt; "</c> for HTML text and attribute values.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// The text of an HTML fragment: tags dropped, entities decoded; typeset math (KaTeX's <c>span.katex</c>, or a bare
    /// <c>&lt;math&gt;</c>) becomes its TeX annotation, which reads better than the glyphs run together.
    /// </summary>
    public static string StripTags(string html)
    {
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] == '<')
            {
                var end = MathEnd(html, i);
                if (end > 0)
                {
                    var ann = html.IndexOf(TexAnnotation, i, StringComparison.Ordinal);
                    if (ann > 0 && ann < end)
                    {
                        var start = ann + TexAnnotation.Length;
                        var stop = html.IndexOf("</annotation>", start, StringComparison.Ordinal);
                        sb.Append(System.Net.WebUtility.HtmlDecode(html[start..stop]));
                        i = end;
                        continue;
                    }
                }
                var close = html.IndexOf('>', i);
                if (close < 0) break;
                i = close + 1;
                continue;
            }
            var next = html.IndexOf('<', i);
            if (next < 0) next = html.Length;
            sb.Append(System.Net.WebUtility.HtmlDecode(html[i..next]));
            i = next;
        }
        return sb.ToString();
    }

    /// <summary>
    /// If a math element starts at <paramref name="i"/> (<c>&lt;math</c>, or a <c>&lt;span class="katex…"&gt;</c>),
    /// the index just past its end tag; otherwise -1.
    /// </summary>
    private static int MathEnd(string html, int i)
    {
        if (string.CompareOrdinal(html, i, "<math", 0, 5) == 0)
        {
            var end = html.IndexOf("</math>", i, StringComparison.Ordinal);
            return end < 0 ? -1 : end + "</math>".Length;
        }
        if (string.CompareOrdinal(html, i, "<span class=\"katex", 0, 18) != 0) return -1;
        // Spans nest inside KaTeX's output: count them to find the one that closes this span.
        var depth = 0;
        for (var j = i; j < html.Length;)
        {
            var open = html.IndexOf("<span", j, StringComparison.Ordinal);
            var shut = html.IndexOf("</span>", j, StringComparison.Ordinal);
            if (shut < 0) return -1;
            if (open >= 0 && open < shut)
            {
                depth++;
                j = open + 5;
            }
            else
            {
                depth--;
                j = shut + "</span>".Length;
                if (depth == 0) return j;
            }
        }
        return -1;
    }
}
