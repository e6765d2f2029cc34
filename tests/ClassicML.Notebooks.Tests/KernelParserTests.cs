using ClassicML.Notebooks.Documents;
using Interactive = Microsoft.DotNet.Interactive.Documents;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// The kernel's own reader (Microsoft.DotNet.Interactive.Documents, behind dotnet-interactive's notebook-parser, which
/// VS Code's Polyglot Notebooks uses to open a .dib) reads every lesson into the same cells as the course's reader:
/// the same number, kinds, kernel names and sources.
/// </summary>
public class KernelParserTests
{
    /// <summary>The kernels the dotnet-interactive tool registers that a .dib or .ipynb may name, with their aliases.</summary>
    private static Interactive.KernelInfoCollection KernelInfos()
    {
        var infos = new Interactive.KernelInfoCollection
        {
            new Interactive.KernelInfo("csharp", "C#", ["c#", "cs"]),
            new Interactive.KernelInfo("fsharp", "F#", ["f#", "fs"]),
            new Interactive.KernelInfo("pwsh", "PowerShell", ["powershell"]),
            new Interactive.KernelInfo("javascript", "JavaScript", ["js"]),
            new Interactive.KernelInfo("html", "HTML", []),
            new Interactive.KernelInfo("markdown", "Markdown", ["md"]),
        };
        infos.DefaultKernelName = "csharp";
        return infos;
    }

    [Theory]
    [MemberData(nameof(TestPaths.DibNotebooks), MemberType = typeof(TestPaths))]
    [MemberData(nameof(TestPaths.IpynbNotebooks), MemberType = typeof(TestPaths))]
    public void The_kernels_parser_reads_the_same_cells_as_the_course(string name)
    {
        var path = Path.Combine(TestPaths.Notebooks, name);
        var text = File.ReadAllText(path);
        var theirs = name.EndsWith(".dib", StringComparison.Ordinal)
            ? Interactive.CodeSubmission.Parse(text, KernelInfos())
            : Interactive.Jupyter.Notebook.Parse(text, KernelInfos());
        var ours = NotebookFile.Load(path);

        var expected = ours.Cells.Select(c => (Kind: c.Kind.ToString(), Kernel: c.KernelName, Source: Normalise(c.Source))).ToList();
        var actual = theirs.Elements.Select(e => (Kind: e.KernelName == "markdown" ? nameof(CellKind.Markdown) : nameof(CellKind.Code),
            Kernel: e.KernelName, Source: Normalise(e.Contents))).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(expected[i] == actual[i], $"{name}, cell {i + 1}: the course reads {expected[i]}, the kernel's parser {actual[i]}");
    }

    // Both keep a cell's text; only the line ending convention may differ.
    private static string Normalise(string source) => source.Replace("\r\n", "\n", StringComparison.Ordinal);
}
