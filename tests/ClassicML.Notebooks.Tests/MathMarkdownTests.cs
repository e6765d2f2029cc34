using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Tests;

/// <summary>Markdown cells → HTML: math spans protected from Markdig and typeset by KaTeX (HTML plus MathML).</summary>
public class MathMarkdownTests
{
    private static RenderedMarkdown Render(string md) => new MarkdownRenderer().Render(md);

    [Fact]
    public void Inline_and_display_math_become_math_elements()
    {
        var r = Render("The sigmoid $\\sigma(z)$ is\n\n$$\n\\sigma(z) = \\frac{1}{1+e^{-z}}\n$$\n\nand $a_1 * b_2$ keeps its underscores.");
        Assert.Empty(r.Errors);
        Assert.Equal(3, CountOf(r.Html, "<math "));
        Assert.Equal(1, CountOf(r.Html, "display=\"block\""));
        Assert.Contains("<msub><mi>a</mi><mn>1</mn></msub>", r.Html);
        Assert.DoesNotContain("<em>", r.Html); // _ and * inside math are not emphasis
    }

    [Theory]
    [InlineData("so\n\n$$\\begin{aligned}\na &= b \\\\\n  &= c,\n\\end{aligned}$$\n\nbecause $x$.")]
    [InlineData("so\n$$\\begin{aligned}\na &= b \\\\\n  &= c,\n\\end{aligned}$$\nbecause $x$.")]
    [InlineData("so\n\n$$a = b$$\n\nbecause $x$.")]
    [InlineData("so\n\n$$ a = b $$ because $x$.")]
    [InlineData("so\n\n$$\na = b\n$$\n\nbecause $x$.")]
    [InlineData("so\n\n  $$\n  a = b\n  $$\n\nbecause $x$.")]
    public void Display_math_written_in_any_common_layout_is_typeset(string md)
    {
        var r = Render(md);
        Assert.Empty(r.Errors);
        Assert.Equal(1, CountOf(r.Html, "display=\"block\""));
        Assert.Equal(2, CountOf(r.Html, "<math "));
        Assert.DoesNotContain("$$", r.Html.Replace("application/x-tex", "", StringComparison.Ordinal).Split("<annotation")[0]);
        Assert.Contains("because", r.Html);
    }

    [Fact]
    public void Dollars_in_a_code_fence_are_not_normalised()
    {
        var md = "```\n$$x$$\n```\n";
        Assert.Equal(md, MarkdownRenderer.NormalizeDisplayMath(md));
    }

    [Fact]
    public void Single_line_display_math_in_a_paragraph_is_block()
    {
        var r = Render("Hence $$x = 1$$ follows.");
        Assert.Contains("display=\"block\"", r.Html);
    }

    [Fact]
    public void Dollars_in_code_and_escaped_dollars_stay_text()
    {
        var r = Render("Costs \\$5 and \\$6. Code `var s = $\"{x}\";` and\n\n```csharp\nvar t = $\"{a} and {b}\"; // $x$\n```\n");
        Assert.Empty(r.Errors);
        Assert.DoesNotContain("<math", r.Html);
        Assert.Contains("$5 and $6", r.Html);
        Assert.Contains("<code class=\"language-csharp\">", r.Html);
        Assert.Contains("<span class=\"tok-kw\">var</span>", r.Html);
        Assert.Contains("<span class=\"tok-com\">// $x$</span>", r.Html);
    }

    [Fact]
    public void Tables_emphasis_lists_and_autolinks()
    {
        var r = Render("| a | b |\n|---|---|\n| $x^2$ | **bold** |\n\n- one\n- two\n\nSee https://example.org and ~~gone~~.");
        Assert.Contains("<table>", r.Html);
        Assert.Contains("<strong>bold</strong>", r.Html);
        Assert.Contains("<ul>", r.Html);
        Assert.Contains("<a href=\"https://example.org\">", r.Html);
        Assert.Contains("<del>gone</del>", r.Html);
        Assert.Contains("<msup><mi>x</mi><mn>2</mn></msup>", r.Html);
    }

    [Fact]
    public void Headings_get_ids_unique_across_cells_and_math_in_the_text()
    {
        var renderer = new MarkdownRenderer();
        var first = renderer.Render("# Logistic regression\n\n## Exercises\n\nFirst paragraph with $x$.\n");
        var second = renderer.Render("## Exercises\n\n### The loss $L(w)$\n");
        Assert.Equal("Logistic regression", first.Headings[0].Text);
        Assert.Equal("exercises", first.Headings[1].Id);
        Assert.Equal("exercises-1", second.Headings[0].Id);
        Assert.Contains("id=\"exercises-1\"", second.Html);
        Assert.Contains("<math", second.Headings[1].Html);
        Assert.Equal("The loss L(w)", second.Headings[1].Text);
        Assert.Equal("First paragraph with x.", first.FirstParagraph);
    }

    [Fact]
    public void Unsupported_tex_is_reported_and_drawn_in_red_not_dropped()
    {
        var r = Render("Bad $\\frobnicate{x}$ here.");
        var error = Assert.Single(r.Errors);
        Assert.Contains("\\frobnicate", error);
        Assert.Contains("class=\"math-error\"", r.Html);
        Assert.Contains("Bad ", r.Html);
    }

    [Fact]
    public void Chinese_key_terms_in_text_and_math()
    {
        var r = Render("Cross-entropy loss / 交叉熵损失: $L = -\\sum_i y_i \\log p_i \\quad \\text{(交叉熵)}$");
        Assert.Empty(r.Errors);
        Assert.Contains("交叉熵损失", r.Html);
        Assert.Contains("<mtext>(交叉熵)</mtext>", r.Html);
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
