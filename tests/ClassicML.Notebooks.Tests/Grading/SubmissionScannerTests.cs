using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Grading;

namespace ClassicML.Notebooks.Tests.Grading;

public class SubmissionScannerTests
{
    private static IReadOnlyList<Finding> Scan(Notebook nb) => SubmissionScanner.Scan(nb, GradingFixture.Lesson);

    private static void AssertForbidden(Notebook nb)
    {
        var f = Assert.Single(Scan(nb), x => x.Kind == FindingKind.Forbidden);
        Assert.Equal("9.2", f.ExerciseId);
        Assert.Equal("ClassicML.Regularization.Penalty.SoftThreshold", f.What);
    }

    [Fact]
    public void The_lessons_own_cells_are_not_the_students_code_even_where_they_call_the_forbidden_member()
    {
        // The fixture's "library version" cell calls Penalty.SoftThreshold; it is the lesson's, not the student's.
        Assert.DoesNotContain(Scan(GradingFixture.Solved()), f => f.Kind == FindingKind.Forbidden);
        Assert.Empty(Scan(GradingFixture.Blank()));
        var own = SubmissionScanner.OwnCells(GradingFixture.Solved(), GradingFixture.Lesson);
        Assert.Equal(3, own.Count(x => x)); // the three solution cells differ from the student version
    }

    [Fact]
    public void A_member_one_exercise_forbids_may_be_used_in_another_exercises_solution()
    {
        // 9.3's solution calling Penalty.SoftThreshold answers 9.3, which forbids nothing: 9.2 keeps its points (the
        // real case: lesson 02's 2.3 is meant to call RidgeRegression, which 2.2 forbids). Before attribution, the
        // teacher's own key of lessons 01, 02 and 04 scored 0 on such exercises.
        var nb = GradingFixture.Solved().WithSolution("SumOfOdds",
            "var s = 0; for (var i = 0; i < n; i++) s += 2 * i + 1; return s + (int)ClassicML.Regularization.Penalty.SoftThreshold(0, 1);");
        Assert.DoesNotContain(Scan(nb), f => f.Kind == FindingKind.Forbidden);
    }

    [Fact]
    public void A_helper_in_another_own_cell_that_wraps_the_forbidden_member_is_found_from_the_exercises_solution()
    {
        // 9.1's cell (before 9.2's, as the kernel runs them) now also defines a helper that wraps the member; 9.2's
        // solution calls it. The direct use in 9.1's cell answers 9.1 and is not counted; the call from 9.2's is.
        var nb = GradingFixture.Solved().WithSolution("SquarePlusOne",
            "return x * x + 1;\n}\ndouble Wrap(double z, double t)\n{\n    return ClassicML.Regularization.Penalty.SoftThreshold(z, t);");
        nb = nb.WithSolution("Shrink", "return Wrap(z, t);");
        AssertForbidden(nb);
    }

    [Fact]
    public void A_qualified_call_is_found() =>
        AssertForbidden(GradingFixture.Solved().WithSolution("Shrink", "return ClassicML.Regularization.Penalty.SoftThreshold(z, t);"));

    [Fact]
    public void A_call_through_the_lessons_using_is_found() =>
        AssertForbidden(GradingFixture.Solved().WithSolution("Shrink", "return Penalty.SoftThreshold(z, t);"));

    [Fact]
    public void A_call_through_using_static_is_found_by_the_semantic_model()
    {
        // Text matching of "Penalty.SoftThreshold" cannot see this one: the bare name resolves only semantically.
        var nb = GradingFixture.Solved().WithSolution("Shrink", "return SoftThreshold(z, t);");
        nb.Cells.Insert(nb.Cells.FindIndex(c => c.Source.Contains("double Shrink", StringComparison.Ordinal)), Cell.Code("using static ClassicML.Regularization.Penalty;"));
        AssertForbidden(nb);
    }

    [Fact]
    public void A_call_through_an_alias_is_found()
    {
        var nb = GradingFixture.Solved().WithSolution("Shrink", "return Lib.SoftThreshold(z, t);");
        nb.Cells.Insert(nb.Cells.FindIndex(c => c.Source.Contains("double Shrink", StringComparison.Ordinal)), Cell.Code("using Lib = ClassicML.Regularization.Penalty;"));
        AssertForbidden(nb);
    }

    [Fact]
    public void A_call_through_a_delegate_variable_is_found()
    {
        var nb = GradingFixture.Solved().WithSolution("Shrink", "System.Func<double, double, double> f = global::ClassicML.Regularization.Penalty.SoftThreshold; return f(z, t);");
        AssertForbidden(nb);
    }

    [Fact]
    public void A_call_through_a_helper_the_lesson_defines_is_found()
    {
        // The fixture's lesson gets a helper (as lessons define plotting or fitting helpers) that wraps the library.
        using var repo = new TestPaths.TempFolder(asRepository: true);
        var teacher = NotebookFile.Load(GradingFixture.LessonPath);
        StudentVersion.RebaseReferences(teacher, Path.GetDirectoryName(GradingFixture.LessonPath)!, repo["notebooks"]);
        teacher.Cells.Insert(2, Cell.Code("static double LibraryShrink(double z, double t) => Wrap(z, t);\nstatic double Wrap(double z, double t) => Penalty.SoftThreshold(z, t);"));
        NotebookFile.Save(teacher, repo["notebooks/09-grading-fixture.dib"]);
        var lesson = GradingLesson.Load(repo["notebooks/09-grading-fixture.dib"]);
        var solved = lesson.Teacher.CloneWithoutOutputs();
        solved.Cells.RemoveAll(HiddenTestCell.IsHiddenTestCell);
        Assert.DoesNotContain(SubmissionScanner.Scan(solved, lesson), f => f.Kind == FindingKind.Forbidden);
        solved.WithSolution("Shrink", "return LibraryShrink(z, t);");
        var f = Assert.Single(SubmissionScanner.Scan(solved, lesson), x => x.Kind == FindingKind.Forbidden);
        Assert.Contains("through the lesson's LibraryShrink", f.Message);
        // Showing the helper's result, or using a lesson variable computed with the library, is not forbidden.
        var shown = lesson.Teacher.CloneWithoutOutputs();
        shown.Cells.RemoveAll(HiddenTestCell.IsHiddenTestCell);
        shown.Cells.Insert(3, Cell.Code("var reference = LibraryShrink(2, 0.5);"));
        teacher.Cells.Insert(3, Cell.Code("var reference = LibraryShrink(2, 0.5);"));
        NotebookFile.Save(teacher, repo["notebooks/09-grading-fixture.dib"]);
        lesson = GradingLesson.Load(repo["notebooks/09-grading-fixture.dib"]);
        shown.AddCell("Console.WriteLine(LibraryShrink(3, 0.5));\nConsole.WriteLine(reference - Shrink(2, 0.5));\nLibraryShrink(4, 0.5)");
        Assert.DoesNotContain(SubmissionScanner.Scan(shown, lesson), x => x.Kind == FindingKind.Forbidden);
    }

    [Fact]
    public void An_unrelated_member_with_the_same_name_is_not_forbidden()
    {
        var nb = GradingFixture.Solved().WithSolution("Shrink", "return Mine.SoftThreshold(z, t);");
        nb.Cells.Insert(2, Cell.Code("static class Mine { public static double SoftThreshold(double z, double t) => z > t ? z - t : z < -t ? z + t : 0; }"));
        Assert.DoesNotContain(Scan(nb), f => f.Kind == FindingKind.Forbidden);
    }

    [Fact]
    public void Editing_the_lessons_library_cell_is_not_a_forbidden_use_but_adding_a_call_there_is()
    {
        var edited = GradingFixture.Solved().ReplaceCell("Penalty.SoftThreshold(2, 0.5)", "// trying it\nPenalty.SoftThreshold(2, 0.5)");
        Assert.DoesNotContain(Scan(edited), f => f.Kind == FindingKind.Forbidden);
        var added = GradingFixture.Solved().ReplaceCell("Penalty.SoftThreshold(2, 0.5)", "var kept = Penalty.SoftThreshold(3, 0.5);\nPenalty.SoftThreshold(2, 0.5)");
        Assert.Single(Scan(added), f => f.Kind == FindingKind.Forbidden);
    }

    [Theory]
    [InlineData("Penalty.SoftThreshold(2, 0.5)")]
    [InlineData("Console.WriteLine(Penalty.SoftThreshold(2, 0.5));")]
    [InlineData("Console.WriteLine($\"library: {Penalty.SoftThreshold(2, 0.5)}, mine: {Shrink(2, 0.5)}\");")]
    public void Comparing_with_the_library_on_screen_is_not_a_forbidden_use(string added) =>
        Assert.DoesNotContain(Scan(GradingFixture.Solved().AddCell(added)), f => f.Kind == FindingKind.Forbidden);

    [Theory]
    [InlineData("var lib = Penalty.SoftThreshold(2, 0.5);")]
    [InlineData("Console.WriteLine(Keep(Penalty.SoftThreshold(2, 0.5)));\ndouble Keep(double v) => v;")]
    [InlineData("var fs = new List<Func<double, double, double>>();\nfs.Add(Penalty.SoftThreshold);")]
    [InlineData("Penalty.SoftThreshold(2, 0.5);")]
    public void A_library_result_that_code_can_keep_is_a_forbidden_use(string added) =>
        Assert.Single(Scan(GradingFixture.Solved().AddCell(added)), f => f.Kind == FindingKind.Forbidden);

    [Theory]
    [InlineData("System.Environment.Exit(0);", "Environment.Exit")]
    [InlineData("Environment.FailFast(\"x\");", "FailFast")]
    [InlineData("Console.SetOut(new System.IO.StringWriter());", "Console.SetOut")]
    [InlineData("var m = typeof(string).GetMethod(\"Trim\", new System.Type[0]);", "reflection")]
    [InlineData("System.Diagnostics.Process.GetCurrentProcess().Kill();", "System.Diagnostics.Process")]
    [InlineData("var d = AppDomain.CurrentDomain;", "AppDomain")]
    [InlineData("var c = System.Runtime.Loader.AssemblyLoadContext.Default;", "AssemblyLoadContext")]
    [InlineData("ClassicML.Exercises.HiddenTest.Part(\"9.1\", 3, \"x\", () => null);", "hidden-test API")]
    [InlineData("Exercise.Strict = false;", "Exercise.Strict")]
    [InlineData("static class HiddenTest { }", "HiddenTest")]
    public void Attacks_on_grading_are_reported(string code, string mentioned)
    {
        var findings = Scan(GradingFixture.Solved().AddCell(code));
        Assert.Contains(findings, f => f.Kind == FindingKind.Suspicious && f.Message.Contains(mentioned, StringComparison.Ordinal));
    }

    [Fact]
    public void A_setup_cell_whose_reference_points_elsewhere_is_still_the_lessons()
    {
        // The student bundle (assign) rewrites the setup cell's #r to its own copy of ClassicML.dll.
        var nb = GradingFixture.Blank();
        var setup = nb.Cells.First(c => c.Kind == CellKind.Code);
        setup.Source = setup.Source.Replace("../../../../artifacts/bin/ClassicML/debug/ClassicML.dll", "../lib/ClassicML.dll", StringComparison.Ordinal);
        Assert.Contains("../lib/ClassicML.dll", setup.Source);
        Assert.DoesNotContain(true, SubmissionScanner.OwnCells(nb, GradingFixture.Lesson));
        Assert.Empty(Scan(nb));
        // It is not run as written: the grader loads the teacher's ClassicML.dll.
        Assert.DoesNotContain("../lib/ClassicML.dll", SubmissionScanner.StripForeignDirectives(setup.Source, GradingFixture.Lesson).Code);
    }

    [Fact]
    public void A_directive_the_lesson_does_not_have_is_removed_and_reported()
    {
        var lesson = GradingFixture.Lesson;
        var (code, removed) = SubmissionScanner.StripForeignDirectives("#r \"/tmp/evil/ClassicML.dll\"\n#r \"nuget: MathNet.Numerics, 5.0.0\"\nvar a = 1;", lesson);
        Assert.Equal("\n#r \"nuget: MathNet.Numerics, 5.0.0\"\nvar a = 1;", code);
        Assert.Equal([(1, "#r \"/tmp/evil/ClassicML.dll\"")], removed);
        Assert.Contains(Scan(GradingFixture.Solved().AddCell("#r \"/tmp/evil/ClassicML.dll\"\nvar b = 2;")), f => f.Kind == FindingKind.Directive);
    }
}
