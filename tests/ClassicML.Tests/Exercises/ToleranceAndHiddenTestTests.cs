using ClassicML.Exercises;
using ClassicML.Logistic;

namespace ClassicML.Tests.Exercises;

[Collection(StrictModeCollection.Name)]
public sealed class ToleranceAndHiddenTestTests : IDisposable
{
    public ToleranceAndHiddenTestTests() => Exercise.Strict = false;

    public void Dispose() => Exercise.Strict = null;

    private static readonly double[] Points = [-50, -40, -10, -1, 0, 1, 10, 40, 50];

    // The naive σ(z)(1 − σ(z)): at z = 40, 1 − σ(z) rounds to 0 while σ′(40) ≈ 4.25e-18.
    private static double NaiveDerivative(double z)
    {
        var s = 1 / (1 + Math.Exp(-z));
        return s * (1 - s);
    }

    [Fact]
    public void Relative_tolerance_rejects_the_naive_sigmoid_derivative_that_the_mixed_one_accepts()
    {
        var mixed = Exercise.CheckFunction("1.1", NaiveDerivative, Sigmoid.Derivative, Points, tolerance: 1e-12);
        Assert.True(mixed.Passed); // the old absolute-near-zero test: 4e-18 vs 0 is "close"
        var relative = Exercise.CheckFunction("1.1", NaiveDerivative, Sigmoid.Derivative, Points, Tolerance.Relative(1e-12));
        Assert.False(relative.Passed);
        Assert.Contains("x = 40", relative.Message);
        var stable = Exercise.CheckFunction("1.1", z => Sigmoid.Value(z) * Sigmoid.Value(-z), Sigmoid.Derivative, Points, Tolerance.Relative(1e-12));
        Assert.True(stable.Passed, stable.ToString());
    }

    [Theory]
    [InlineData(ToleranceKind.Mixed, 1e-6, 1e-9, true)]    // |e| < 1: absolute 1e-9 ≥ 1e-12
    [InlineData(ToleranceKind.Relative, 1e-6, 1e-9, false)] // relative: allowed 1e-15
    [InlineData(ToleranceKind.Absolute, 1e6, 1e-3, false)]  // absolute: allowed 1e-3 < 1e-2
    [InlineData(ToleranceKind.Mixed, 1e6, 1e-3, true)]      // mixed: allowed 1e3·… ≥ 1e-2
    public void Tolerance_kinds_allow_what_their_formula_says(ToleranceKind kind, double expected, double bound, bool passes)
    {
        var actual = expected + (expected >= 1e6 ? 1e-2 : 1e-12);
        var r = Exercise.CheckClose("9.1", () => actual, expected, new Tolerance(bound, kind));
        Assert.Equal(passes, r.Passed);
    }

    [Fact]
    public void A_bad_tolerance_is_refused_with_its_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.CheckClose("9.1", () => 1.0, 1.0, Tolerance.Relative(double.NaN)));
        Assert.Equal("tolerance", e.ParamName);
    }

    [Fact]
    public void A_hidden_part_earns_points_only_when_its_check_passes_even_when_strict_mode_is_off()
    {
        Exercise.Strict = false; // what a student writes to silence the checks
        var wrong = HiddenTest.Part("9.2", 2, "returns one", () => Exercise.CheckClose("9.2", () => 2.0, 1.0));
        var right = HiddenTest.Part("9.2", 3, "returns one again", () => Exercise.CheckClose("9.2", () => 1.0, 1.0));
        var throws = HiddenTest.Part("9.2", 1, "does not throw", () => throw new InvalidOperationException("boom"));
        Assert.Equal((0, 2), (wrong.Points, wrong.MaxPoints));
        Assert.Equal((3, 3), (right.Points, right.MaxPoints));
        Assert.Equal(CheckOutcome.Threw, throws.Result.Outcome);
        Assert.Equal(0, throws.Points);
        Assert.Contains(HiddenTest.Results, p => ReferenceEquals(p, right));
    }

    [Fact]
    public void In_strict_mode_a_failing_hidden_part_stops_the_teachers_check()
    {
        Exercise.Strict = true;
        Assert.Throws<ExerciseFailedException>(() => HiddenTest.Part("9.3", 1, "returns one", () => Exercise.CheckClose("9.3", () => 2.0, 1.0)));
    }
}
