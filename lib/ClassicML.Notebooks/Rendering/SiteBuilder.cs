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

/// <summary>Which site to write: the teacher's (the default) or the students' copy that <c>assign</c> makes.</summary>
/// <param name="ForStudents">
/// True for the students' site: the lessons given are the student versions, and each page offers only them for download
/// (no source with solutions, no second student copy), plus the course bundle.
/// </param>
/// <param name="BundleZip">The student bundle (.zip) every page of the students' site links, copied into <c>downloads/</c>; null for none.</param>
internal sealed record SiteEdition(bool ForStudents, string? BundleZip = null)
{
    /// <summary>The teacher's site: lesson sources, the .ipynb made from them and the student versions.</summary>
    public static SiteEdition Teacher { get; } = new(false);
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
    /// <param name="sources">The lessons' .dib files, in course order (for <see cref="SiteEdition.ForStudents"/>, the student versions).</param>
    /// <param name="outputFolder">The site's folder.</param>
    /// <param name="execute">Runs one notebook.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="edition">The teacher's site (default) or the students'.</param>
    public static SiteResult Build(IReadOnlyList<string> sources, string outputFolder, NotebookExecutor execute, TextWriter log, SiteEdition? edition = null)
    {
        edition ??= SiteEdition.Teacher;
        _ = SiteAssets.Installed;
        if (File.Exists(outputFolder))
            throw new IOException($"The site's output '{outputFolder}' is a file; --output must name a folder.");
        Directory.CreateDirectory(outputFolder);
        // Render replaces only files it wrote itself (listed in its manifest): refuse before running anything when a
        // file it is sure to write is someone else's. Files whose names depend on the pages (font chunks) are checked
        // again when the site is published.
        var previous = ReadManifest(outputFolder);
        var planned = new[] { "index.html", "assets/site.css", "assets/" + PlotlyAsset, "assets/" + PlotlyAsset + ".LICENSE.txt" }
            .Concat(sources.Select(s => Path.GetFileNameWithoutExtension(s) + ".html"))
            .Concat(sources.SelectMany(s => DownloadNames(Path.GetFileNameWithoutExtension(s), edition).Select(f => DownloadsFolder + "/" + f)));
        RefuseForeign(outputFolder, previous, planned.Where(f => File.Exists(Path.Combine(outputFolder, f))), staging: null);

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

        // Everything is written to a staging folder first, then published: no file of the site is replaced unless the
        // whole site was produced, and no file render did not write is ever replaced or deleted.
        var staging = Path.Combine(outputFolder, StagingFolder);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var page in pages) WriteDownloads(staging, page, edition);
            if (edition.BundleZip is { } zip)
                using (var bundle = File.OpenRead(zip)) AtomicFile.WriteStream(Path.Combine(staging, DownloadsFolder, Path.GetFileName(zip)), bundle);
            var html = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < pages.Count; i++) html[pages[i].FileName] = PageHtml(pages, i, edition);
            html["index.html"] = IndexHtml(pages);
            var missing = WriteAssets(staging, html.Values);
            if (missing.Count > 0) log.WriteLine($"  warning: {SiteFonts.CjkFamily} has no glyph for {string.Join(", ", missing)}; readers' own fonts must draw them");
            foreach (var (name, text) in html) AtomicFile.WriteText(Path.Combine(staging, name), text);
            Publish(staging, outputFolder, previous);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
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
    internal static IReadOnlyList<(string Label, string File, string Title)> Downloads(LessonPage page, SiteEdition? edition = null)
    {
        edition ??= SiteEdition.Teacher;
        var files = DownloadNames(page.Slug, edition);
        if (edition.ForStudents)
        {
            var links = new List<(string, string, string)>
            {
                (".dib", files[0], "This lesson's notebook to work in (Polyglot Notebooks / VS Code); it runs inside the course bundle"),
                (".ipynb", files[1], "This lesson's notebook as a Jupyter notebook; it runs inside the course bundle"),
            };
            if (edition.BundleZip is { } zip)
                links.Add(("course bundle .zip", Path.GetFileName(zip), "Every lesson with the ClassicML library, the data and a README: unzip it and open the notebooks from its notebooks/ folder"));
            return links;
        }
        return
        [
            (".dib", files[0], "The lesson's source notebook (Polyglot Notebooks / VS Code)"),
            (".ipynb", files[1], "The lesson as a Jupyter notebook, without outputs"),
            ("student .dib", files[2], "The student version: every solution replaced by a NotImplementedException to fill in"),
            ("student .ipynb", files[3], "The student version as a Jupyter notebook"),
        ];
    }

    private static string[] DownloadNames(string slug, SiteEdition edition) =>
        edition.ForStudents ? [slug + ".dib", slug + ".ipynb"] : [slug + ".dib", slug + ".ipynb", slug + ".student.dib", slug + ".student.ipynb"];

    /// <summary>The list of files render wrote into a site folder (one relative path a line), so it replaces only those.</summary>
    public const string ManifestFile = ".classicml-render-files";

    /// <summary>Where a render assembles the site before publishing it into the output folder.</summary>
    private const string StagingFolder = ".classicml-render-staging";

    private static HashSet<string> ReadManifest(string outputFolder) => OutputManifest.Read(outputFolder, ManifestFile);

    /// <summary>
    /// Throws when one of <paramref name="existing"/> (site-relative paths that exist in <paramref name="outputFolder"/>)
    /// was not written by an earlier render and differs from what this render would write (its copy in
    /// <paramref name="staging"/>; any existing file when there is no staged copy yet).
    /// </summary>
    private static void RefuseForeign(string outputFolder, HashSet<string> previous, IEnumerable<string> existing, string? staging)
    {
        var foreign = existing.Where(f => !previous.Contains(f)
                && (staging is null || !File.ReadAllBytes(Path.Combine(outputFolder, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(staging, f)))))
            .Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            throw new IOException($"'{Path.Combine(outputFolder, foreign[0])}'{(foreign.Count > 1 ? $" (and {foreign.Count - 1} more)" : "")} "
                                  + "exists and was not written by render, which only replaces its own files; choose an empty or new folder for --output, or move the file away.");
    }

    /// <summary>
    /// Moves every file of <paramref name="staging"/> into <paramref name="outputFolder"/> (after checking none of them
    /// replaces a file render did not write), deletes the files an earlier render wrote that this one did not (pages of
    /// renamed lessons, font chunks no page needs), and records the files written in <see cref="ManifestFile"/>.
    /// </summary>
    private static void Publish(string staging, string outputFolder, HashSet<string> previous)
    {
        var written = OutputManifest.StagedFiles(staging);
        RefuseForeign(outputFolder, previous, written.Where(f => File.Exists(Path.Combine(outputFolder, f))), staging);
        OutputManifest.Publish(staging, outputFolder, written, previous, ManifestFile);
    }

    /// <summary>
    /// Copies the lesson's <c>.dib</c> into <c>downloads/</c> and writes beside it the <c>.ipynb</c> generated from it
    /// (what <c>sync</c> writes) and the student versions (what <c>student</c> writes). They are meant to sit where the
    /// lesson sits, in the repository's <c>notebooks/</c>, whose relative <c>#r</c> paths they keep.
    /// </summary>
    internal static void WriteDownloads(string outputFolder, LessonPage page, SiteEdition? edition = null)
    {
        var folder = Path.Combine(outputFolder, DownloadsFolder);
        Directory.CreateDirectory(folder);
        if (!File.Exists(page.SourcePath)) return;
        try
        {
            var dib = File.ReadAllText(page.SourcePath);
            if (edition?.ForStudents == true)
            {
                // The source already is the student version (written by assign with its .ipynb beside it): copy both.
                var ipynb = Path.ChangeExtension(page.SourcePath, ".ipynb");
                AtomicFile.WriteText(Path.Combine(folder, page.Slug + ".dib"), dib);
                AtomicFile.WriteText(Path.Combine(folder, page.Slug + ".ipynb"), File.Exists(ipynb) ? File.ReadAllText(ipynb) : NotebookSync.IpynbFromDib(dib));
                return;
            }
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

    /// <summary>
    /// Plotly.NET.Interactive's chart HTML (a plain Plotly.NET chart in a lesson) loads plotly through require.js from a
    /// CDN. The site is offline and already has plotly.js on the page, so a two-line <c>requirejs</c> stands in and
    /// hands the chart <c>window.Plotly</c>; the CDN is never asked.
    /// </summary>
    internal const string RequireShim =
        "if (typeof window.requirejs !== 'function') { window.requirejs = function (deps, done) { done(window.Plotly); }; "
        + "window.requirejs.config = function () { return window.requirejs; }; }";

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
        <script>{RequireShim}</script>
        </head>

        """;

    /// <summary>A lesson page: header, table of contents, cells with outputs, previous/next links.</summary>
    internal static string PageHtml(IReadOnlyList<LessonPage> pages, int index, SiteEdition? edition = null)
    {
        var page = pages[index];
        var prev = index > 0 ? pages[index - 1] : null;
        var next = index + 1 < pages.Count ? pages[index + 1] : null;
        var sb = new StringBuilder(page.BodyHtml.Length + 8192);
        sb.Append(Head($"{page.Title} · {CourseTitle}", System.Net.WebUtility.HtmlDecode(LessonPage.Summary(HtmlText.Escape(page.Description), 300))));
        sb.Append("<body class=\"lesson-page\">\n");
        sb.Append("<header class=\"site-header\"><a class=\"course\" href=\"index.html\">").Append(HtmlText.Escape(CourseTitle)).Append("</a>");
        sb.Append("<nav class=\"downloads\" aria-label=\"Downloads\"><span class=\"label\">Download</span>");
        foreach (var (label, file, title) in Downloads(page, edition))
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
