using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

[Collection("notebook runs")]
public class CliTests
{
    private static (int Code, string Out, string Err) Cli(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, workingDirectory));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var (code, output, _) = Cli(TestPaths.Root, "--help");
        Assert.Equal(0, code);
        foreach (var name in new[] { "run", "check", "sync", "assign", "render", "kernel" }) Assert.Contains(name, output);
    }

    [Fact]
    public void Sync_writes_missing_ipynb_and_check_mode_reports_drift()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        File.WriteAllText(repo["notebooks/a.dib"], DibFormat.Write(new Notebook([Cell.Markdown("# A"), Cell.Code("1")])));
        Assert.Equal(1, Cli(repo.Path, "sync", "--check").Code);
        Assert.False(File.Exists(repo["notebooks/a.ipynb"]));
        var (code, output, _) = Cli(repo.Path, "sync");
        Assert.Equal(0, code);
        Assert.Contains("updated:     a.ipynb", output);
        Assert.Equal(0, Cli(repo.Path, "sync", "--check").Code);
        File.AppendAllText(repo["notebooks/a.ipynb"], " ");
        var drift = Cli(repo.Path, "sync", "--check");
        Assert.Equal(1, drift.Code);
        Assert.Contains("out of step: a.ipynb", drift.Out);
    }

    [Fact]
    public void Check_fails_on_a_throwing_cell_and_reports_it()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        File.WriteAllText(repo["notebooks/good.dib"], DibFormat.Write(new Notebook([Cell.Code("var a = 1;"), Cell.Code("a + 1")])));
        File.WriteAllText(repo["notebooks/bad.dib"], DibFormat.Write(new Notebook([Cell.Code("var a = 1;\nthrow new Exception(\"nope\");")])));
        var (code, output, error) = Cli(repo.Path, "check");
        Assert.Equal(1, code);
        Assert.Contains("bad.dib: cell 1, line 2: Exception: nope", error);
        Assert.Contains("good.dib: ok", output);
        Assert.Contains("checked 2 notebook(s)", output);
        Assert.Contains("1 ok, 1 failing (bad.dib)", output);
        Assert.True(File.Exists(repo["artifacts/executed/good.ipynb"]));
        Assert.Equal(0, Cli(repo.Path, "check", "notebooks/good.dib").Code);
    }

    [Fact]
    public void Run_writes_the_executed_notebook_where_asked()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        File.WriteAllText(repo["notebooks/n.dib"], DibFormat.Write(new Notebook([Cell.Code("Console.WriteLine(\"hello\");\n6 * 7")])));
        var (code, _, _) = Cli(repo.Path, "run", "notebooks/n.dib", "--output", "out/n.ipynb");
        Assert.Equal(0, code);
        var executed = NotebookFile.Load(repo["out/n.ipynb"]);
        Assert.Equal(new[] { "stream", "execute_result" }, executed.Cells[0].Outputs.Select(o => o.OutputType));
        Assert.Equal(2, Cli(repo.Path, "run", "notebooks/missing.dib").Code);
        // An .ipynb runs as well, and its default output lands in artifacts/executed/.
        NotebookFile.Save(new Notebook([Cell.Code("\"from ipynb\"")]), repo["notebooks/m.ipynb"]);
        Assert.Equal(0, Cli(repo.Path, "run", "notebooks/m.ipynb").Code);
        var fromIpynb = NotebookFile.Load(repo["artifacts/executed/m.ipynb"]);
        Assert.Equal("from ipynb", ((Documents.ExecuteResultOutput)fromIpynb.Cells[0].Outputs[0]).Data["text/plain"]);
        Assert.Equal(2, Cli(repo.Path, "run", "notebooks/n.dib", "--timeout", "0").Code);
    }
}
