using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Rendering;

/// <summary>Runs one notebook: returns it with outputs on its code cells (cell failures as error outputs).</summary>
/// <param name="path">The .dib file.</param>
/// <param name="progress">Receives one line per cell as it runs.</param>
internal delegate Notebook NotebookExecutor(string path, Action<string> progress);

/// <summary>What <see cref="SiteBuilder"/> wrote.</summary>
/// <param name="OutputFolder">The site's folder.</param>
/// <param name="Pages">The lesson pages, in course order.</param>
internal sealed record SiteResult(string OutputFolder, IReadOnlyList<LessonPage> Pages)
{
    /// <summary>True when every lesson ran and rendered without an error.</summary>
    public bool Succeeded => Pages.All(p => p.Errors.Count == 0);
}

/// <summary>
/// Writes the offline course site: <c>index.html</c>, one <c>NN-topic.html</c> per notebook, each lesson's downloads
/// under <c>downloads/</c>, <c>assets/site.css</c>, plotly.js once as <c>assets/plotly-2.28.0.min.js</c> (taken from
/// Plotly.NET's embedded resource), KaTeX's stylesheet and fonts and the CJK font chunks the pages use, so pages load
/// nothing from the network. Everything written depends only on the notebooks' content: two renders of the same
/// commit are byte-identical.
/// </summary>
internal static class SiteBuilder
{
    /// <summary>The course's name on every page.</summary>
    public const string CourseTitle = "Classic Machine Learning in C#";

    /// <summary>The plotly.js file name under <c>assets/</c>.</summary>
    public const string PlotlyAsset = "plotly-2.28.0.min.js";

    private const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";

    /// <summary>
    /// Executes every <c>*.dib</c> in <paramref name="notebooksFolder"/> (each on its own, a failure does not
    /// stop the others) and writes the site to <paramref name="outputFolder"/>.
    /// </summary>
    public static SiteResult Build(string notebooksFolder, string outputFolder, NotebookExecutor execute, TextWriter log)
    {
        if (!Directory.Exists(notebooksFolder))
            throw new ArgumentException($"No notebooks folder at '{notebooksFolder}'; run render inside the repository.", nameof(notebooksFolder));
        var sources = Directory.EnumerateFiles(notebooksFolder, "*.dib").Order(StringComparer.Ordinal).ToList();
        return Build(sources, outputFolder, execute, log);
    }

    /// <summary>Executes each of <paramref name="sources"/> (.dib files, in course order) and writes the site.</summary>
    /// <exception cref="RenderException">The site's npm packages (KaTeX, the CJK font) are not installed: checked before any notebook runs.</exception>
    public static SiteResult Build(IReadOnlyList<string> sources, string outputFolder, NotebookExecutor execute, TextWriter log)
    {
        _ = SiteAssets.Installed;
        Directory.CreateDirectory(outputFolder);

        var pages = new List<LessonPage>();
        foreach (var source in sources)
        {
            var clock = Stopwatch.StartNew();
            log.WriteLine($"render: {Path.GetFileName(source)}");
            Notebook notebook;
            string? failure = null;
            try
            {
                notebook = execute(source, line => log.WriteLine("  " + line));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = $"{Path.GetFileName(source)}: {e.GetType().Name}: {e.Message}";
                log.WriteLine("  failed: " + failure);
                notebook = TryLoad(source) ?? new Notebook();
            }
            var ran = clock.Elapsed;
            var page = LessonPage.Build(source, notebook, failure);
            pages.Add(page);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(page.Errors.Count == 0 ? "ok" : $"{page.Errors.Count} error(s)")}: {page.CodeCells} code cells, {page.Charts} charts, {clock.Elapsed.TotalSeconds:0.0} s (run {ran.TotalSeconds:0.0} s, typeset and highlight {(clock.Elapsed - ran).TotalSeconds:0.0} s)"));
            foreach (var error in page.Errors) log.WriteLine("  ✘ " + error);
        }

        foreach (var page in pages) WriteDownloads(outputFolder, page);
        var html = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++) html[pages[i].FileName] = PageHtml(pages, i);
        html["index.html"] = IndexHtml(pages);
        var missing = WriteAssets(outputFolder, html.Values);
        if (missing.Count > 0) log.WriteLine($"  warning: {SiteFonts.CjkFamily} has no glyph for {string.Join(", ", missing)}; readers' own fonts must draw them");
        foreach (var (name, text) in html) AtomicFile.WriteText(Path.Combine(outputFolder, name), text);
        // Pages of notebooks that were renamed or removed would otherwise linger with dead links.
        foreach (var stale in Directory.EnumerateFiles(outputFolder, "*.html"))
            if (!html.ContainsKey(Path.GetFileName(stale))) File.Delete(stale);
        log.WriteLine($"render: wrote {pages.Count} lesson page(s) and index.html to {outputFolder}");
        return new SiteResult(outputFolder, pages);
    }

    private static Notebook? TryLoad(string path)
    {
        try
        {
            return NotebookFile.Load(path);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The folder, under the site, of each lesson's downloads (.dib, .ipynb, student versions).</summary>
    public const string DownloadsFolder = "downloads";

    /// <summary>The download links of a page: (label, file name under <see cref="DownloadsFolder"/>, what it is).</summary>
    internal static IReadOnlyList<(string Label, string File, string Title)> Downloads(LessonPage page) =>
    [
        (".dib", page.Slug + ".dib", "The lesson's source notebook (Polyglot Notebooks / VS Code)"),
        (".ipynb", page.Slug + ".ipynb", "The lesson as a Jupyter notebook, without outputs"),
        ("student .dib", page.Slug + ".student.dib", "The student version: every solution replaced by a NotImplementedException to fill in"),
        ("student .ipynb", page.Slug + ".student.ipynb", "The student version as a Jupyter notebook"),
    ];

    /// <summary>
    /// Copies the lesson's <c>.dib</c> into <c>downloads/</c> and writes beside it the <c>.ipynb</c> generated from it
    /// (what <c>sync</c> writes) and the student versions (what <c>student</c> writes). They are meant to sit where the
    /// lesson sits, in the repository's <c>notebooks/</c>, whose relative <c>#r</c> paths they keep.
    /// </summary>
    internal static void WriteDownloads(string outputFolder, LessonPage page)
    {
        var folder = Path.Combine(outputFolder, DownloadsFolder);
        Directory.CreateDirectory(folder);
        if (!File.Exists(page.SourcePath)) return;
        try
        {
            var dib = File.ReadAllText(page.SourcePath);
            AtomicFile.WriteText(Path.Combine(folder, page.Slug + ".dib"), dib);
            AtomicFile.WriteText(Path.Combine(folder, page.Slug + ".ipynb"), NotebookSync.IpynbFromDib(dib));
            var student = StudentVersion.Create(NotebookFile.Load(page.SourcePath), page.SourceName);
            AtomicFile.WriteText(Path.Combine(folder, page.Slug + ".student.dib"), NotebookFile.Serialize(student, page.Slug + ".student.dib"));
            foreach (var cell in student.Cells) cell.Id = null;
            AtomicFile.WriteText(Path.Combine(folder, page.Slug + ".student.ipynb"), NotebookFile.Serialize(student, page.Slug + ".student.ipynb"));
        }
        catch (Exception e) when (e is FormatException or IOException or InvalidDataException or ArgumentException)
        {
            page.Errors.Add($"{page.SourceName}: its downloads could not be written: {e.Message}");
        }
    }

    /// <summary>
    /// Writes <c>assets/site.css</c>, plotly.js and its licence, KaTeX's stylesheet and fonts, and the CJK font chunks
    /// that the characters of <paramref name="pages"/> (the site's HTML) need.
    /// </summary>
    /// <returns>The CJK characters the pages use that the shipped font lacks (empty when it covers them all).</returns>
    public static IReadOnlyList<string> WriteAssets(string outputFolder, IEnumerable<string> pages)
    {
        var assets = Path.Combine(outputFolder, "assets");
        Directory.CreateDirectory(assets);
        var plotlyAssembly = typeof(Plotly.NET.GenericChart).Assembly;
        foreach (var (resource, file) in new[] { (PlotlyResource, PlotlyAsset), (PlotlyResource + ".LICENSE.txt", PlotlyAsset + ".LICENSE.txt") })
        {
            using var stream = plotlyAssembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Plotly.NET {plotlyAssembly.GetName().Version} has no embedded resource '{resource}'; the site needs Plotly.NET 6.0.0.");
            AtomicFile.WriteStream(Path.Combine(assets, file), stream);
        }
        AtomicFile.WriteText(Path.Combine(assets, "site.css"), SiteStyle.Css);
        return SiteFonts.Write(assets, pages).Missing;
    }

    private static string Head(string title, string description) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{HtmlText.Escape(title)}</title>
        <meta name="description" content="{HtmlText.Escape(description)}">
        <meta name="generator" content="ClassicML.Notebooks render">
        <link rel="stylesheet" href="assets/{SiteFonts.KatexFolder}/katex.min.css">
        <link rel="stylesheet" href="assets/{SiteFonts.CjkStylesheet}">
        <link rel="stylesheet" href="assets/site.css">
        <script src="assets/{PlotlyAsset}"></script>
        </head>

        """;

    /// <summary>A lesson page: header, table of contents, cells with outputs, previous/next links.</summary>
    internal static string PageHtml(IReadOnlyList<LessonPage> pages, int index)
    {
        var page = pages[index];
        var prev = index > 0 ? pages[index - 1] : null;
        var next = index + 1 < pages.Count ? pages[index + 1] : null;
        var sb = new StringBuilder(page.BodyHtml.Length + 8192);
        sb.Append(Head($"{page.Title} · {CourseTitle}", System.Net.WebUtility.HtmlDecode(LessonPage.Summary(HtmlText.Escape(page.Description), 300))));
        sb.Append("<body class=\"lesson-page\">\n");
        sb.Append("<header class=\"site-header\"><a class=\"course\" href=\"index.html\">").Append(HtmlText.Escape(CourseTitle)).Append("</a>");
        sb.Append("<nav class=\"downloads\" aria-label=\"Downloads\"><span class=\"label\">Download</span>");
        foreach (var (label, file, title) in Downloads(page))
            sb.Append(" <a href=\"").Append(DownloadsFolder).Append('/').Append(HtmlText.Escape(file)).Append("\" download title=\"")
              .Append(HtmlText.Escape(title)).Append("\">").Append(HtmlText.Escape(label)).Append("</a>");
        sb.Append("</nav></header>\n");
        sb.Append("<div class=\"layout\">\n<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">On this page</p>\n<ol>\n");
        bool liOpen = false, subOpen = false;
        foreach (var h in page.Contents)
        {
            var link = $"<a href=\"#{h.Id}\">{h.Html}</a>";
            if (h.Level == 2)
            {
                if (subOpen) { sb.Append("</ol>"); subOpen = false; }
                if (liOpen) sb.Append("</li>\n");
                sb.Append("<li>").Append(link);
                liOpen = true;
            }
            else
            {
                if (!liOpen) { sb.Append("<li>"); liOpen = true; }
                if (!subOpen) { sb.Append("<ol>"); subOpen = true; }
                sb.Append("<li>").Append(link).Append("</li>");
            }
        }
        if (subOpen) sb.Append("</ol>");
        if (liOpen) sb.Append("</li>\n");
        sb.Append("</ol>\n");
        sb.Append("<p class=\"toc-title\">Lessons</p>\n<ol class=\"lessons\">\n");
        foreach (var p in pages)
        {
            sb.Append("<li").Append(p == page ? " class=\"current\"" : "").Append("><a href=\"").Append(p.FileName).Append("\">")
              .Append(p.TitleHtml).Append("</a></li>\n");
        }
        sb.Append("</ol>\n</nav>\n<main class=\"lesson\">\n");
        sb.Append(page.BodyHtml);
        sb.Append("</main>\n</div>\n");
        sb.Append("<footer class=\"pager\">\n");
        if (prev is not null)
            sb.Append("<a class=\"prev\" rel=\"prev\" href=\"").Append(prev.FileName).Append("\"><span>← Previous</span>").Append(prev.TitleHtml).Append("</a>\n");
        else sb.Append("<a class=\"prev\" href=\"index.html\"><span>← Course</span>Contents</a>\n");
        if (next is not null)
            sb.Append("<a class=\"next\" rel=\"next\" href=\"").Append(next.FileName).Append("\"><span>Next →</span>").Append(next.TitleHtml).Append("</a>\n");
        else sb.Append("<a class=\"next\" href=\"index.html\"><span>Course →</span>Contents</a>\n");
        sb.Append("</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The index: course title and the lessons with their first paragraphs.</summary>
    internal static string IndexHtml(IReadOnlyList<LessonPage> pages)
    {
        var sb = new StringBuilder();
        sb.Append(Head(CourseTitle, "A course on classic machine learning written as C# notebooks."));
        sb.Append("<body class=\"index-page\">\n<header class=\"site-header\"><a class=\"course\" href=\"index.html\">")
          .Append(HtmlText.Escape(CourseTitle)).Append("</a></header>\n<main class=\"index\">\n");
        sb.Append("<h1>").Append(HtmlText.Escape(CourseTitle)).Append("</h1>\n");
        sb.Append("<p class=\"lead\">Classic machine learning, derived step by step and run as C# notebooks: every formula is ")
          .Append("mirrored by code, every chart is drawn from that code, and every derivation is checked numerically.</p>\n");
        sb.Append("<ol class=\"lesson-list\">\n");
        foreach (var p in pages)
        {
            // The number stands in its own column, so a title that starts with it ("00 · Setup") drops it there.
            var number = p.Slug.Split('-')[0];
            var title = p.TitleHtml;
            foreach (var separator in new[] { " · ", " - ", " – ", " — ", ". ", ": ", " " })
            {
                if (title.StartsWith(number + separator, StringComparison.Ordinal) && title.Length > number.Length + separator.Length)
                {
                    title = title[(number.Length + separator.Length)..];
                    break;
                }
            }
            sb.Append("<li").Append(p.Errors.Count > 0 ? " class=\"failed\"" : "").Append("><a href=\"").Append(p.FileName).Append("\">")
              .Append("<span class=\"number\">").Append(HtmlText.Escape(number)).Append("</span>")
              .Append("<span class=\"title\">").Append(title).Append("</span></a>");
            if (p.DescriptionHtml.Length > 0) sb.Append("<p class=\"description\">").Append(p.DescriptionHtml).Append("</p>");
            if (p.Errors.Count > 0)
                sb.Append("<p class=\"status\">✘ ").Append(p.Errors.Count.ToString(CultureInfo.InvariantCulture)).Append(" error(s) when this lesson ran</p>");
            sb.Append("</li>\n");
        }
        sb.Append("</ol>\n</main>\n<footer class=\"site-footer\">Rendered offline by <code>ClassicML.Notebooks render</code>; ")
          .Append("math is typeset by KaTeX ").Append(SiteAssets.KatexVersion).Append(", charts are plotly.js 2.28.</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }
}

/// <summary>Atomic file writes: a temporary file beside the target, then a rename over it.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteText(string path, string text)
    {
        var temp = TempBeside(path);
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Copies <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteStream(string path, Stream content)
    {
        var temp = TempBeside(path);
        using (var file = File.Create(temp)) content.CopyTo(file);
        File.Move(temp, path, overwrite: true);
    }

    private static string TempBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
}
