using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Tests;

/// <summary>The rendered site as files: assets once, no network references, every link resolves.</summary>
[Collection(SiteCollection.Name)]
public partial class SiteTests(SiteFixture site)
{
    private IEnumerable<string> HtmlFiles => Directory.GetFiles(site.Output, "*.html");

    [Fact]
    public void No_page_shows_the_home_folder_of_the_machine_that_rendered_it()
    {
        // The kernel prints where it loaded Plotly.NET.Interactive's extension from: a path in the NuGet folder.
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile).TrimEnd('/');
        var pages = HtmlFiles.ToList();
        Assert.Contains(pages, f => File.ReadAllText(f).Contains("~/.nuget/packages/plotly.net.interactive/", StringComparison.Ordinal));
        foreach (var html in pages)
            Assert.DoesNotContain(home + "/", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Plotly_js_is_written_once_as_an_asset_and_loaded_by_every_page()
    {
        var asset = Path.Combine(site.Output, "assets", SiteBuilder.PlotlyAsset);
        Assert.True(File.Exists(asset), "assets/plotly-2.28.0.min.js is missing");
        using (var resource = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceStream("Plotly.NET.plotly-2.28.0.min.js")!)
        {
            using var copy = new MemoryStream();
            resource.CopyTo(copy);
            Assert.Equal(copy.ToArray(), File.ReadAllBytes(asset));
        }
        Assert.True(File.Exists(asset + ".LICENSE.txt"));
        var plotlyFiles = Directory.GetFiles(site.Output, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("plotly.js v2.28.0", StringComparison.Ordinal)).ToList();
        Assert.Equal([asset], plotlyFiles);
        foreach (var html in HtmlFiles)
        {
            var text = File.ReadAllText(html);
            Assert.Equal(1, Regex.Count(text, "<script src=\"assets/plotly-2\\.28\\.0\\.min\\.js\"></script>"));
            Assert.True(text.IndexOf("assets/plotly", StringComparison.Ordinal) < text.IndexOf("</head>", StringComparison.Ordinal), $"{html}: plotly.js must load in <head>");
        }
    }

    [Fact]
    public void No_page_loads_anything_from_the_network()
    {
        foreach (var html in HtmlFiles)
        {
            var text = File.ReadAllText(html);
            var remote = RemoteResource().Matches(text).Select(m => m.Value).ToList();
            Assert.True(remote.Count == 0, $"{Path.GetFileName(html)} loads remote resources: {string.Join(", ", remote)}");
        }
    }

    [Fact]
    public void Every_lesson_has_a_page_listed_on_the_index()
    {
        var index = File.ReadAllText(Path.Combine(site.Output, "index.html"));
        Assert.NotEmpty(site.Result.Pages);
        foreach (var page in site.Result.Pages)
        {
            Assert.True(File.Exists(Path.Combine(site.Output, page.FileName)), $"{page.FileName} was not written");
            Assert.Contains($"href=\"{page.FileName}\"", index);
        }
        var lessons = Directory.Exists(TestPaths.Notebooks) ? Directory.GetFiles(TestPaths.Notebooks, "*.dib") : [];
        foreach (var dib in lessons)
            Assert.True(File.Exists(Path.Combine(site.Output, Path.GetFileNameWithoutExtension(dib) + ".html")), $"no page for {dib}");
        Assert.True(File.Exists(Path.Combine(site.Output, "99-site-sample.html")));
        Assert.Equal(site.Result.Pages.Count + 1, HtmlFiles.Count());
    }

    [Fact]
    public void Every_local_link_and_fragment_resolves()
    {
        foreach (var html in HtmlFiles)
        {
            var text = File.ReadAllText(html);
            foreach (Match m in LocalReference().Matches(text))
            {
                var target = System.Net.WebUtility.HtmlDecode(m.Groups[2].Value);
                if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                    || target.StartsWith("data:", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                    continue;
                var hash = target.IndexOf('#');
                var file = hash >= 0 ? target[..hash] : target;
                var fragment = hash >= 0 ? target[(hash + 1)..] : null;
                var path = file.Length == 0 ? html : Path.Combine(site.Output, file);
                Assert.True(File.Exists(path), $"{Path.GetFileName(html)} links to missing {target}");
                if (!string.IsNullOrEmpty(fragment))
                    Assert.True(File.ReadAllText(path).Contains($"id=\"{fragment}\"", StringComparison.Ordinal),
                        $"{Path.GetFileName(html)} links to #{fragment}, which {Path.GetFileName(path)} does not have");
            }
        }
    }

    [Fact]
    public void Sample_page_holds_math_charts_streams_and_navigation()
    {
        var text = File.ReadAllText(Path.Combine(site.Output, "99-site-sample.html"));
        Assert.Equal(7, Regex.Count(text, "<math "));
        Assert.Contains("display=\"block\"", text);
        Assert.Equal(1, Regex.Count(text, "class=\"classicml-figure\"")); // the Figure; the raw GenericChart draws through Plotly.NET's own HTML
        Assert.Equal(2, Regex.Count(text, "newPlot\\("));
        Assert.Contains("<pre class=\"output stream stdout\">setup done", text);
        Assert.Contains("<pre class=\"output stream stderr\">", text);
        Assert.Contains("<pre class=\"output text\">3.141593</pre>", text);
        Assert.Contains("<span class=\"tok-pp\">#r</span> <span class=\"tok-str\">&quot;nuget: MathNet.Numerics, 5.0.0&quot;</span>", text);
        Assert.Contains("<nav class=\"toc\"", text);
        Assert.Contains("href=\"#derivation\"", text);
        Assert.Contains("<title>Site sample: math, charts and an animation · ", text);
        Assert.DoesNotContain("math-error", text);
        var sample = site.Result.Pages.Single(p => p.Slug == "99-site-sample");
        Assert.Empty(sample.Errors);
        Assert.Equal(2, sample.Charts);
        Assert.StartsWith("This page exists only for the site's tests", sample.Description);
    }

    [Fact]
    public void Progress_is_reported_per_notebook()
    {
        Assert.Contains("render: 99-site-sample.dib", site.Log);
        Assert.Contains("ok: 4 code cells, 2 charts", site.Log);
        Assert.Contains("cell   2: ok", site.Log);
    }

    [Fact]
    public void A_notebook_that_fails_still_gets_a_page_showing_the_error_and_the_build_fails()
    {
        var folder = Directory.CreateTempSubdirectory("classicml-site-");
        try
        {
            var good = Path.Combine(folder.FullName, "01-good.dib");
            var bad = Path.Combine(folder.FullName, "02-bad.dib");
            var cellError = Path.Combine(folder.FullName, "03-cell-error.dib");
            const string Meta = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"},{\"aliases\":[],\"languageName\":\"markdown\",\"name\":\"markdown\"}]}}\n\n";
            File.WriteAllText(good, Meta + "#!markdown\n\n# Good\n\nFine.\n\n#!csharp\n\n1 + 1\n");
            File.WriteAllText(bad, Meta + "#!markdown\n\n# Bad\n\nBroken $\\nosuchcommand$.\n\n#!csharp\n\nthrow new Exception();\n");
            File.WriteAllText(cellError, Meta + "#!markdown\n\n# Cell error\n\n#!csharp\n\nint.Parse(\"x\")\n");
            Notebook Execute(string path, Action<string> progress)
            {
                var notebook = NotebookFile.Load(path);
                if (path == bad) throw new InvalidOperationException("the runner crashed");
                if (path == cellError)
                    notebook.Cells[1].Outputs.Add(new ErrorOutput("FormatException", "The input string 'x' was not in a correct format.", ["\u001b[31mFormatException\u001b[0m at cell 2, line 1"]));
                return notebook;
            }
            var output = Path.Combine(folder.FullName, "site");
            var result = SiteBuilder.Build(folder.FullName, output, Execute, TextWriter.Null);
            Assert.False(result.Succeeded);
            Assert.Empty(result.Pages[0].Errors);
            Assert.Equal(2, result.Pages[1].Errors.Count); // the crash and the unknown TeX command
            var badPage = File.ReadAllText(Path.Combine(output, "02-bad.html"));
            Assert.Contains("class=\"notebook-error\"", badPage);
            Assert.Contains("the runner crashed", badPage);
            Assert.Contains("class=\"math-error\"", badPage);
            var errorPage = File.ReadAllText(Path.Combine(output, "03-cell-error.html"));
            Assert.Contains("<div class=\"output error\" role=\"alert\"><div class=\"error-name\">FormatException: The input string", errorPage);
            Assert.Contains("FormatException at cell 2, line 1", errorPage); // ANSI colours stripped
            Assert.Contains("class=\"failed\"", File.ReadAllText(Path.Combine(output, "index.html")));
            Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories)); // atomic writes leave no temp files
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Render_is_a_command_with_output_and_timeout_options()
    {
        var root = Cli.CliApp.Build(new Cli.CliContext(TextWriter.Null, TextWriter.Null, TestPaths.Root));
        var render = Assert.Single(root.Subcommands, c => c.Name == "render");
        Assert.Contains(render.Options, o => o.Name == "--output");
        Assert.Contains(render.Options, o => o.Name == "--timeout");
        var error = new StringWriter();
        var code = Cli.CliApp.Run(["render", "--timeout", "-1"], new Cli.CliContext(TextWriter.Null, error, TestPaths.Root));
        Assert.Equal(2, code);
        Assert.Contains("--timeout must be a positive number", error.ToString());
    }

    [Fact]
    public void Csharp_highlighter_classifies_tokens_with_roslyn()
    {
        var html = CSharpHighlighter.Highlight(
            "#r \"x.dll\"\nvar s = $\"a<b {Math.Max(1, 2)}\"; // c & d\nint n = 42; /* block */ string v = @\"p\"\"q\";\n"
            + "var Data = new List<int>(); var r = \"\"\"\nraw \" text\n\"\"\";\nConsole.WriteLine(Data.Count);");
        Assert.Contains("<span class=\"tok-pp\">#r</span> <span class=\"tok-str\">&quot;x.dll&quot;</span>", html);
        // The interpolation hole is code: the type, the method and the numbers inside it are classified as such.
        Assert.Contains("<span class=\"tok-str\">$&quot;a&lt;b </span>{<span class=\"tok-type\">Math</span>.<span class=\"tok-fn\">Max</span>(<span class=\"tok-num\">1</span>, <span class=\"tok-num\">2</span>)}<span class=\"tok-str\">&quot;</span>", html);
        Assert.Contains("<span class=\"tok-com\">// c &amp; d</span>", html);
        Assert.Contains("<span class=\"tok-num\">42</span>", html);
        Assert.Contains("<span class=\"tok-com\">/* block */</span>", html);
        Assert.Contains("<span class=\"tok-str\">@&quot;p&quot;&quot;q&quot;</span>", html);
        // A raw string over three lines: its span is closed and reopened at each line break, so every line is whole.
        Assert.Contains("<span class=\"tok-str\">&quot;&quot;&quot;</span>\n<span class=\"tok-str\">raw &quot; text</span>\n<span class=\"tok-str\">&quot;&quot;&quot;</span>", html);
        var lines = CSharpHighlighter.WrapLines(html);
        Assert.Equal(html.Split('\n').Length, Regex.Count(lines, "<span class=\"line\""));
        Assert.DoesNotContain("\n", lines);
        Assert.Contains("<span class=\"tok-kw\">int</span>", html);
        Assert.Contains("<span class=\"tok-type\">List</span>", html);
        Assert.Contains("<span class=\"tok-type\">Console</span>.<span class=\"tok-fn\">WriteLine</span>", html);
        // A capitalised local variable is not a type: Roslyn knows it is a local.
        Assert.DoesNotContain("<span class=\"tok-type\">Data</span>", html);
        Assert.DoesNotContain("<b", html.Replace("<span", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrapped_lines_carry_their_indentation_for_a_hanging_wrap()
    {
        var html = CSharpHighlighter.WrapLines(CSharpHighlighter.Highlight("for (;;)\n{\n    // note\n        x++;\n\n}"));
        Assert.StartsWith("<span class=\"line\"><span class=\"tok-kw\">for</span>", html);
        Assert.Contains("<span class=\"line\" style=\"--indent:4\">    <span class=\"tok-com\">// note</span></span>", html);
        Assert.Contains("<span class=\"line\" style=\"--indent:8\">        x++;</span>", html);
        Assert.Contains("<span class=\"line\"></span>", html); // a blank line keeps its height through the stylesheet
        Assert.Contains("pre .line", SiteStyle.Css);
        Assert.Contains("white-space: pre-wrap", SiteStyle.Css);
    }

    [Fact]
    public void Names_from_a_dll_the_notebook_references_are_classified_by_what_they_are()
    {
        string[] cells = ["#r \"../artifacts/bin/ClassicML/debug/ClassicML.dll\"\nusing ClassicML.Logistic;", "var model = new LogisticRegression();\nvar other = new NoSuchType();"];
        var html = CSharpHighlighter.HighlightCells(cells, TestPaths.Notebooks);
        Assert.Contains("<span class=\"tok-type\">LogisticRegression</span>", html[1]);
        // A name the compiler cannot bind is not claimed to be a type, however it is capitalised.
        Assert.Contains("<span class=\"tok-kw\">new</span> NoSuchType()", html[1]);
    }

    [Fact]
    public void Cells_of_a_notebook_are_classified_together()
    {
        var cells = CSharpHighlighter.HighlightCells(["record Point(double X, double Y);", "var p = new Point(1, 2);\np.X"], null);
        Assert.Equal(2, cells.Count);
        Assert.Contains("<span class=\"tok-type\">Point</span>", cells[1]); // declared in the cell before
        Assert.StartsWith("<span class=\"tok-kw\">var</span>", cells[1]);
        Assert.EndsWith("p.X", cells[1]);
    }

    [Fact]
    public void Every_lesson_page_links_its_dib_ipynb_and_student_versions_which_are_in_the_site()
    {
        foreach (var page in site.Result.Pages)
        {
            var html = File.ReadAllText(Path.Combine(site.Output, page.FileName));
            foreach (var suffix in new[] { ".dib", ".ipynb", ".student.dib", ".student.ipynb" })
            {
                Assert.Contains($"href=\"downloads/{page.Slug}{suffix}\" download", html);
                Assert.True(File.Exists(Path.Combine(site.Output, "downloads", page.Slug + suffix)), $"downloads/{page.Slug}{suffix} missing");
            }
            var dib = Path.Combine(site.Output, "downloads", page.Slug + ".dib");
            Assert.Equal(File.ReadAllBytes(page.SourcePath), File.ReadAllBytes(dib));
            Assert.Equal(NotebookSync.IpynbFromDib(File.ReadAllText(page.SourcePath)), File.ReadAllText(Path.Combine(site.Output, "downloads", page.Slug + ".ipynb")));
            var student = NotebookFile.Load(Path.Combine(site.Output, "downloads", page.Slug + ".student.dib"));
            Assert.DoesNotContain(student.Cells, c => c.Kind == CellKind.Code && c.Source.Contains(StudentVersion.BeginMarker, StringComparison.Ordinal));
            var exercises = StudentVersion.ExerciseIds(NotebookFile.Load(page.SourcePath));
            foreach (var id in exercises)
                Assert.Contains(student.Cells, c => c.Source.Contains($"NotImplementedException(\"Exercise {id}\")", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Contents_list_every_section_and_exercise_with_one_numbering_style()
    {
        foreach (var page in site.Result.Pages.Where(p => p.Slug != "99-site-sample"))
        {
            var notebook = NotebookFile.Load(page.SourcePath);
            var markdown = string.Join("\n", notebook.Cells.Where(c => c.Kind == CellKind.Markdown).Select(c => c.Source));
            // Every "## " section is listed, numbered "N · Title" where the lesson numbers it at all.
            var sections = SectionHeading().Matches(markdown).Select(m => m.Groups[1].Value.Trim()).ToList();
            var listed = page.Contents.Where(h => h.Level == 2).Select(h => h.Text).ToList();
            Assert.Equal(sections.Count, listed.Count);
            Assert.DoesNotContain(listed, t => Regex.IsMatch(t, "^\\d+\\. "));
            if (listed.Any(t => Regex.IsMatch(t, "^\\d+ · ")))
                Assert.All(listed.Skip(0), t => Assert.Matches("^\\d+ · ", t));
            // Every exercise the lesson checks is in the contents, whether its title is a heading or a bold paragraph.
            foreach (var id in StudentVersion.ExerciseIds(notebook))
                Assert.True(page.Contents.Any(h => h.Text.StartsWith($"Exercise {id}", StringComparison.Ordinal)),
                    $"{page.SourceName}: exercise {id} is not in the contents ({string.Join(" | ", page.Contents.Select(h => h.Text))})");
        }
    }

    [Fact]
    public void The_index_describes_each_lesson_in_whole_sentences()
    {
        var index = File.ReadAllText(Path.Combine(site.Output, "index.html"));
        foreach (var page in site.Result.Pages.Where(p => p.Slug != "99-site-sample"))
        {
            Assert.False(string.IsNullOrWhiteSpace(page.Description), $"{page.SourceName} has no description");
            Assert.DoesNotMatch("^Source\\b", page.Description);
            Assert.Matches("^[A-Z]", page.Description);
            Assert.Matches("[.!?]$", page.Description);
            Assert.Contains(page.DescriptionHtml, index);
            // The page's own <meta name="description"> is whole sentences too, short enough for a search result.
            var meta = System.Net.WebUtility.HtmlDecode(Regex.Match(File.ReadAllText(Path.Combine(site.Output, page.FileName)), "<meta name=\"description\" content=\"([^\"]*)\">").Groups[1].Value);
            Assert.Matches("[.!?]$", meta);
            Assert.StartsWith(meta, page.Description);
        }
        Assert.DoesNotContain("line-clamp", SiteStyle.Css); // nothing cuts a description short on screen either
        Assert.Equal("The source is a Chinese blog post, <em>x</em>. It does y.", LessonPage.Summary("<strong>Source.</strong> A Chinese blog post, <em>x</em>. It does y."));
        var longText = string.Join(" ", Enumerable.Repeat("This sentence is forty characters long.", 30));
        var summary = LessonPage.Summary(longText);
        Assert.EndsWith(".", summary);
        Assert.InRange(summary.Length, 300, LessonPage.SummaryLength);
        Assert.Equal("One sentence (with a. dot) only.", LessonPage.Summary("One sentence (with a. dot) only."));
    }

    [Fact]
    public void Two_renders_of_the_same_notebooks_are_byte_identical()
    {
        var sources = new List<string> { SiteFixture.SamplePath };
        var folder = Directory.CreateTempSubdirectory("classicml-twice-");
        try
        {
            var first = Path.Combine(folder.FullName, "a");
            var second = Path.Combine(folder.FullName, "b");
            SiteBuilder.Build(sources, first, (p, progress) => SiteRender.RunNotebook(p, progress), TextWriter.Null);
            SiteBuilder.Build(sources, second, (p, progress) => SiteRender.RunNotebook(p, progress), TextWriter.Null);
            var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(files, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order(StringComparer.Ordinal));
            foreach (var file in files)
                Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))), $"{file} differs between two renders");
            var page = File.ReadAllText(Path.Combine(first, "99-site-sample.html"));
            Assert.Contains("id=\"chart-99-site-sample-1\"", page); // the Figure
            Assert.Contains("id=\"chart-99-site-sample-2\"", page); // Plotly.NET's own HTML, whose id was a random GUID
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        // The whole course as rendered by the fixture holds no random ids either.
        foreach (var html in HtmlFiles)
        {
            var text = File.ReadAllText(html);
            Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text);
            Assert.DoesNotMatch("renderPlotly_[0-9a-f]{32}", text);
        }
    }

    [Fact]
    public void Fonts_are_shipped_katex_whole_and_cjk_only_in_the_chunks_the_pages_use()
    {
        var assets = Path.Combine(site.Output, "assets");
        var katexCss = File.ReadAllText(Path.Combine(assets, "katex", "katex.min.css"));
        var katexFonts = Regex.Matches(katexCss, "url\\((fonts/[^)]+)\\)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(katexFonts);
        Assert.All(katexFonts, f => Assert.True(File.Exists(Path.Combine(assets, "katex", f)), $"katex.min.css names missing {f}"));
        Assert.All(katexFonts, f => Assert.EndsWith(".woff2", f));

        var cjkCss = File.ReadAllText(Path.Combine(assets, SiteFonts.CjkStylesheet));
        var chunks = Regex.Matches(cjkCss, "url\\((fonts/[^)]+)\\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(chunks.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(assets, "fonts"), "*.woff2").Select(f => "fonts/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));
        // Every Chinese character on the pages is in a shipped chunk, and every shipped chunk draws one of them.
        var all = SiteFonts.ReadChunks(SiteAssets.Installed);
        var shipped = all.Where(c => chunks.Contains("fonts/" + c.File)).ToList();
        var used = SiteFonts.CjkCodePoints(HtmlFiles.Select(File.ReadAllText));
        Assert.Contains(used, cp => cp == '交');
        Assert.All(used, cp => Assert.True(shipped.Any(c => c.Covers(cp)), $"U+{cp:X4} is in no shipped chunk"));
        Assert.All(shipped, c => Assert.True(used.Any(c.Covers), $"{c.File} draws nothing the pages use"));
        Assert.True(shipped.Count < all.Count / 2, $"{shipped.Count} of {all.Count} chunks shipped");
        foreach (var html in HtmlFiles)
        {
            var text = File.ReadAllText(html);
            Assert.Contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">", text);
            Assert.Contains($"<link rel=\"stylesheet\" href=\"assets/{SiteFonts.CjkStylesheet}\">", text);
        }
    }

    /// <summary>A scratch repository root holding only the site's lock file.</summary>
    private static DirectoryInfo ScratchRootWithLockFile()
    {
        var root = Directory.CreateTempSubdirectory("classicml-assets-");
        var lockFolder = Directory.CreateDirectory(Path.Combine(root.FullName, "lib", "ClassicML.Notebooks", "SiteAssets"));
        File.Copy(Path.Combine(TestPaths.Root, "lib", "ClassicML.Notebooks", "SiteAssets", "package-lock.json"), Path.Combine(lockFolder.FullName, "package-lock.json"));
        File.WriteAllText(Path.Combine(root.FullName, "ClassicML.Notebooks.sln"), "");
        return root;
    }

    [Fact]
    public void Site_packages_are_fetched_without_npm_and_checked_against_the_lock_files_sha512()
    {
        var installed = SiteAssets.Installed; // fetched from the npm registry on a fresh clone
        var lockFile = File.ReadAllText(Path.Combine(TestPaths.Root, "lib", "ClassicML.Notebooks", "SiteAssets", "package-lock.json"));
        Assert.Contains($"\"node_modules/katex\": {{\n      \"version\": \"{SiteAssets.KatexVersion}\",\n      \"integrity\": \"sha512-", lockFile);
        Assert.DoesNotContain("\"resolved\"", lockFile); // no registry host is named in the repository
        Assert.True(File.Exists(Path.Combine(installed.KatexDist, "katex.min.js")));

        // Offline install into another checkout from the verified tarballs kept beside node_modules.
        var root = ScratchRootWithLockFile();
        try
        {
            var copy = SiteAssets.Locate(root.FullName, registry: installed.TarballFolder);
            Assert.Equal(File.ReadAllBytes(Path.Combine(installed.KatexDist, "katex.min.js")), File.ReadAllBytes(Path.Combine(copy.KatexDist, "katex.min.js")));
            Assert.True(File.Exists(Path.Combine(copy.NotoSansSc, "400.css")));
            Assert.Empty(Directory.GetDirectories(copy.NodeModules, "*.fetch-*", SearchOption.AllDirectories)); // no staging left
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_tampered_tarball_is_refused_and_nothing_is_unpacked()
    {
        var installed = SiteAssets.Installed;
        var root = ScratchRootWithLockFile();
        var registry = Directory.CreateTempSubdirectory("classicml-registry-");
        try
        {
            var good = Path.Combine(installed.TarballFolder, "katex", "-", $"katex-{SiteAssets.KatexVersion}.tgz");
            var bad = Path.Combine(registry.FullName, "katex", "-", $"katex-{SiteAssets.KatexVersion}.tgz");
            Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
            var bytes = File.ReadAllBytes(good);
            bytes[^1] ^= 0xFF; // one flipped byte in the gzip trailer
            File.WriteAllBytes(bad, bytes);
            var e = Assert.Throws<RenderException>(() => SiteAssets.Locate(root.FullName, registry: registry.FullName));
            Assert.Contains("does not match the sha512 integrity", e.Message);
            Assert.False(Directory.Exists(Path.Combine(root.FullName, "artifacts", "site-npm", "node_modules", "katex")));

            File.Delete(bad); // and a registry that does not have it: one line naming the package and the setting
            var missing = Assert.Throws<RenderException>(() => SiteAssets.Locate(root.FullName, registry: registry.FullName));
            Assert.Contains($"katex {SiteAssets.KatexVersion}", missing.Message);
            Assert.Contains(SiteAssets.RegistryVariable, missing.Message);
            Assert.DoesNotContain("\n", missing.Message);
        }
        finally
        {
            root.Delete(recursive: true);
            registry.Delete(recursive: true);
        }
    }

    [GeneratedRegex("^## +(.+)$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex("<(?:script|link|img|iframe|source|video|audio)\\b[^>]*\\b(?:src|href)\\s*=\\s*[\"']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteResource();

    [GeneratedRegex("\\b(href|src)=\"([^\"]*)\"")]
    private static partial Regex LocalReference();
}
