using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// Every erratum a lesson lists quotes the words of the source it corrects, in 「corner brackets」 (the Chinese
/// sources) or «guillemets» (the Russian one), and each quoted phrase occurs in that source document, kept in
/// <c>../shared/seeds/</c> beside the repository (lesson NN's source is the seed numbered NN − 1).
/// </summary>
public partial class ErrataQuoteTests
{
    private static string SeedsFolder => Path.GetFullPath(Path.Combine(TestPaths.Root, "..", "shared", "seeds"));

    public static TheoryData<string> Lessons()
    {
        var data = new TheoryData<string>();
        foreach (var dib in Directory.GetFiles(TestPaths.Notebooks, "*.dib").Order(StringComparer.Ordinal))
            if (!Path.GetFileName(dib).StartsWith("00-", StringComparison.Ordinal)) data.Add(Path.GetFileName(dib));
        return data;
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Every_erratum_quotes_its_source_and_every_quote_is_in_it(string lesson)
    {
        var number = int.Parse(lesson[..2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists(SeedsFolder), $"The lessons' source documents are expected in {SeedsFolder} (shared/seeds beside the repository).");
        var seedFile = Assert.Single(Directory.GetFiles(SeedsFolder, $"{number - 1:000}_*.txt"));
        var seed = Normalize(File.ReadAllText(seedFile));

        var markdown = string.Join("\n", NotebookFile.Load(Path.Combine(TestPaths.Notebooks, lesson)).Cells
            .Where(c => c.Kind == CellKind.Markdown).Select(c => c.Source));
        var section = ErrataSection().Match(markdown);
        Assert.True(section.Success, $"{lesson} has no \"## … Errata …\" section");

        var items = ErratumItem().Matches(section.Value).Select(m => m.Value).ToList();
        Assert.True(items.Count >= 3, $"{lesson}: only {items.Count} errata items found");
        var problems = new List<string>();
        foreach (var item in items)
        {
            var quotes = Quote().Matches(item).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
            if (quotes.Count == 0) problems.Add($"quotes no words of the source: {item[..Math.Min(item.Length, 80)]}");
        }
        // Every quote from the first erratum on (the list and the paragraphs that continue it; the lead-in above the
        // list only names the convention).
        var errata = section.Value[ErratumItem().Match(section.Value).Index..];
        foreach (Match m in Quote().Matches(errata))
        {
            var quote = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            if (!seed.Contains(Normalize(quote), StringComparison.Ordinal))
                problems.Add($"quotes words the source does not contain: {m.Value}");
        }
        Assert.True(problems.Count == 0, $"{lesson} against {Path.GetFileName(seedFile)}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Normalisation_ignores_layout_only()
    {
        Assert.Equal("a=b;c", Normalize("a = b;\n  c"));
        Assert.Equal("np.round(y)", Normalize("`np.round(y)`"));
        Assert.NotEqual(Normalize("收敛到"), Normalize("收敛"));
    }

    /// <summary>
    /// The text with whitespace and code-span backticks removed: the sources' web layout broke lines and spaced TeX
    /// arbitrarily, and a quoted piece of code is set in backticks; the characters themselves must match exactly.
    /// </summary>
    private static string Normalize(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '`'));

    /// <summary>From a "## … Errata …" heading to the next "## " heading (or the end).</summary>
    [GeneratedRegex(@"^## [^\n]*Errata[^\n]*\n(?:(?!^## )[\s\S])*", RegexOptions.Multiline)]
    private static partial Regex ErrataSection();

    /// <summary>A numbered item ("3. …") or a lettered bold paragraph ("**(b) …") with its text up to the next line break.</summary>
    [GeneratedRegex(@"^(?:\d+\. |\*\*\([a-z]\) )[^\n]*", RegexOptions.Multiline)]
    private static partial Regex ErratumItem();

    [GeneratedRegex("「([^」]+)」|«([^»]+)»")]
    private static partial Regex Quote();
}
