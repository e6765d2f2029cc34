using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Tests;

/// <summary>The lessons in notebooks/: files round-trip, the .ipynb is what sync makes, and every lesson runs.</summary>
[Collection("notebook runs")]
public class NotebookFolderTests
{
    private static string PathOf(string name) => Path.Combine(TestPaths.Notebooks, name);

    [Fact]
    public void The_pilot_notebook_and_its_ipynb_exist()
    {
        Assert.True(File.Exists(PathOf("00-setup.dib")));
        Assert.True(File.Exists(PathOf("00-setup.ipynb")));
    }

    [Theory]
    [MemberData(nameof(TestPaths.DibNotebooks), MemberType = typeof(TestPaths))]
    public void Dib_round_trips_byte_for_byte(string name)
    {
        var text = File.ReadAllText(PathOf(name));
        Assert.Equal(text, DibFormat.Write(DibFormat.Parse(text)));
        Assert.DoesNotContain("\r\n", text); // the convention: \n line endings
    }

    [Theory]
    [MemberData(nameof(TestPaths.IpynbNotebooks), MemberType = typeof(TestPaths))]
    public void Ipynb_validates_round_trips_and_equals_what_sync_makes_from_its_dib(string name)
    {
        var path = PathOf(name);
        var text = File.ReadAllText(path);
        Assert.Empty(NbformatValidator.Validate(text));
        Assert.Equal(text, IpynbFormat.Write(IpynbFormat.Parse(text)));
        var dib = Path.ChangeExtension(path, ".dib");
        Assert.True(File.Exists(dib), $"{name} has no .dib source beside it.");
        Assert.True(NotebookSync.IpynbFromDib(File.ReadAllText(dib)) == text,
            $"{name} is out of step with its .dib: run `dotnet run --project lib/ClassicML.Notebooks -- sync`.");
    }

    [Theory]
    [MemberData(nameof(TestPaths.DibNotebooks), MemberType = typeof(TestPaths))]
    public void Every_lesson_executes_without_error_with_strict_exercise_checks(string name)
    {
        var result = NotebookRunner.RunFile(PathOf(name), new RunOptions { StrictExercises = true });
        Assert.True(result.Succeeded, result.FirstError);
        Assert.Empty(NbformatValidator.Validate(IpynbFormat.Write(result.Notebook)));
    }

    [Theory]
    [MemberData(nameof(TestPaths.DibNotebooks), MemberType = typeof(TestPaths))]
    public void Student_version_has_no_solutions_and_its_checks_say_not_done_yet(string name)
    {
        var lesson = NotebookFile.Load(PathOf(name));
        var student = StudentVersion.Create(lesson, name);
        var ids = StudentVersion.ExerciseIds(lesson);
        var code = student.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        Assert.All(code, c => Assert.DoesNotContain("BEGIN SOLUTION", c.Source));
        Assert.All(code, c => Assert.DoesNotContain("END SOLUTION", c.Source));
        var result = NotebookRunner.Run(student, PathOf(name)); // not strict: checks report, they do not throw
        Assert.True(result.Succeeded, result.FirstError);
        var shown = string.Join("\n", result.Notebook.Cells.SelectMany(c => c.Outputs)
            .Select(o => o switch { ExecuteResultOutput r => r.Data, DisplayDataOutput d => d.Data, _ => new MimeBundle() })
            .Select(b => b["text/plain"] ?? b["text/html"] ?? "")); // the kernel shows a check result as HTML only
        foreach (var id in ids)
            Assert.Contains($"Exercise {id}", shown);
        // Every exercise reports "not done yet": once when its check cell shows one verdict, at most once per visible
        // check call when it shows several. The teacher's hidden-test cells are not in the student version.
        Assert.DoesNotContain(student.Cells, StudentVersion.IsHiddenTestCell);
        int checks = lesson.Cells.Where(c => c.Kind == CellKind.Code && !StudentVersion.IsHiddenTestCell(c))
            .Sum(c => System.Text.RegularExpressions.Regex.Matches(c.Source, @"\bExercise\.Check\w*\(").Count);
        Assert.True(checks >= ids.Distinct().Count(), $"{name} has fewer check calls ({checks}) than exercises ({ids.Distinct().Count()}).");
        foreach (var id in ids.Distinct())
            Assert.Matches($@"Exercise {System.Text.RegularExpressions.Regex.Escape(id)}(</strong>)? not done yet", shown);
        Assert.InRange(System.Text.RegularExpressions.Regex.Matches(shown, "not done yet").Count, ids.Distinct().Count(), checks);
        Assert.DoesNotContain("✔ Exercise", shown);
    }
}
