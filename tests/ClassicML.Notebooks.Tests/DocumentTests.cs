using System.Text;
using System.Text.Json.Nodes;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

public class DibFormatTests
{
    private const string Meta = """{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"},{"aliases":[],"languageName":"markdown","name":"markdown"}]}}""";

    private static readonly string Sample =
        "#!meta\n\n" + Meta + "\n\n#!markdown\n\n# Title\n\nSome $x^2$ text.\n\n#!csharp\n\nvar x = 1;\nx + 1\n";

    [Fact]
    public void Parses_cells_kinds_kernels_and_sources()
    {
        var nb = DibFormat.Parse(Sample);
        Assert.Equal(2, nb.Cells.Count);
        Assert.Equal(CellKind.Markdown, nb.Cells[0].Kind);
        Assert.Equal("# Title\n\nSome $x^2$ text.", nb.Cells[0].Source);
        Assert.Equal(CellKind.Code, nb.Cells[1].Kind);
        Assert.Equal("csharp", nb.Cells[1].KernelName);
        Assert.Equal("var x = 1;\nx + 1", nb.Cells[1].Source);
        Assert.Equal("csharp", nb.DefaultKernelName);
    }

    [Theory]
    [InlineData("#!c#")]
    [InlineData("#!cs")]
    [InlineData("#!csharp")]
    public void Accepts_csharp_aliases(string header)
    {
        var nb = DibFormat.Parse($"{header}\n\nConsole.WriteLine(1);\n\n#!md\n\ntext\n");
        Assert.Equal(new[] { CellKind.Code, CellKind.Markdown }, nb.Cells.Select(c => c.Kind));
        Assert.Equal("csharp", nb.Cells[0].KernelName);
        Assert.Equal("markdown", nb.Cells[1].KernelName);
    }

    [Fact]
    public void Magic_commands_and_directives_stay_inside_the_cell()
    {
        var nb = DibFormat.Parse("#!csharp\n\n#!time\n#r \"nuget: MathNet.Numerics, 5.0.0\"\n1\n");
        Assert.Single(nb.Cells);
        Assert.Equal("#!time\n#r \"nuget: MathNet.Numerics, 5.0.0\"\n1", nb.Cells[0].Source);
    }

    public static TheoryData<string> UnusualFiles() => new()
    {
        Sample,
        "#!meta\n\n" + Meta + "\n\n#!markdown\n\nonly markdown",
        "#!csharp\n\n\n\n#!csharp\n\n#!markdown\n\n",                         // empty cells
        "#!csharp\r\n\r\nvar s = \"a\";\r\nConsole.WriteLine(s);\r\n\r\n#!markdown\r\n\r\n# CRLF\r\n",
        "\uFEFF#!csharp\n\nvar π = Math.PI; // 交叉熵损失 — нормальное уравнение 🙂\n",
        "\n\n#!c#\n   \n\t\nvar x = 1;   \n\n\n\n#!md\nno blank line\n#!cs\nlast",
        "text before any separator\n\n#!markdown\n\nafter",
        "",
    };

    [Theory]
    [MemberData(nameof(UnusualFiles))]
    public void Round_trips_byte_for_byte(string text)
    {
        Assert.Equal(text, DibFormat.Write(DibFormat.Parse(text)));
    }

    [Theory]
    [MemberData(nameof(UnusualFiles))]
    public void Written_dib_parses_back_to_the_same_cells(string text)
    {
        var nb = DibFormat.Parse(text);
        var fresh = new Notebook(nb.Cells.Select(c => new Cell(c.Kind, c.Source, c.KernelName)));
        var reparsed = DibFormat.Parse(DibFormat.Write(fresh));
        Assert.Equal(Describe(fresh), Describe(reparsed));
        Assert.StartsWith("#!meta\n\n{\"kernelInfo\":", DibFormat.Write(fresh));
    }

    [Fact]
    public void A_new_notebook_is_written_in_the_canonical_layout()
    {
        var nb = new Notebook([Cell.Markdown("# T"), Cell.Code("1 + 1")]);
        Assert.Equal("#!meta\n\n" + Meta + "\n\n#!markdown\n\n# T\n\n#!csharp\n\n1 + 1\n", DibFormat.Write(nb));
    }

    [Fact]
    public void Edited_source_keeps_the_surrounding_layout()
    {
        var nb = DibFormat.Parse(Sample);
        nb.Cells[1].Source = "2";
        Assert.Equal(Sample.Replace("var x = 1;\nx + 1", "2"), DibFormat.Write(nb));
    }

    [Fact]
    public void A_source_line_that_looks_like_a_separator_is_refused()
    {
        var nb = new Notebook([Cell.Code("var a = 1;\n#!markdown\nvar b = 2;")]);
        var e = Assert.Throws<ArgumentException>(() => DibFormat.Write(nb));
        Assert.Contains("#!markdown", e.Message);
    }

    [Fact]
    public void Bad_meta_json_is_a_format_error()
    {
        var e = Assert.Throws<FormatException>(() => DibFormat.Parse("#!meta\n\n{not json\n\n#!csharp\n\n1\n"));
        Assert.Contains("#!meta", e.Message);
    }

    internal static string[] Describe(Notebook nb) => nb.Cells.Select(c => $"{c.Kind}|{c.KernelName}|{c.Source}").ToArray();
}

public class IpynbFormatTests
{
    private static Notebook SampleWithOutputs()
    {
        var nb = new Notebook([Cell.Markdown("# Title 交叉熵\n\n$$\\sigma(z)=\\frac{1}{1+e^{-z}}$$"), Cell.Code("Console.WriteLine(\"hi\");\n1 + 1"), Cell.Code("")]);
        var code = nb.Cells[1];
        code.ExecutionCount = 1;
        code.Outputs.Add(new StreamOutput("stdout", "hi\nthere\n"));
        var bundle = new MimeBundle();
        bundle.Set("text/html", "<div>2</div>");
        bundle.Set("text/plain", "2");
        bundle.Set("application/vnd.plotly.v1+json", """{"data":[{"x":[1,2.5],"type":"scatter"}],"layout":{}}""");
        code.Outputs.Add(new ExecuteResultOutput(bundle, 1));
        code.Outputs.Add(new DisplayDataOutput(new MimeBundle([new MimeValue("text/plain", "shown")])));
        code.Outputs.Add(new ErrorOutput("System.Exception", "nb: cell 2, line 1: boom", ["System.Exception: boom", "   at Submission#1"]));
        return nb;
    }

    [Fact]
    public void Writes_nbformat_4_5_with_polyglot_metadata_and_valid_shape()
    {
        var text = IpynbFormat.Write(SampleWithOutputs());
        Assert.Empty(NbformatValidator.Validate(text));
        var root = JsonNode.Parse(text)!;
        Assert.Equal(".net-csharp", root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(".NET (C#)", root["metadata"]!["kernelspec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("C#", root["metadata"]!["kernelspec"]!["language"]!.GetValue<string>());
        Assert.Equal("polyglot-notebook", root["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", root["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("csharp", root["cells"]![1]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal(5, root["nbformat_minor"]!.GetValue<int>());
        // Jupyter layout: one-space indent, sorted keys, source as lines, trailing newline, unicode kept.
        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\": \"", text);
        Assert.EndsWith("}\n", text);
        Assert.Contains("\"# Title 交叉熵\\n\",", text);
        Assert.Contains("\"$$\\\\sigma(z)=\\\\frac{1}{1+e^{-z}}$$\"", text);
        Assert.DoesNotContain("\r", text);
        // JSON MIME types are stored as JSON, not as a string.
        Assert.IsType<JsonObject>(root["cells"]![1]!["outputs"]![1]!["data"]!["application/vnd.plotly.v1+json"]);
    }

    [Fact]
    public void Round_trips_byte_for_byte_and_keeps_outputs()
    {
        var text = IpynbFormat.Write(SampleWithOutputs());
        var nb = IpynbFormat.Parse(text);
        Assert.Equal(text, IpynbFormat.Write(nb));
        var outputs = nb.Cells[1].Outputs;
        Assert.Equal(new[] { "stream", "execute_result", "display_data", "error" }, outputs.Select(o => o.OutputType));
        Assert.Equal("hi\nthere\n", ((StreamOutput)outputs[0]).Text);
        Assert.Equal("2", ((ExecuteResultOutput)outputs[1]).Data["text/plain"]);
        Assert.Equal("nb: cell 2, line 1: boom", ((ErrorOutput)outputs[3]).EValue);
        Assert.Equal(1, nb.Cells[1].ExecutionCount);
    }

    [Fact]
    public void Keeps_unknown_fields_and_foreign_layout_while_unchanged()
    {
        const string foreign = """
            {
             "cells": [
              {
               "attachments": {},
               "cell_type": "markdown",
               "id": "abc",
               "metadata": {"tags": ["x"]},
               "source": "single string\nsource"
              },
              {
               "cell_type": "raw",
               "id": "raw-1",
               "metadata": {},
               "source": ["raw text"]
              }
             ],
             "metadata": {"custom": {"n": 1.50}},
             "nbformat": 4,
             "nbformat_minor": 5
            }
            """;
        var once = IpynbFormat.Write(IpynbFormat.Parse(foreign));
        Assert.Equal(once, IpynbFormat.Write(IpynbFormat.Parse(once)));
        Assert.Contains("\"source\": \"single string\\nsource\"", once);
        Assert.Contains("\"attachments\": {}", once);
        Assert.Contains("\"n\": 1.50", once);
        Assert.Contains("\"cell_type\": \"raw\"", once);
        Assert.Contains("\"tags\"", once);
        Assert.Empty(NbformatValidator.Validate(once));
    }

    [Fact]
    public void Cell_ids_are_deterministic_unique_and_valid()
    {
        var nb = new Notebook([Cell.Code("1"), Cell.Code("1"), Cell.Markdown("")]);
        var a = IpynbFormat.Write(nb);
        Assert.Equal(a, IpynbFormat.Write(new Notebook([Cell.Code("1"), Cell.Code("1"), Cell.Markdown("")])));
        var ids = JsonNode.Parse(a)!["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Empty(NbformatValidator.Validate(a));
    }

    [Fact]
    public void Dib_to_ipynb_to_dib_keeps_the_cells()
    {
        var dib = "#!markdown\n\n# T\n\n#!csharp\n\nvar x = 1;\n\n#!csharp\n\n";
        var nb = DibFormat.Parse(dib);
        var back = IpynbFormat.Parse(IpynbFormat.Write(nb));
        Assert.Equal(DibFormatTests.Describe(nb), DibFormatTests.Describe(back));
    }

    [Theory]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "bad id!", "metadata": {}, "source": [], "outputs": [], "execution_count": null}]}""", "id")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": [], "outputs": []}]}""", "execution_count")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": []}, {"cell_type": "markdown", "id": "a", "metadata": {}, "source": []}]}""", "not unique")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": []}""", "nbformat_minor")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": [], "execution_count": null, "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/plain": 3}}]}]}""", "text/plain")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": [], "execution_count": null, "outputs": [{"output_type": "stream", "text": "x"}]}]}""", "name")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": [], "execution_count": null, "outputs": [{"output_type": "error", "ename": "E", "evalue": "v"}]}]}""", "traceback")]
    public void Validator_rejects_what_nbformat_rejects(string json, string expected)
    {
        var errors = NbformatValidator.Validate(json);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_accepts_json_values_for_json_mime_types()
    {
        const string json = """{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": "x", "execution_count": 1, "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"application/json": {"a": [1]}, "text/plain": ["a\n", "b"]}}]}]}""";
        Assert.Empty(NbformatValidator.Validate(json));
    }
}

public class NotebookFileTests
{
    [Fact]
    public void Saves_atomically_and_loads_by_extension()
    {
        var dir = Directory.CreateTempSubdirectory("classicml-nbfile-");
        try
        {
            var nb = new Notebook([Cell.Markdown("# T"), Cell.Code("1")]);
            var dib = Path.Combine(dir.FullName, "a.dib");
            var ipynb = Path.Combine(dir.FullName, "a.ipynb");
            NotebookFile.Save(nb, dib);
            NotebookFile.Save(nb, ipynb);
            NotebookFile.Save(nb, ipynb); // overwrite
            Assert.Equal(DibFormatTests.Describe(nb), DibFormatTests.Describe(NotebookFile.Load(dib)));
            Assert.Equal(DibFormatTests.Describe(nb), DibFormatTests.Describe(NotebookFile.Load(ipynb)));
            Assert.Equal(2, Directory.GetFiles(dir.FullName).Length); // no temp files left behind
            Assert.False(File.ReadAllBytes(dib).AsSpan().StartsWith(Encoding.UTF8.Preamble));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Rejects_other_extensions_and_missing_files()
    {
        var e = Assert.Throws<ArgumentException>(() => NotebookFile.Load("lesson.txt"));
        Assert.Equal("path", e.ParamName);
        Assert.Throws<FileNotFoundException>(() => NotebookFile.Load(Path.Combine(Path.GetTempPath(), "no-such-notebook.dib")));
    }
}
