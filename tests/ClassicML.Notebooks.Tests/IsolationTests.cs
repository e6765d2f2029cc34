using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// <c>check</c> and <c>render</c> run each notebook in a process of its own: a lesson that overflows the stack, calls
/// <c>Environment.Exit</c>, leaves a foreground thread running or runs out of memory is reported against that lesson
/// (cell and reason), and the others still run and are written.
/// </summary>
public class IsolationTests
{
    private static readonly (string Name, string Code)[] Lessons =
    [
        ("01-fine.dib", "Console.WriteLine(\"first\");\n1 + 1"),
        ("02-stack.dib", "int Down(int n) => Down(n + 1) + 1;\nDown(0)"),
        ("03-exit.dib", "var x = 1;\nEnvironment.Exit(3);"),
        ("04-thread.dib", "new System.Threading.Thread(() => { while (true) System.Threading.Thread.Sleep(50); }) { IsBackground = false }.Start();\n\"thread started\""),
        ("05-memory.dib", "var ok = 1;\nvar huge = new double[int.MaxValue, int.MaxValue];"),
        ("06-fine.dib", "Console.WriteLine(\"last\");"),
    ];

    private static TestPaths.TempFolder Repo()
    {
        var repo = new TestPaths.TempFolder(asRepository: true);
        foreach (var (name, code) in Lessons)
            File.WriteAllText(repo["notebooks/" + name], DibFormat.Write(new Notebook([Cell.Markdown("# " + name), Cell.Code("var before = 0;"), Cell.Code(code)])));
        return repo;
    }

    private static (int Code, string Out, string Err) Cli(string folder, params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(args, new CliContext(o, e, folder));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Check_reports_each_crash_against_its_lesson_and_cell_and_still_checks_the_others()
    {
        using var repo = Repo();
        var (code, stdout, stderr) = Cli(repo.Path, "check", "--timeout", "30");
        Assert.Equal(1, code);
        Assert.Contains("checked 6 notebook(s)", stdout);
        Assert.Contains("3 ok, 3 failing (02-stack.dib, 03-exit.dib, 05-memory.dib)", stdout);
        Assert.Contains("02-stack.dib: cell 3: the notebook's process ended: stack overflow", stderr);
        Assert.Contains("03-exit.dib: cell 3: the notebook's process ended: it exited with code 3", stderr);
        Assert.Contains("05-memory.dib: cell 3, line 2: OutOfMemoryException", stderr);
        // The lessons around them ran and were written; the one with a foreground thread finished too.
        foreach (var ok in new[] { "01-fine", "04-thread", "06-fine" })
            Assert.True(File.Exists(repo[$"artifacts/executed/{ok}.ipynb"]), ok);
        var last = NotebookFile.Load(repo["artifacts/executed/06-fine.ipynb"]);
        Assert.Equal("last\n", Assert.IsType<StreamOutput>(Assert.Single(last.Cells[2].Outputs)).Text);
        // A crashed lesson's file shows the reason on the cell.
        var crashed = NotebookFile.Load(repo["artifacts/executed/02-stack.ipynb"]);
        Assert.Contains("stack overflow", Assert.IsType<ErrorOutput>(Assert.Single(crashed.Cells[2].Outputs)).EValue);
    }

    [Fact]
    public void Render_writes_every_page_when_lessons_crash()
    {
        using var repo = Repo();
        var site = repo["site"];
        var (code, stdout, stderr) = Cli(repo.Path, "render", "--output", site, "--timeout", "30");
        Assert.Equal(1, code);
        Assert.Contains("3 lesson(s) failed", stderr);
        foreach (var (name, _) in Lessons)
            Assert.True(File.Exists(Path.Combine(site, Path.ChangeExtension(name, ".html"))), name + "\n" + stdout);
        Assert.Contains("stack overflow", File.ReadAllText(Path.Combine(site, "02-stack.html")));
        Assert.Contains("exited with code 3", File.ReadAllText(Path.Combine(site, "03-exit.html")));
    }
}
