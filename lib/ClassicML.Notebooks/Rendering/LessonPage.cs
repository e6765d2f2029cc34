using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Rendering;

/// <summary>One lesson of the site: its executed notebook turned into page parts.</summary>
internal sealed partial class LessonPage
{
    private LessonPage(string sourcePath)
    {
        SourcePath = sourcePath;
        Slug = Path.GetFileNameWithoutExtension(sourcePath);
        SourceName = Path.GetFileName(sourcePath);
    }

    /// <summary>The notebook's path (its .dib), from which the page's downloads are made.</summary>
    public string SourcePath { get; }

    /// <summary>The notebook's file name without extension, e.g. <c>00-setup</c>; the page is <c>{Slug}.html</c>.</summary>
    public string Slug { get; }

    /// <summary>The notebook's file name, e.g. <c>00-setup.dib</c>.</summary>
    public string SourceName { get; }

    /// <summary>The page's file name.</summary>
    public string FileName => Slug + ".html";

    /// <summary>The first level-1 heading's text, or the slug.</summary>
    public string Title { get; private set; } = "";

    /// <summary>The first level-1 heading as inline HTML (may hold math typeset by KaTeX).</summary>
    public string TitleHtml { get; private set; } = "";

    /// <summary>The lesson's description for the index: whole sentences of its first paragraph, as plain text.</summary>
    public string Description { get; private set; } = "";

    /// <summary>The lesson's description for the index as inline HTML (see <see cref="Summary(string)"/>).</summary>
    public string DescriptionHtml { get; private set; } = "";

    /// <summary>Headings of levels 2 and 3, for the table of contents.</summary>
    public List<PageHeading> Contents { get; } = [];

    /// <summary>The rendered cells, in order.</summary>
    public string BodyHtml { get; private set; } = "";

    /// <summary>Problems that make this lesson fail: cell errors, an execution failure, unsupported TeX.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Number of code cells.</summary>
    public int CodeCells { get; private set; }

    /// <summary>Number of charts drawn by the lesson's outputs.</summary>
    public int Charts { get; private set; }

    /// <summary>
    /// Builds the page parts of <paramref name="notebook"/> (already executed: its code cells carry
    /// outputs). <paramref name="executionError"/> is the failure of the run as a whole, if any.
    /// </summary>
    public static LessonPage Build(string sourcePath, Notebook notebook, string? executionError)
    {
        var page = new LessonPage(sourcePath);
        var markdown = new MarkdownRenderer();
        var body = new StringBuilder();
        if (executionError is not null)
        {
            page.Errors.Add(executionError);
            body.Append("<div class=\"notebook-error\" role=\"alert\"><strong>This notebook did not run.</strong><pre>")
                .Append(HtmlText.Escape(executionError)).Append("</pre></div>\n");
        }

        // Highlighted together: a name declared in one cell is classified by what it is in the cells after it.
        var highlighted = CSharpHighlighter.HighlightCells(
            notebook.Cells.Where(c => c.Kind != CellKind.Markdown).Select(c => c.Source).ToList(), Path.GetDirectoryName(Path.GetFullPath(sourcePath)));
        var codeIndex = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind == CellKind.Markdown)
            {
                var rendered = markdown.Render(cell.Source);
                foreach (var error in rendered.Errors) page.Errors.Add($"{page.SourceName}, cell {i + 1}: {error}");
                foreach (var h in rendered.Headings)
                {
                    if (h.Level == 1 && page.Title.Length == 0)
                    {
                        page.Title = h.Text;
                        page.TitleHtml = h.Html;
                    }
                    else if (h.Level is 2 or 3) page.Contents.Add(h);
                }
                if (page.Description.Length == 0 && rendered.FirstParagraph is { Length: > 0 } p)
                {
                    page.DescriptionHtml = Summary(rendered.FirstParagraphHtml ?? HtmlText.Escape(p));
                    page.Description = HtmlText.StripTags(page.DescriptionHtml);
                }
                body.Append("<section class=\"cell markdown-cell\">\n").Append(rendered.Html).Append("</section>\n");
                continue;
            }

            codeIndex++;
            page.CodeCells++;
            var label = cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " ";
            body.Append("<section class=\"cell code-cell\" id=\"cell-").Append(codeIndex.ToString(CultureInfo.InvariantCulture)).Append("\">\n");
            body.Append("<div class=\"cell-input\"><span class=\"prompt\" aria-hidden=\"true\">[").Append(label).Append("]</span>");
            body.Append("<pre class=\"source\"><code class=\"language-csharp\">").Append(CSharpHighlighter.WrapLines(highlighted[codeIndex - 1])).Append("</code></pre></div>\n");
            if (cell.Outputs.Count > 0)
            {
                body.Append("<div class=\"cell-outputs\">\n");
                foreach (var output in cell.Outputs)
                {
                    if (output is ErrorOutput error)
                        page.Errors.Add($"{page.SourceName}, cell {i + 1}: {error.EName}: {error.EValue}");
                    body.Append(RenderOutput(output, markdown, page));
                }
                body.Append("</div>\n");
            }
            body.Append("</section>\n");
        }
        if (page.Title.Length == 0)
        {
            page.Title = page.Slug;
            page.TitleHtml = HtmlText.Escape(page.Slug);
        }
        page.BodyHtml = body.ToString();
        return page;
    }

    private static string RenderOutput(CellOutput output, MarkdownRenderer markdown, LessonPage page)
    {
        switch (output)
        {
            case StreamOutput stream:
                return $"<pre class=\"output stream {stream.Name}\">{HtmlText.Escape(HomeRelative(stream.Text))}</pre>\n";
            case ErrorOutput error:
            {
                var trace = string.Join("\n", error.Traceback.Select(StripAnsi));
                var sb = new StringBuilder("<div class=\"output error\" role=\"alert\"><div class=\"error-name\">")
                    .Append(HtmlText.Escape(error.EName)).Append(": ").Append(HtmlText.Escape(error.EValue)).Append("</div>");
                if (trace.Length > 0 && trace.Trim() != $"{error.EName}: {error.EValue}".Trim())
                    sb.Append("<pre>").Append(HtmlText.Escape(trace)).Append("</pre>");
                return sb.Append("</div>\n").ToString();
            }
            case DisplayDataOutput display:
                return RenderBundle(display.Data, markdown, page);
            case ExecuteResultOutput result:
                return RenderBundle(result.Data, markdown, page);
            default:
                return "";
        }
    }

    /// <summary>
    /// <paramref name="text"/> with the rendering user's home folder written as <c>~</c>: the kernel names the NuGet
    /// folder it loaded a package from ("Loading extensions from `/home/ana/.nuget/packages/…`"), and a published page
    /// should neither show whose machine rendered it nor differ from one machine to the next.
    /// </summary>
    internal static string HomeRelative(string text)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile).TrimEnd('/', '\\');
        return home.Length > 1 ? text.Replace(home + "/", "~/", StringComparison.Ordinal).Replace(home + "\\", "~\\", StringComparison.Ordinal) : text;
    }

    /// <summary>The richest form a browser can show: HTML (charts), images, markdown, then plain text.</summary>
    private static string RenderBundle(MimeBundle data, MarkdownRenderer markdown, LessonPage page)
    {
        // The Formatting package wraps a plain value's text in HTML with a stylesheet; the text reads the same and
        // keeps that stylesheet's global table rules off the page.
        // The kernel sends such a value as HTML only (<div class="dni-plaintext"><pre>text</pre></div><style>…): its text.
        if (data["text/html"] is { } plain && !data.Contains("text/plain") && DniPlainText().Match(plain) is { Success: true } m)
            return $"<pre class=\"output text\">{m.Groups[1].Value}</pre>\n";
        if (data["text/html"] is { } html && !(html.StartsWith("<div class=\"dni-plaintext\">", StringComparison.Ordinal) && data.Contains("text/plain")))
        {
            page.Charts += CountOf(html, "newPlot(");
            return $"<div class=\"output html\">{StableIds(html, page)}</div>\n";
        }
        if (data["image/svg+xml"] is { } svg) return $"<div class=\"output image\">{svg}</div>\n";
        if (data["image/png"] is { } png)
            return $"<div class=\"output image\"><img alt=\"output image\" src=\"data:image/png;base64,{HtmlText.Escape(png.Trim())}\"></div>\n";
        if (data["image/jpeg"] is { } jpeg)
            return $"<div class=\"output image\"><img alt=\"output image\" src=\"data:image/jpeg;base64,{HtmlText.Escape(jpeg.Trim())}\"></div>\n";
        if (data["text/markdown"] is { } md)
        {
            var rendered = markdown.Render(md);
            page.Errors.AddRange(rendered.Errors);
            return $"<div class=\"output markdown\">{rendered.Html}</div>\n";
        }
        if (data["text/plain"] is { } text) return $"<pre class=\"output text\">{HtmlText.Escape(HomeRelative(text))}</pre>\n";
        var first = data.FirstOrDefault();
        return first is null ? "" : $"<pre class=\"output text\">{HtmlText.Escape(first.Text)}</pre>\n";
    }

    /// <summary>The longest description, in characters of text, that <see cref="Summary(string)"/> keeps (more whole sentences stop there).</summary>
    public const int SummaryLength = 600;

    /// <summary>
    /// The index's description from the lesson's first paragraph: a leading "<b>Source.</b>" label becomes the
    /// sentence "The source is …", and the text ends at the end of a sentence — as many whole sentences as fit in
    /// <see cref="SummaryLength"/> characters, and always the first — so no description stops mid-sentence.
    /// </summary>
    internal static string Summary(string html) => Summary(html, SummaryLength);

    /// <summary>As <see cref="Summary(string)"/>, keeping whole sentences up to <paramref name="maxLength"/> characters of text.</summary>
    internal static string Summary(string html, int maxLength)
    {
        html = html.Trim();
        var label = SourceLabel().Match(html);
        if (label.Success)
        {
            var rest = html[label.Length..];
            // "A Chinese blog post, …" → "The source is a Chinese blog post, …"
            var article = LeadingArticle().Match(rest);
            html = "The source is " + (article.Success ? article.Value.ToLowerInvariant() + rest[article.Length..] : rest);
        }
        // Walk the HTML: a sentence ends at . ! or ? followed by a space or the end, outside any tag, element or bracket.
        var cut = -1;
        int depth = 0, brackets = 0, textLength = 0;
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var close = html.IndexOf('>', i);
                if (close < 0) break;
                if (html[i + 1] == '/') depth--;
                else if (html[close - 1] != '/' && !html.AsSpan(i).StartsWith("<br")) depth++;
                i = close;
                continue;
            }
            textLength++;
            if (c is '(' or '[' or '“' or '《') brackets++;
            else if (c is ')' or ']' or '”' or '》') brackets = Math.Max(0, brackets - 1);
            else if (c is '.' or '!' or '?' && depth == 0 && brackets == 0 && (i + 1 == html.Length || html[i + 1] is ' ' or '\n'))
            {
                if (cut >= 0 && textLength > maxLength) break;
                cut = i + 1;
            }
        }
        return cut > 0 ? html[..cut] : html;
    }

    /// <summary>
    /// Chart outputs carry ids of their own making (Plotly.NET's are random GUIDs); the page numbers them
    /// <c>chart-{slug}-{n}</c> in order (letters, digits and hyphens only: the id is also a valid CSS selector), so two renders of the same lesson write the same bytes.
    /// </summary>
    private static string StableIds(string html, LessonPage page)
    {
        foreach (Match m in DivId().Matches(html))
        {
            var id = m.Groups[1].Value;
            page._chartIds++;
            var slug = string.Concat(page.Slug.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
            var stable = $"chart-{slug}-{page._chartIds.ToString(CultureInfo.InvariantCulture)}";
            // Plotly.NET also names its draw function after the GUID (renderPlotly_…): that name must stay a JS identifier.
            html = html.Replace("renderPlotly_" + id.Replace("-", "", StringComparison.Ordinal), "renderPlotly_" + stable.Replace('-', '_'), StringComparison.Ordinal);
            html = html.Replace(id, stable, StringComparison.Ordinal);
        }
        return html;
    }

    private int _chartIds;

    /// <summary>The id of a chart's div: a Figure's (<c>classicml-figure-…</c>) or Plotly.NET's GUID.</summary>
    [GeneratedRegex("<div id=\"((?:classicml-figure-[0-9a-z-]+)|(?:[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}))\"")]
    private static partial Regex DivId();

    [GeneratedRegex("^(?:A|An|The)(?= )")]
    private static partial Regex LeadingArticle();

    [GeneratedRegex("^<strong>Source\\.</strong>\\s*")]
    private static partial Regex SourceLabel();

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static string StripAnsi(string text) => AnsiEscape().Replace(text, "");

    [GeneratedRegex("^<div class=\"dni-plaintext\"><pre>(.*?)</pre></div>", RegexOptions.Singleline)]
    private static partial Regex DniPlainText();

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
