using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

/// <summary>Round-trip properties checked on many seeded random notebooks (unicode, blank lines, empty cells, outputs).</summary>
public class RoundTripPropertyTests
{
    private static readonly string[] Words =
        ["var", "x", "=", "1;", "σ(z)", "交叉熵损失", "нормальное", "уравнение", "$$\\frac{a}{b}$$", "\"q\"", "\\", "\t", "🙂", "#r", "// c", "{", "}", "#!time", "##", "*", "-"];

    private static string RandomLine(Random rng)
    {
        var n = rng.Next(0, 6);
        return string.Join(" ", Enumerable.Range(0, n).Select(_ => Words[rng.Next(Words.Length)]));
    }

    /// <summary>A source as a .dib can hold it: no leading blank lines, no trailing whitespace, no separator lines.</summary>
    private static string RandomSource(Random rng)
    {
        var lines = Enumerable.Range(0, rng.Next(0, 8)).Select(_ => RandomLine(rng)).ToList();
        var text = string.Join("\n", lines).TrimEnd();
        while (text.StartsWith('\n') || (text.Length > 0 && string.IsNullOrWhiteSpace(text.Split('\n')[0])))
            text = text[(text.IndexOf('\n') + 1)..];
        return text.Trim() == "" ? "" : text;
    }

    private static Notebook RandomNotebook(Random rng, bool withOutputs)
    {
        var nb = new Notebook();
        var count = rng.Next(0, 7);
        for (var i = 0; i < count; i++)
        {
            var cell = rng.Next(3) == 0 ? Cell.Markdown(RandomSource(rng)) : Cell.Code(RandomSource(rng));
            if (withOutputs && cell.Kind == CellKind.Code && rng.Next(2) == 0)
            {
                cell.ExecutionCount = i + 1;
                cell.Outputs.Add(new StreamOutput(rng.Next(2) == 0 ? "stdout" : "stderr", RandomSource(rng) + "\n"));
                var bundle = new MimeBundle();
                bundle.Set("text/plain", RandomSource(rng));
                bundle.Set("text/html", "<b>" + RandomSource(rng) + "</b>");
                bundle.Set("application/json", "{\"v\":[" + rng.Next() + ",1.5,\"" + RandomLine(rng).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\t", "\\t") + "\"]}");
                cell.Outputs.Add(rng.Next(2) == 0 ? new DisplayDataOutput(bundle) : new ExecuteResultOutput(bundle, i + 1));
                if (rng.Next(4) == 0) cell.Outputs.Add(new ErrorOutput("E", RandomLine(rng), [RandomLine(rng), RandomLine(rng)]));
            }
            nb.Cells.Add(cell);
        }
        return nb;
    }

    private static string[] Describe(Notebook nb) => DibFormatTests.Describe(nb);

    [Fact]
    public void Dib_write_then_parse_gives_the_same_cells_and_rewrites_the_same_bytes()
    {
        var rng = new Random(20261123);
        for (var trial = 0; trial < 300; trial++)
        {
            var nb = RandomNotebook(rng, withOutputs: false);
            var text = DibFormat.Write(nb);
            var parsed = DibFormat.Parse(text);
            Assert.Equal(Describe(nb), Describe(parsed));
            Assert.Equal(text, DibFormat.Write(parsed));
        }
    }

    [Fact]
    public void Ipynb_write_then_parse_keeps_cells_and_outputs_validates_and_rewrites_the_same_bytes()
    {
        var rng = new Random(4242);
        for (var trial = 0; trial < 200; trial++)
        {
            var nb = RandomNotebook(rng, withOutputs: true);
            var text = IpynbFormat.Write(nb);
            Assert.Empty(NbformatValidator.Validate(text));
            var parsed = IpynbFormat.Parse(text);
            Assert.Equal(Describe(nb), Describe(parsed));
            Assert.Equal(nb.Cells.Select(c => string.Join("|", c.Outputs.Select(o => o.OutputType))),
                         parsed.Cells.Select(c => string.Join("|", c.Outputs.Select(o => o.OutputType))));
            Assert.Equal(text, IpynbFormat.Write(parsed));
        }
    }
}
