using System.Text.Json.Nodes;
using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

/// <summary>Nothing a user wrote is lost by the toolchain, and user errors get one line, not a stack trace.</summary>
public class DataSafetyTests
{
    private static (int Code, string Out, string Err) Cli(string folder, params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(args, new CliContext(o, e, folder));
        return (code, o.ToString(), e.ToString());
    }

    private static void NoStackTrace(string text) => Assert.DoesNotMatch(@"\n\s+at \S+\(", text);

    private static TestPaths.TempFolder RepoWithLesson()
    {
        var repo = new TestPaths.TempFolder(asRepository: true);
        File.WriteAllText(repo["notebooks/a.dib"], DibFormat.Write(new Notebook([Cell.Markdown("# A"), Cell.Code("1 + 1")])));
        return repo;
    }

    [Fact]
    public void Sync_keeps_a_cell_added_in_jupyter_and_says_how_to_keep_it_unless_forced()
    {
        using var repo = RepoWithLesson();
        Assert.Equal(0, Cli(repo.Path, "sync").Code);
        // What Jupyter writes when a student adds a cell: a new cell with a random id.
        var json = JsonNode.Parse(File.ReadAllText(repo["notebooks/a.ipynb"]))!.AsObject();
        json["cells"]!.AsArray().Add(new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["id"] = "5d1f0c2a-9e77-4f0e-8a43-2f6f8c1b7a10",
            ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = new JsonArray("var mine = 42;"),
        });
        var edited = json.ToJsonString();
        File.WriteAllText(repo["notebooks/a.ipynb"], edited);

        var (code, stdout, stderr) = Cli(repo.Path, "sync");
        Assert.Equal(1, code);
        Assert.Equal(edited, File.ReadAllText(repo["notebooks/a.ipynb"]));
        Assert.Contains("a.ipynb was changed since sync generated it", stderr);
        Assert.Contains("copy it into a.dib", stderr);
        Assert.Contains("sync --force", stderr);
        Assert.DoesNotContain("updated:", stdout);

        (code, stdout, _) = Cli(repo.Path, "sync", "--force");
        Assert.Equal(0, code);
        Assert.Contains("overwritten: a.ipynb", stdout);
        Assert.Equal(NotebookSync.IpynbFromDib(File.ReadAllText(repo["notebooks/a.dib"])), File.ReadAllText(repo["notebooks/a.ipynb"]));
    }

    [Fact]
    public void Sync_still_updates_an_ipynb_it_generated_from_an_older_dib()
    {
        using var repo = RepoWithLesson();
        Assert.Equal(0, Cli(repo.Path, "sync").Code);
        File.WriteAllText(repo["notebooks/a.dib"], DibFormat.Write(new Notebook([Cell.Markdown("# A"), Cell.Code("2 + 2")])));
        var (code, stdout, _) = Cli(repo.Path, "sync");
        Assert.Equal(0, code);
        Assert.Contains("updated:     a.ipynb", stdout);
    }

    [Fact]
    public void Render_refuses_a_folder_holding_files_it_did_not_write_and_never_deletes_them()
    {
        using var repo = RepoWithLesson();
        var site = repo["site"];
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "index.html"), "my own page");
        var (code, stdout, stderr) = Cli(repo.Path, "render", "--output", site);
        Assert.Equal(2, code);
        Assert.Contains("index.html' exists and was not written by render", stderr);
        Assert.DoesNotContain("render: a.dib", stdout); // refused before running anything
        NoStackTrace(stderr);
        Assert.Equal("my own page", File.ReadAllText(Path.Combine(site, "index.html")));

        // A folder render made itself: re-rendering replaces its own files and leaves a user's file alone.
        var fresh = repo["fresh"];
        Assert.Equal(0, Cli(repo.Path, "render", "--output", fresh).Code);
        File.WriteAllText(Path.Combine(fresh, "notes.html"), "mine");
        (code, _, stderr) = Cli(repo.Path, "render", "--output", fresh);
        Assert.True(code == 0, stderr);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(fresh, "notes.html")));
        Assert.True(File.Exists(Path.Combine(fresh, "a.html")));
    }

    [Fact]
    public void Cli_user_errors_are_one_line_without_a_stack_trace()
    {
        using var outside = new TestPaths.TempFolder(); // no .sln anywhere above a temp folder
        var (code, _, stderr) = Cli(outside.Path, "check");
        Assert.Equal(2, code);
        Assert.Contains("ClassicML.Notebooks.sln", stderr);
        NoStackTrace(stderr);

        using var repo = RepoWithLesson();
        (code, _, stderr) = Cli(repo.Path, "run", "notebooks/a.dib", "--timeout", "1e10");
        Assert.Equal(2, code);
        Assert.Contains("--timeout must be", stderr);
        NoStackTrace(stderr);

        (code, var stdout, stderr) = Cli(repo.Path, "run", "notebooks/a.dib", "-o", "x.txt");
        Assert.Equal(2, code);
        Assert.Contains("--output must name an .ipynb file", stderr);
        Assert.DoesNotContain("running", stdout); // rejected before the notebook ran

        File.WriteAllText(repo["blocker"], "a file where a folder should be");
        (code, _, stderr) = Cli(repo.Path, "run", "notebooks/a.dib", "-o", "blocker/out.ipynb");
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        NoStackTrace(stderr);
    }

    [Fact]
    public void A_dib_cell_with_an_unknown_kernel_is_named()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        File.WriteAllText(repo["notebooks/k.dib"], """
            #!meta

            {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}

            #!python

            print("hi")
            """.Replace("\r\n", "\n"));
        var (code, _, stderr) = Cli(repo.Path, "run", "notebooks/k.dib");
        Assert.NotEqual(0, code);
        Assert.Contains("line 5: '#!python' names a kernel this notebook does not declare", stderr);
        Assert.DoesNotContain("not valid JSON", stderr);
    }

    [Fact]
    public void An_ipynb_for_another_kernel_is_refused_with_its_kernel_named()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        var notebook = new Notebook([Cell.Code("print('hi')")]);
        notebook.Metadata["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" };
        File.WriteAllText(repo["notebooks/p.ipynb"], IpynbFormat.Write(notebook));
        var (code, stdout, stderr) = Cli(repo.Path, "run", "notebooks/p.ipynb");
        Assert.Equal(2, code);
        Assert.Contains("kernelspec is 'python3' (Python 3, language python), not the .NET C# kernel", stderr);
        Assert.DoesNotContain("running", stdout);
    }
}
