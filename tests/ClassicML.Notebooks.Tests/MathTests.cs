using System.Diagnostics;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Tests;

/// <summary>Math is typeset by KaTeX (run in Jint), as VS Code typesets the same markdown.</summary>
public partial class MathTests
{
    /// <summary>Every math span of every lesson (and of the site sample), as the site's markdown renderer finds them.</summary>
    private static List<(string Where, string Tex, bool Display)> AllSpans()
    {
        var files = Directory.GetFiles(TestPaths.Notebooks, "*.dib").Order(StringComparer.Ordinal).Append(SiteFixture.SamplePath);
        var spans = new List<(string, string, bool)>();
        foreach (var file in files)
        {
            var notebook = NotebookFile.Load(file);
            for (var i = 0; i < notebook.Cells.Count; i++)
            {
                if (notebook.Cells[i].Kind != CellKind.Markdown) continue;
                foreach (var (tex, display) in MarkdownRenderer.FindMath(notebook.Cells[i].Source))
                    spans.Add(($"{Path.GetFileName(file)}, cell {i + 1}", tex, display));
            }
        }
        return spans;
    }

    [Fact]
    public void Katex_typesets_every_math_span_of_every_lesson_without_an_error()
    {
        var spans = AllSpans();
        Assert.True(spans.Count > 500, $"only {spans.Count} math spans found in the lessons");
        var failures = new List<string>();
        foreach (var (where, tex, display) in spans)
        {
            try
            {
                var html = Katex.Render(tex, display);
                Assert.Contains("class=\"katex-html\"", html);
                Assert.Contains("<annotation encoding=\"application/x-tex\">", html);
            }
            catch (RenderException e)
            {
                failures.Add($"{where}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {spans.Count} spans fail:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void The_lasso_subdifferential_keeps_its_interval_row()
    {
        // `\\ [-1, 1]` after a line break reads, in TeX and in KaTeX, as a spacing argument `\\[-1, 1]`: the lesson must
        // write the interval so that it survives, and the rendered cases must show both rows.
        var (_, tex, _) = Assert.Single(AllSpans(), s => s.Where.StartsWith("02-", StringComparison.Ordinal) && s.Tex.Contains("\\partial |w_j|", StringComparison.Ordinal) && s.Tex.Contains("cases", StringComparison.Ordinal));
        var html = Katex.Render(tex, display: true);
        var mathml = html[html.IndexOf("<math", StringComparison.Ordinal)..html.IndexOf("</math>", StringComparison.Ordinal)];
        Assert.Matches("<mo[^>]*>\\[</mo><mo>−</mo><mn>1</mn><mo separator=\"true\">,</mo><mn>1</mn><mo[^>]*>\\]</mo>", mathml);
        Assert.Equal(2, Regex.Count(mathml, "<mtr>"));
    }

    [Fact]
    public void Katex_writes_html_with_mathml_and_the_tex_as_annotation()
    {
        var inline = Katex.Render("\\hat\\beta = (X^\\top X)^{-1} X^\\top y", display: false);
        Assert.StartsWith("<span class=\"katex\">", inline);
        Assert.Contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">", inline);
        Assert.Contains("<annotation encoding=\"application/x-tex\">\\hat\\beta = (X^\\top X)^{-1} X^\\top y</annotation>", inline);
        var display = Katex.Render("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", display: true);
        Assert.StartsWith("<span class=\"katex-display\">", display);
        Assert.Contains("display=\"block\"", display);
        Assert.Contains("delimsizing", display); // the parentheses grow with the matrix (KaTeX's sized delimiters)
    }

    [Theory]
    [InlineData("\\frobnicate{x}", "\\frobnicate")]
    [InlineData("\\frac{1}{2", "expected '}'")]
    [InlineData("a \\\\ & b", "&")]
    public void Tex_katex_rejects_is_a_render_error_naming_the_problem(string tex, string named)
    {
        var e = Assert.Throws<RenderException>(() => Katex.Render(tex, display: false));
        Assert.Contains(named, e.Message);
        Assert.Contains("KaTeX", e.Message);
    }

    [Fact]
    public void Chinese_text_inside_math_is_kept()
    {
        var html = Katex.Render("L = -\\sum_i y_i \\log p_i \\quad \\text{(交叉熵)}", display: false);
        Assert.Contains("交叉熵", html);
    }

    [Fact]
    public void Katex_is_fast_enough_to_typeset_the_whole_course_at_render_time()
    {
        // Not a speed target: a guard that the interpreter was not left doing something silly (e.g. reloading KaTeX per span).
        Katex.Render("x", false);
        var spans = AllSpans();
        var clock = Stopwatch.StartNew();
        foreach (var (_, tex, display) in spans) Katex.Render(tex, display);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"typesetting {spans.Count} spans took {clock.Elapsed}");
    }
}
