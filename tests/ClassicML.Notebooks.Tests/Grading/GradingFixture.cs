using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Grading;

namespace ClassicML.Notebooks.Tests.Grading;

/// <summary>
/// The small teacher lesson under Fixtures/grading (three exercises: 9.1 with two parts worth 1 and 2 points, 9.2 with
/// forbid=ClassicML.Regularization.Penalty.SoftThreshold, 9.3 a loop) and submissions generated from it.
/// </summary>
internal static class GradingFixture
{
    public static string LessonPath { get; } = Path.Combine(TestPaths.Root, "tests", "ClassicML.Notebooks.Tests", "Fixtures", "grading", "09-grading-fixture.dib");

    public static GradingLesson Lesson => GradingLesson.Load(LessonPath);

    /// <summary>The teacher's notebook without its hidden-test cells: what a student who solved everything hands in.</summary>
    public static Notebook Solved()
    {
        var nb = NotebookFile.Load(LessonPath).CloneWithoutOutputs();
        nb.Cells.RemoveAll(HiddenTestCell.IsHiddenTestCell);
        return nb;
    }

    /// <summary>The student version: every solution replaced by a throw.</summary>
    public static Notebook Blank() => GradingLesson.Load(LessonPath).StudentVersion.CloneWithoutOutputs();

    /// <summary><paramref name="nb"/> with the body of exercise <paramref name="function"/>'s solution replaced by <paramref name="body"/>.</summary>
    public static Notebook WithSolution(this Notebook nb, string function, string body)
    {
        var cell = nb.Cells.Single(c => c.Kind == CellKind.Code && Regex.IsMatch(c.Source, $@"^\w+ {function}\(", RegexOptions.Multiline));
        var open = cell.Source.IndexOf('{');
        cell.Source = cell.Source[..(open + 1)] + "\n    " + body + "\n}";
        return nb;
    }

    /// <summary><paramref name="nb"/> with the code cell holding <paramref name="contains"/> replaced by <paramref name="source"/>.</summary>
    public static Notebook ReplaceCell(this Notebook nb, string contains, string source)
    {
        nb.Cells.Single(c => c.Kind == CellKind.Code && c.Source.Contains(contains, StringComparison.Ordinal)).Source = source;
        return nb;
    }

    /// <summary><paramref name="nb"/> with a code cell added after the one holding <paramref name="after"/> (at the end when null).</summary>
    public static Notebook AddCell(this Notebook nb, string source, string? after = null)
    {
        var index = after is null ? nb.Cells.Count : nb.Cells.FindIndex(c => c.Source.Contains(after, StringComparison.Ordinal)) + 1;
        nb.Cells.Insert(index, Cell.Code(source));
        return nb;
    }

    /// <summary>Wrong answers to all three exercises (each runs and returns a wrong value).</summary>
    public static Notebook Wrong() => Solved()
        .WithSolution("SquarePlusOne", "return x * x;")
        .WithSolution("Shrink", "return z;")
        .WithSolution("SumOfOdds", "return n * n + 1;");
}
