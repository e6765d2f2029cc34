using ClassicML.Notebooks.Grading;

namespace ClassicML.Notebooks.Tests.Grading;

/// <summary>
/// The teacher's own solutions must score full marks under the grader (the same check <c>grade</c> makes before it
/// grades a class): here the grader tests' fixture lesson. Every lesson in notebooks/ with hidden-test cells gets the
/// same check (and these assertions) in <see cref="WrongAnswerTests"/>, before its wrong answers are graded, so each
/// lesson's key runs once per test run.
/// </summary>
[Collection("notebook runs")]
public class TeacherKeyTests
{
    [Fact]
    public void The_teachers_solutions_get_full_marks()
    {
        var lesson = GradingFixture.Lesson;
        var grade = Grader.ValidateKey(lesson, new GradeOptions { Jobs = 1 });
        Assert.Null(grade.Error);
        Assert.Equal(lesson.MaxPoints, grade.Points);
        Assert.All(grade.Exercises, e => Assert.Equal(ExerciseStatus.Passed, e.Status));
        // Every exercise's parts add up to its points= (ValidateKey checks it; this says so for the reader).
        Assert.All(lesson.HiddenTests, h => Assert.Equal(h.Points, grade.Exercises.Single(e => e.Id == h.ExerciseId).Parts.Sum(p => p.Max)));
        // The teacher's solutions use no member their exercise forbids and nothing that attacks grading.
        Assert.Empty(grade.Findings);
    }

    [Fact]
    public void A_hidden_cell_whose_parts_do_not_add_up_to_its_points_is_named()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        var nb = Documents.NotebookFile.Load(GradingFixture.LessonPath);
        Documents.StudentVersion.RebaseReferences(nb, Path.GetDirectoryName(GradingFixture.LessonPath)!, repo["notebooks"]);
        var index = nb.Cells.FindIndex(c => c.Source.StartsWith("// HIDDEN TESTS 9.3 points=2", StringComparison.Ordinal));
        nb.Cells[index].Source = nb.Cells[index].Source.Replace("points=2", "points=4", StringComparison.Ordinal);
        Documents.NotebookFile.Save(nb, repo["notebooks/09-grading-fixture.dib"]);
        var e = Assert.Throws<FormatException>(() => Grader.ValidateKey(GradingLesson.Load(repo["notebooks/09-grading-fixture.dib"]), new GradeOptions { Jobs = 1 }));
        Assert.Contains($"09-grading-fixture.dib: cell {index + 1}: hidden tests 9.3 declare points=4 but their parts add up to 2", e.Message);
    }
}
