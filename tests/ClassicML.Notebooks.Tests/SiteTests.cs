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
        Assert.Contains("&quot;&quot;&quot;\nraw &quot; text\n&quot;&quot;&quot;</span>", html);
        Assert.Contains("<span class=\"tok-kw\">int</span>", html);
        Assert.Contains("<span class=\"tok-type\">List</span>", html);
        Assert.Contains("<span class=\"tok-type\">Console</span>.<span class=\"tok-fn\">WriteLine</span>", html);
        // A capitalised local variable is not a type: Roslyn knows it is a local.
        Assert.DoesNotContain("<span class=\"tok-type\">Data</span>", html);
        Assert.DoesNotContain("<b", html.Replace("<span", "", StringComparison.Ordinal));
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

    [GeneratedRegex("<(?:script|link|img|iframe|source|video|audio)\\b[^>]*\\b(?:src|href)\\s*=\\s*[\"']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteResource();

    [GeneratedRegex("\\b(href|src)=\"([^\"]*)\"")]
    private static partial Regex LocalReference();
}
