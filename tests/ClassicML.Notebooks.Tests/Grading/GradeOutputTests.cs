using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Grading;

namespace ClassicML.Notebooks.Tests.Grading;

/// <summary>Where grade refuses to write, user errors on the command line, and the gradebook's CSV; no notebook runs.</summary>
public class GradeOutputTests
{
    private static (int Code, string Out, string Err) Cli(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, workingDirectory));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A repository with the fixture lesson as notebooks/09-grading-fixture.dib and one submission.</summary>
    private static TestPaths.TempFolder Repo()
    {
        var repo = new TestPaths.TempFolder(asRepository: true);
        // The fixture's #r path is relative to its folder: point it at the real ClassicML.dll from the copy.
        var lesson = NotebookFile.Load(GradingFixture.LessonPath);
        StudentVersion.RebaseReferences(lesson, Path.GetDirectoryName(GradingFixture.LessonPath)!, repo["notebooks"]);
        NotebookFile.Save(lesson, repo["notebooks/09-grading-fixture.dib"]);
        Directory.CreateDirectory(repo["subs"]);
        NotebookFile.Save(GradingFixture.Blank(), repo["subs/alice.ipynb"]);
        return repo;
    }

    [Theory]
    [InlineData("notebooks", "notebooks/")]
    [InlineData("notebooks/grades", "notebooks/")]
    [InlineData("lib", "lib/")]
    [InlineData("tests/x", "tests/")]
    [InlineData("data", "data/")]
    [InlineData(".", "repository's root")]
    [InlineData("subs", "submissions")]
    public void Refuses_to_write_among_the_sources_or_the_submissions(string output, string said)
    {
        using var repo = Repo();
        var before = Directory.GetFiles(repo.Path, "*", SearchOption.AllDirectories).Length;
        var (code, _, err) = Cli(repo.Path, "grade", "subs", "--lesson", "9", "--output", output);
        Assert.Equal(2, code);
        Assert.Contains(said, err);
        Assert.Single(err.Trim().Split('\n')); // one line, no stack trace
        Assert.Equal(before, Directory.GetFiles(repo.Path, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void Refuses_a_folder_holding_files_it_did_not_write()
    {
        using var repo = Repo();
        Directory.CreateDirectory(repo["out"]);
        File.WriteAllText(repo["out/notes.txt"], "mine");
        var (code, _, err) = Cli(repo.Path, "grade", "subs", "--lesson", "9", "--output", "out");
        Assert.Equal(2, code);
        Assert.Contains("notes.txt", err);
        Assert.Equal("mine", File.ReadAllText(repo["out/notes.txt"]));
    }

    [Fact]
    public void A_folder_written_by_grade_may_be_written_again()
    {
        using var repo = Repo();
        var grades = new[] { Grade("alice", 3, "passed", "") };
        var lesson = GradingLesson.Load(repo["notebooks/09-grading-fixture.dib"]);
        GradeReport.Write(repo["out"], lesson, grades, repo.Path, repo["subs"]);
        Assert.True(File.Exists(repo["out/gradebook.csv"]));
        Assert.True(File.Exists(repo["out/feedback/alice.html"]));
        // A second run with another class replaces grade's own files and drops a student who is gone.
        GradeReport.Write(repo["out"], lesson, [Grade("bob", 1, "partial", "at zero: wrong")], repo.Path, repo["subs"]);
        Assert.False(File.Exists(repo["out/feedback/alice.html"]));
        Assert.True(File.Exists(repo["out/feedback/bob.html"]));
        Assert.DoesNotContain(Directory.GetFiles(repo["out"], "*.tmp", SearchOption.AllDirectories), _ => true);
    }

    [Theory]
    [InlineData(new[] { "grade", "nowhere", "--lesson", "9" }, "no folder at")]
    [InlineData(new[] { "grade", "subs", "--lesson", "42" }, "no such lesson")]
    [InlineData(new[] { "grade", "subs" }, "--lesson")]
    [InlineData(new[] { "grade", "subs", "--lesson", "9", "--timeout", "0" }, "--timeout")]
    [InlineData(new[] { "grade", "subs", "--lesson", "9", "--jobs", "0" }, "--jobs")]
    public void User_errors_are_one_line_with_a_non_zero_exit(string[] args, string said)
    {
        using var repo = Repo();
        var (code, _, err) = Cli(repo.Path, args);
        Assert.NotEqual(0, code);
        Assert.Contains(said, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void A_malformed_hidden_test_header_names_the_notebook_and_the_cell()
    {
        using var repo = Repo();
        var nb = NotebookFile.Load(repo["notebooks/09-grading-fixture.dib"]);
        var index = nb.Cells.FindIndex(c => c.Source.StartsWith("// HIDDEN TESTS 9.2", StringComparison.Ordinal));
        nb.Cells[index].Source = nb.Cells[index].Source.Replace("points=2", "points=two", StringComparison.Ordinal);
        NotebookFile.Save(nb, repo["notebooks/09-grading-fixture.dib"]);
        var (code, _, err) = Cli(repo.Path, "grade", "subs", "--lesson", "9");
        Assert.Equal(2, code);
        Assert.Contains($"09-grading-fixture.dib: cell {index + 1}: the hidden-test header", err);
    }

    [Theory]
    [InlineData("// HIDDEN TESTS 9 points=2")]
    [InlineData("// HIDDEN TESTS 9.2 points=0")]
    [InlineData("// HIDDEN TESTS 9.2 points=2 forbid=Penalty SoftThreshold")]
    [InlineData("// HIDDEN TESTS 9.2 points=2 forbid=ClassicML..X")]
    public void Header_validation(string header)
    {
        var cell = Cell.Code(header + "\nglobal::ClassicML.Exercises.HiddenTest.Part(\"9.2\", 2, \"x\", () => null);");
        Assert.Throws<FormatException>(() => HiddenTestCell.Parse(cell, 5, "l.dib"));
    }

    [Fact]
    public void A_header_with_a_forbid_list_parses()
    {
        var h = HiddenTestCell.Parse(Cell.Code("// HIDDEN TESTS 2.3 points=3 forbid=ClassicML.Regularization.Penalty.SoftThreshold,ClassicML.Regularization.CrossValidation\n"
                                               + "global::ClassicML.Exercises.HiddenTest.Part(\"2.3\", 3, \"x\", () => null);"), 7, "l.dib");
        Assert.Equal(("2.3", 3), (h.ExerciseId, h.Points));
        Assert.Equal(["ClassicML.Regularization.Penalty.SoftThreshold", "ClassicML.Regularization.CrossValidation"], h.Forbidden);
    }

    [Fact]
    public void The_grading_code_keeps_the_teachers_line_numbers_and_returns_the_token()
    {
        var h = GradingFixture.Lesson.HiddenTests[0];
        var code = h.GradingCode("ABCDEF0123456789ABCDEF0123456789");
        Assert.Equal(h.Source.Split('\n').Length + 1, code.Split('\n').Length);
        Assert.EndsWith("global::System.Tuple.Create(\"ABCDEF0123456789ABCDEF0123456789\", __grade_parts_ABCDEF0123456789ABCDEF0123456789.ToArray())", code);
        Assert.StartsWith("global::ClassicML.Exercises.Exercise.Strict = false;", code);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(code, "__grade_collect_ABCDEF0123456789ABCDEF0123456789\\(global::ClassicML.Exercises.HiddenTest.Part").Count);
    }

    [Fact]
    public void Submissions_are_one_file_or_one_folder_per_student()
    {
        using var folder = new TestPaths.TempFolder();
        NotebookFile.Save(GradingFixture.Blank(), folder["alice.ipynb"]);
        NotebookFile.Save(GradingFixture.Blank(), folder["bob/09-grading-fixture.dib"]);
        NotebookFile.Save(GradingFixture.Blank(), folder["bob/scratch.ipynb"]);
        NotebookFile.Save(GradingFixture.Blank(), folder["carol/mine.ipynb"]);
        NotebookFile.Save(GradingFixture.Blank(), folder["dave/a.ipynb"]);
        NotebookFile.Save(GradingFixture.Blank(), folder["dave/b.ipynb"]);
        File.WriteAllText(folder["notes.txt"], "not a notebook");
        var found = Grader.FindSubmissions(folder.Path, "09-grading-fixture");
        Assert.Equal(["alice", "bob", "carol", "dave"], found.Select(s => s.Student));
        Assert.Equal(folder["bob/09-grading-fixture.dib"], found[1].Path); // the one named like the lesson
        Assert.Equal(folder["carol/mine.ipynb"], found[2].Path);          // the only notebook
        Assert.Equal(folder["dave"], found[3].Path);                       // two others: cannot tell, graded as an error
        var dave = Grader.Grade(found[3], GradingFixture.Lesson, new GradeOptions());
        Assert.NotNull(dave.Error);
        Assert.Equal(0, dave.Points);
        Assert.All(dave.Exercises, e => Assert.Equal(ExerciseStatus.NotRun, e.Status));
        NotebookFile.Save(GradingFixture.Blank(), folder["alice/09-grading-fixture.dib"]);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => Grader.FindSubmissions(folder.Path, "09-grading-fixture")).Message);
    }

    [Fact]
    public void A_notebook_for_another_kernel_is_not_run_and_its_total_row_says_why()
    {
        using var folder = new TestPaths.TempFolder();
        var python = new Notebook([Cell.Code("print('hi')")]);
        python.Metadata["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" };
        NotebookFile.Save(python, folder["eve.ipynb"]);
        var grade = Grader.Grade(new Submission("eve", folder["eve.ipynb"]), GradingFixture.Lesson, new GradeOptions());
        Assert.Contains("python3", grade.Error);
        Assert.Contains("eve,total,0,7,error,", GradeReport.Csv([grade]));
    }

    [Fact]
    public void The_gradebook_csv_quotes_fields_and_defuses_formulas()
    {
        var csv = GradeReport.Csv([
            Grade("o\"neil, jr", 2, "partial", "=HYPERLINK(\"x\")"),
            new SubmissionGrade("eve", "eve.ipynb", [new ExerciseGrade("9.1", 0, 3, ExerciseStatus.NotRun, "unreadable", [])], [], [], "eve.ipynb: not JSON", TimeSpan.Zero),
        ]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("student,exercise,points,max,status,message", lines[0]);
        Assert.Equal(["o\"neil, jr", "9.1", "2", "3", "partial", "'=HYPERLINK(\"x\")"], GradedClass.CsvFields(lines[1]));
        Assert.Equal(["o\"neil, jr", "total", "2", "3", "graded", ""], GradedClass.CsvFields(lines[2]));
        Assert.Equal(["eve", "total", "0", "3", "error", "eve.ipynb: not JSON"], GradedClass.CsvFields(lines[4]));
        Assert.Equal(5, lines.Length);
    }

    private static SubmissionGrade Grade(string student, int points, string status, string message) =>
        new(student, student + ".ipynb", [new ExerciseGrade("9.1", points, 3, status, message, [])], [], [], null, TimeSpan.Zero);
}
