using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Tests;

public class ExerciseSummaryTests
{
    private static Cell Ran(string source, params CellOutput[] outputs)
    {
        var cell = Cell.Code(source);
        cell.Outputs.AddRange(outputs);
        return cell;
    }

    private static DisplayDataOutput Html(string html) => new(new MimeBundle([new MimeValue("text/html", html)]));

    [Fact]
    public void Every_exercise_gets_its_verdict_from_the_outputs_and_hidden_points_are_counted()
    {
        var passed = ClassicML.Exercises.Exercise.CheckEqual("1.1", () => 1, 1);
        var notDone = new ClassicML.Exercises.CheckResult("1.3", ClassicML.Exercises.CheckOutcome.NotDone, "not done yet — replace the `throw`.");
        var nb = new Notebook([
            Ran("Exercise.CheckEqual(\"1.1\", () => F(), 1)", new ExecuteResultOutput(new MimeBundle([new MimeValue("text/html", passed.ToHtml())]), 1)),
            Ran("// HIDDEN TESTS 1.1 points=3\nHiddenTest.Part(…);", new StreamOutput("stdout", "✔ 1.1 · small inputs · 2/2\n✔ 1.1 · large inputs · 1/1\n")),
            Ran("Exercise.CheckClose(\"1.2\", () => G(), 2.0)", new ExecuteResultOutput(new MimeBundle([new MimeValue("text/plain", "✘ Exercise 1.2: expected 2 but got 3 (|difference| 1 > allowed 2e-09). Hint: h")]), 2)),
            Ran("// HIDDEN TESTS 1.2 points=2", new StreamOutput("stdout", "✘ 1.2 · at zero · 0/2 — expected 0 but got 1.\n")),
            // An HTML box written before data-outcome existed still reads as not done.
            Ran("Exercise.Check(\"1.3\", () => H())", Html(notDone.ToHtml().Replace(" data-exercise=\"1.3\" data-outcome=\"not-done\"", ""))),
            Ran("Exercise.CheckClose(\"1.4\", () => K(), 1.0)", new ErrorOutput("ExerciseFailedException", "✘ Exercise 1.4: expected 1 but got 0.", [])),
            Ran("Exercise.CheckClose(\"1.5\", () => L(), 1.0)"), // never ran
            Ran("Exercise.CheckEqual(\"1.6\", () => 1, 1); Exercise.CheckEqual(\"1.6\", () => 2, 2)",
                Html(ClassicML.Exercises.Exercise.CheckEqual("1.6", () => 1, 1).ToHtml()),
                Html(new ClassicML.Exercises.CheckResult("1.6", ClassicML.Exercises.CheckOutcome.Threw, "your code threw X: y").ToHtml())),
        ]);
        var lines = ExerciseSummary.Read(nb);
        Assert.Equal(new[] { "1.1", "1.2", "1.3", "1.4", "1.5", "1.6" }, lines.Select(l => l.Id));
        Assert.Equal(new[] { ExerciseStatus.Passed, ExerciseStatus.Failed, ExerciseStatus.NotDone, ExerciseStatus.Failed, ExerciseStatus.NotRun, ExerciseStatus.Failed },
            lines.Select(l => l.Status));
        Assert.Equal((3, 3), (lines[0].HiddenPoints!.Value, lines[0].HiddenMaxPoints!.Value));
        Assert.Equal((0, 2), (lines[1].HiddenPoints!.Value, lines[1].HiddenMaxPoints!.Value));
        Assert.StartsWith("expected 2 but got 3", lines[1].Message);
        Assert.DoesNotContain("Hint", lines[1].Message);
        Assert.Equal("expected 1 but got 0.", lines[3].Message);
        Assert.Equal("your code threw X: y", lines[5].Message);

        var text = ExerciseSummary.Format(lines);
        Assert.Equal("exercises: 1 passed, 3 failed, 1 not done, 1 not run; hidden tests: 3/5 points", text[0]);
        Assert.Equal("  ✔ 1.1   passed · hidden tests: 3/3 points", text[1]);
        Assert.Equal("  … 1.3   not done yet", text[3]);
        Assert.Equal("  ? 1.5   not run", text[5]);
    }

    [Fact]
    public void A_notebook_without_exercises_has_no_summary()
    {
        Assert.Empty(ExerciseSummary.Format(ExerciseSummary.Read(new Notebook([Ran("1 + 1", new ExecuteResultOutput(new MimeBundle([new MimeValue("text/plain", "2")]), 1))]))));
    }
}
