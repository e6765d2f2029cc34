using ClassicML.Exercises;

namespace ClassicML.Tests.Exercises;

/// <summary>Exercise.FirstFailureOrLast: one verdict for an exercise checked in several parts.</summary>
[Collection(StrictModeCollection.Name)]
public sealed class FirstFailureOrLastTests : IDisposable
{
    public FirstFailureOrLastTests() => Exercise.Strict = false;

    public void Dispose() => Exercise.Strict = null;

    [Fact]
    public void Returns_the_first_check_that_does_not_pass_and_runs_no_later_one()
    {
        var ran = new List<int>();
        var r = Exercise.FirstFailureOrLast(
            () => { ran.Add(1); return Exercise.CheckClose("3.4", () => 2.0, expected: 2.0); },
            () => { ran.Add(2); return Exercise.CheckClose("3.4", () => 2.5, expected: 3.0); },
            () => { ran.Add(3); return Exercise.CheckEqual("3.4", () => 1, expected: 2); });
        Assert.Equal([1, 2], ran);
        Assert.Equal(CheckOutcome.Failed, r.Outcome);
        Assert.StartsWith("✘ Exercise 3.4: expected 3 but got 2.5", r.ToString());
    }

    [Fact]
    public void When_every_check_passes_returns_the_last_result()
    {
        var last = Exercise.CheckSequence("4.1", () => new[] { 0, 2 }, [0, 2]);
        var r = Exercise.FirstFailureOrLast(
            () => Exercise.Check("4.1", () => true),
            () => last);
        Assert.Same(last, r);
        Assert.True(r.Passed);
    }

    [Fact]
    public void A_solution_not_done_yet_is_the_verdict()
    {
        var r = Exercise.FirstFailureOrLast(
            () => Exercise.CheckClose("4.2", () => throw new NotImplementedException("Exercise 4.2"), expected: 1.0),
            () => Exercise.Check("4.2", () => true));
        Assert.Equal(CheckOutcome.NotDone, r.Outcome);
    }

    [Fact]
    public void In_strict_mode_the_first_failing_check_throws_and_no_later_one_runs()
    {
        Exercise.Strict = true;
        var later = false;
        var e = Assert.Throws<ExerciseFailedException>(() => Exercise.FirstFailureOrLast(
            () => Exercise.Check("4.3", () => true),
            () => Exercise.CheckEqual("4.3", () => 5, expected: 4),
            () => { later = true; return Exercise.Check("4.3", () => true); }));
        Assert.Equal(CheckOutcome.Failed, e.Result.Outcome);
        Assert.False(later);
    }

    [Fact]
    public void No_check_a_null_check_or_a_null_result_is_an_error_naming_checks()
    {
        Assert.Equal("checks", Assert.Throws<ArgumentException>(() => Exercise.FirstFailureOrLast()).ParamName);
        Assert.Equal("checks", Assert.Throws<ArgumentNullException>(() => Exercise.FirstFailureOrLast(null!)).ParamName);
        var nullCheck = Assert.Throws<ArgumentException>(() => Exercise.FirstFailureOrLast(() => Exercise.Check("1.1", () => true), null!));
        Assert.Equal("checks", nullCheck.ParamName);
        Assert.Contains("check [1] is null", nullCheck.Message);
        var nullResult = Assert.Throws<ArgumentException>(() => Exercise.FirstFailureOrLast(() => null!));
        Assert.Contains("check [0] returned null", nullResult.Message);
    }
}
