using ClassicML.Exercises;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Exercises;

/// <summary>
/// A hint reaches the student only after a failed attempt: never with a pass, never while the exercise is not done,
/// in every form a check result is shown (plain text, HTML, the strict-mode exception).
/// </summary>
[Collection(StrictModeCollection.Name)]
public sealed class HintVisibilityTests : IDisposable
{
    private const string Hint = "SECRET-HINT-the-answer-is-near";

    public HintVisibilityTests() => Exercise.Strict = false;

    public void Dispose() => Exercise.Strict = null;

    private static T NotDone<T>() => throw new NotImplementedException("Exercise 9.1");

    /// <summary>Each kind of check, run on a right answer, on an unfinished one and on a wrong one.</summary>
    public static TheoryData<string> Kinds => new() { "Check", "CheckClose", "CheckClose vector", "CheckClose array", "CheckClose matrix", "CheckFunction", "CheckEqual", "CheckSequence" };

    private static CheckResult Run(string kind, string answer)
    {
        var v = Vector<double>.Build.Dense([1.0, 2.0]);
        var m = Matrix<double>.Build.DenseIdentity(2);
        return (kind, answer) switch
        {
            ("Check", "right") => Exercise.Check("9.1", () => true, Hint),
            ("Check", "wrong") => Exercise.Check("9.1", () => false, Hint),
            ("Check", _) => Exercise.Check("9.1", NotDone<bool>, Hint),
            ("CheckClose", "right") => Exercise.CheckClose("9.1", () => 2.0, 2.0, hint: Hint),
            ("CheckClose", "wrong") => Exercise.CheckClose("9.1", () => 3.0, 2.0, hint: Hint),
            ("CheckClose", _) => Exercise.CheckClose("9.1", NotDone<double>, 2.0, hint: Hint),
            ("CheckClose vector", "right") => Exercise.CheckClose("9.1", () => v, v, hint: Hint),
            ("CheckClose vector", "wrong") => Exercise.CheckClose("9.1", () => 2 * v, v, hint: Hint),
            ("CheckClose vector", _) => Exercise.CheckClose("9.1", NotDone<Vector<double>>, v, hint: Hint),
            ("CheckClose array", "right") => Exercise.CheckClose("9.1", () => new[] { 1.0 }, [1.0], hint: Hint),
            ("CheckClose array", "wrong") => Exercise.CheckClose("9.1", () => new[] { 5.0 }, [1.0], hint: Hint),
            ("CheckClose array", _) => Exercise.CheckClose("9.1", NotDone<double[]>, [1.0], hint: Hint),
            ("CheckClose matrix", "right") => Exercise.CheckClose("9.1", () => m, m, hint: Hint),
            ("CheckClose matrix", "wrong") => Exercise.CheckClose("9.1", () => 3 * m, m, hint: Hint),
            ("CheckClose matrix", _) => Exercise.CheckClose("9.1", NotDone<Matrix<double>>, m, hint: Hint),
            ("CheckFunction", "right") => Exercise.CheckFunction("9.1", x => x * x, x => x * x, [1.0, 2.0], hint: Hint),
            ("CheckFunction", "wrong") => Exercise.CheckFunction("9.1", x => x, x => x * x, [1.0, 2.0], hint: Hint),
            ("CheckFunction", _) => Exercise.CheckFunction("9.1", _ => NotDone<double>(), x => x * x, [1.0, 2.0], hint: Hint),
            ("CheckEqual", "right") => Exercise.CheckEqual("9.1", () => 4, 4, Hint),
            ("CheckEqual", "wrong") => Exercise.CheckEqual("9.1", () => 5, 4, Hint),
            ("CheckEqual", _) => Exercise.CheckEqual("9.1", NotDone<int>, 4, Hint),
            ("CheckSequence", "right") => Exercise.CheckSequence("9.1", () => new[] { 1, 2 }, [1, 2], Hint),
            ("CheckSequence", "wrong") => Exercise.CheckSequence("9.1", () => new[] { 2, 1 }, [1, 2], Hint),
            _ => Exercise.CheckSequence("9.1", NotDone<IEnumerable<int>>, [1, 2], Hint),
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_hint_shows_after_a_failed_attempt_only(string kind)
    {
        var right = Run(kind, "right");
        Assert.Equal(CheckOutcome.Passed, right.Outcome);
        Assert.DoesNotContain(Hint, right.ToString());
        Assert.DoesNotContain(Hint, right.ToHtml());

        var notDone = Run(kind, "not done");
        Assert.Equal(CheckOutcome.NotDone, notDone.Outcome);
        Assert.DoesNotContain(Hint, notDone.ToString());
        Assert.DoesNotContain(Hint, notDone.ToHtml());
        Assert.Contains("not done yet", notDone.ToString());

        var wrong = Run(kind, "wrong");
        Assert.Equal(CheckOutcome.Failed, wrong.Outcome);
        Assert.Contains(Hint, wrong.ToString());
        Assert.Contains(Hint, wrong.ToHtml());

        // In strict mode (the teacher's check) an unfinished exercise fails without giving the hint away either.
        Exercise.Strict = true;
        var thrown = Assert.Throws<ExerciseFailedException>(() => Run(kind, "not done"));
        Assert.DoesNotContain(Hint, thrown.Message);
    }

    [Fact]
    public void The_html_box_names_the_exercise_and_its_outcome_for_tools()
    {
        Assert.Contains("data-exercise=\"9.1\" data-outcome=\"passed\"", Run("Check", "right").ToHtml());
        Assert.Contains("data-exercise=\"9.1\" data-outcome=\"not-done\"", Run("Check", "not done").ToHtml());
        Assert.Contains("data-exercise=\"9.1\" data-outcome=\"failed\"", Run("Check", "wrong").ToHtml());
        Assert.Contains("data-outcome=\"threw\"", Exercise.Check("9.1", () => throw new InvalidOperationException("x")).ToHtml());
    }

    [Fact]
    public void A_hidden_test_part_writes_its_line_for_the_run_summary()
    {
        var before = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            HiddenTest.Part("9.1", 2, "doubles", () => Exercise.CheckClose("9.1", () => 4.0, 4.0));
            HiddenTest.Part("9.1", 1, "halves", () => Exercise.CheckClose("9.1", () => 1.0, 0.5));
        }
        finally
        {
            Console.SetOut(before);
        }
        // (Console is process-wide: keep only this test's lines.)
        var lines = captured.ToString().Replace("\r\n", "\n").Split('\n').Where(l => l.Contains(" 9.1 · ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("✔ 9.1 · doubles · 2/2", lines[0]);
        Assert.StartsWith("✘ 9.1 · halves · 0/1 — expected 0.5 but got 1", lines[1]);
    }
}
