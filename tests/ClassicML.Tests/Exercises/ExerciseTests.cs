using ClassicML.Exercises;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Exercises;

/// <summary>Exercise.Strict is process-wide, so every test that depends on it runs in this one serial collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StrictModeCollection
{
    public const string Name = "Exercise strict mode";
}

[Collection(StrictModeCollection.Name)]
public sealed class ExerciseTests : IDisposable
{
    // Lenient by default, whatever the environment says, so failures come back as values.
    public ExerciseTests() => Exercise.Strict = false;

    public void Dispose() => Exercise.Strict = null;

    private static double NotDone() => throw new NotImplementedException("Exercise 1.2");

    [Fact]
    public void Passing_scalar_check_displays_a_check_mark()
    {
        var r = Exercise.CheckClose("1.2", () => 0.1 + 0.2, expected: 0.3, tolerance: 1e-12);
        Assert.True(r.Passed);
        Assert.Equal(CheckOutcome.Passed, r.Outcome);
        Assert.Equal("✔ Exercise 1.2 passed", r.ToString());
    }

    [Fact]
    public void Failing_scalar_check_says_expected_got_and_hint()
    {
        var r = Exercise.CheckClose("1.2", () => 0.25, expected: 0.2, hint: "Use σ(z)(1 − σ(z)).");
        Assert.False(r.Passed);
        Assert.Equal(CheckOutcome.Failed, r.Outcome);
        Assert.StartsWith("✘ Exercise 1.2: expected 0.2 but got 0.25", r.ToString());
        Assert.EndsWith("Hint: Use σ(z)(1 − σ(z)).", r.ToString());
        Assert.Equal("Use σ(z)(1 − σ(z)).", r.Detail);
    }

    [Fact]
    public void Not_implemented_means_not_done_yet()
    {
        var r = Exercise.CheckClose("1.2", NotDone, expected: 0.2, hint: "irrelevant");
        Assert.Equal(CheckOutcome.NotDone, r.Outcome);
        Assert.Equal("✘ Exercise 1.2 not done yet — replace the `throw` in the solution cell with your code.", r.ToString());
        Assert.DoesNotContain("irrelevant", r.ToString());
    }

    [Fact]
    public void Not_implemented_wrapped_by_reflection_is_still_not_done()
    {
        var method = typeof(ExerciseTests).GetMethod(nameof(NotDone), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var r = Exercise.CheckClose("1.2", () => (double)method.Invoke(null, null)!, expected: 0.2);
        Assert.Equal(CheckOutcome.NotDone, r.Outcome);
    }

    [Fact]
    public void Other_exception_names_type_message_and_hint()
    {
        var r = Exercise.CheckClose("2.4", () => new double[2].ElementAt(3), expected: 1, hint: "Arrays start at 0.");
        Assert.Equal(CheckOutcome.Threw, r.Outcome);
        Assert.StartsWith("✘ Exercise 2.4: your code threw ArgumentOutOfRangeException: ", r.ToString());
        Assert.EndsWith("Hint: Arrays start at 0.", r.ToString());
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+∞")]
    [InlineData(double.NegativeInfinity, "−∞")]
    public void Non_finite_answers_fail_clearly(double bad, string shown)
    {
        var r = Exercise.CheckClose("1.1", () => bad, expected: 1.0);
        Assert.Equal(CheckOutcome.Failed, r.Outcome);
        Assert.Contains($"your answer is {shown}", r.Message);
    }

    [Theory]
    // |a − e| ≤ tol·max(1,|e|): absolute below |e| = 1, relative above.
    [InlineData(0.0, 0.9e-6, true)]
    [InlineData(0.0, 1.1e-6, false)]
    [InlineData(0.5, 0.5 + 0.9e-6, true)]
    [InlineData(0.5, 0.5 + 1.1e-6, false)]
    [InlineData(1000.0, 1000.0 + 0.9e-3, true)]
    [InlineData(1000.0, 1000.0 + 1.1e-3, false)]
    [InlineData(-1000.0, -1000.0 - 0.9e-3, true)]
    public void Tolerance_is_absolute_below_one_and_relative_above(double expected, double actual, bool passes)
    {
        Assert.Equal(passes, Exercise.CheckClose("1.1", () => actual, expected, tolerance: 1e-6).Passed);
    }

    [Fact]
    public void Vector_check_passes_within_tolerance_and_names_worst_element()
    {
        var e = Vector<double>.Build.Dense([1.0, 2.0, 3.0]);
        Assert.True(Exercise.CheckClose("2.1", () => e + 1e-12, e).Passed);
        var r = Exercise.CheckClose("2.1", () => Vector<double>.Build.Dense([1.0, 2.5, 3.1]), e, tolerance: 1e-6);
        Assert.False(r.Passed);
        Assert.Contains("element [1] is 2.5 but should be 2", r.Message);
    }

    [Fact]
    public void Vector_length_mismatch_is_reported_as_a_shape_error()
    {
        var r = Exercise.CheckClose("2.1", () => Vector<double>.Build.Dense(2), Vector<double>.Build.Dense(3));
        Assert.Equal("expected a vector of length 3 but got length 2.", r.Message);
    }

    [Fact]
    public void Vector_with_nan_element_fails()
    {
        var r = Exercise.CheckClose("2.1", () => Vector<double>.Build.Dense([1.0, double.NaN]), Vector<double>.Build.Dense([1.0, 2.0]));
        Assert.Contains("element [1] is NaN", r.Message);
    }

    [Fact]
    public void Null_vector_fails_instead_of_crashing()
    {
        var r = Exercise.CheckClose("2.1", () => (Vector<double>)null!, Vector<double>.Build.Dense(3));
        Assert.Equal(CheckOutcome.Failed, r.Outcome);
        Assert.Contains("returned null", r.Message);
    }

    [Fact]
    public void Matrix_shape_mismatch_names_both_shapes()
    {
        var r = Exercise.CheckClose("3.2", () => Matrix<double>.Build.Dense(2, 3), Matrix<double>.Build.Dense(3, 2));
        Assert.Equal("expected a 3×2 matrix but got 2×3 (rows×columns).", r.Message);
    }

    [Fact]
    public void Matrix_mismatch_names_row_and_column()
    {
        var e = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } });
        var a = e.Clone();
        a[1, 0] = 3.5;
        var r = Exercise.CheckClose("3.2", () => a, e);
        Assert.Contains("element [1, 0] is 3.5 but should be 3", r.Message);
        Assert.True(Exercise.CheckClose("3.2", () => e.Clone(), e).Passed);
    }

    [Fact]
    public void Array_check_works_like_vector_check()
    {
        Assert.True(Exercise.CheckClose("2.2", () => new[] { 0.5, 1.5 }, new[] { 0.5, 1.5 }).Passed);
        Assert.Contains("length 2 but got length 1", Exercise.CheckClose("2.2", () => new[] { 0.5 }, new[] { 0.5, 1.5 }).Message);
    }

    [Fact]
    public void CheckFunction_reports_the_first_differing_point()
    {
        Func<double, double> sigmoid = z => 1 / (1 + Math.Exp(-z));
        Func<double, double> wrong = z => z < 1 ? sigmoid(z) : 0.5;
        Assert.True(Exercise.CheckFunction("1.1", z => Math.Exp(-Math.Log(1 + Math.Exp(-z))), sigmoid, at: [-3.0, 0.0, 3.0], tolerance: 1e-12).Passed);
        var r = Exercise.CheckFunction("1.1", wrong, sigmoid, at: [-3.0, 0.0, 2.0, 3.0], hint: "σ(z) = 1/(1+e^(−z)).");
        Assert.False(r.Passed);
        Assert.StartsWith("at x = 2 your function gives 0.5 but should give 0.880797", r.Message);
    }

    [Fact]
    public void CheckFunction_not_done_and_nan()
    {
        Assert.Equal(CheckOutcome.NotDone, Exercise.CheckFunction("1.1", _ => throw new NotImplementedException(), Math.Tanh, at: [0.0]).Outcome);
        var r = Exercise.CheckFunction("1.1", z => z == 0 ? double.NaN : Math.Tanh(z), Math.Tanh, at: [1.0, 0.0]);
        Assert.Contains("at x = 0 your function gives NaN", r.Message);
    }

    [Fact]
    public void Check_condition_true_false_and_throwing()
    {
        Assert.True(Exercise.Check("1.3", () => true, hint: "h").Passed);
        var f = Exercise.Check("1.3", () => false, hint: "Look at the sign.");
        Assert.Equal("✘ Exercise 1.3: the condition does not hold for your answer. Hint: Look at the sign.", f.ToString());
        Assert.Equal(CheckOutcome.Threw, Exercise.Check("1.3", () => throw new InvalidOperationException("boom"), hint: "h").Outcome);
    }

    [Fact]
    public void CheckEqual_and_CheckSequence()
    {
        Assert.True(Exercise.CheckEqual("4.1", () => 3, 3).Passed);
        Assert.Equal("expected 3 but got 4.", Exercise.CheckEqual("4.1", () => 4, 3).Message);
        Assert.True(Exercise.CheckSequence("4.2", () => new[] { 0, 1, 1 }, [0, 1, 1]).Passed);
        Assert.Equal("element [2] is 0 but should be 1.", Exercise.CheckSequence("4.2", () => new[] { 0, 1, 0 }, [0, 1, 1]).Message);
        Assert.Equal("expected 3 elements but got 2.", Exercise.CheckSequence("4.2", () => new[] { 0, 1 }, [0, 1, 1]).Message);
        // A lazy sequence that throws while enumerated is caught too.
        Assert.Equal(CheckOutcome.NotDone, Exercise.CheckSequence("4.2", () => Enumerable.Range(0, 3).Select<int, int>(_ => throw new NotImplementedException()), [0, 1, 1]).Outcome);
    }

    [Fact]
    public void Strict_mode_throws_with_the_failure_text()
    {
        Exercise.Strict = true;
        var ex = Assert.Throws<ExerciseFailedException>(() => Exercise.CheckClose("1.2", () => 0.25, expected: 0.2, hint: "h"));
        Assert.StartsWith("✘ Exercise 1.2: expected 0.2 but got 0.25", ex.Message);
        Assert.Equal("1.2", ex.Result.Id);
        Assert.Throws<ExerciseFailedException>(() => Exercise.CheckClose("1.2", NotDone, expected: 0.2));
        // A pass never throws.
        Assert.True(Exercise.CheckClose("1.2", () => 0.2, expected: 0.2).Passed);
    }

    [Fact]
    public void Strict_property_wins_over_environment_variable_and_null_follows_it()
    {
        var before = Environment.GetEnvironmentVariable(Exercise.StrictEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Exercise.StrictEnvironmentVariable, "1");
            Exercise.Strict = null;
            Assert.True(Exercise.IsStrict);
            Assert.Throws<ExerciseFailedException>(() => Exercise.Check("1.3", () => false, hint: "h"));
            Exercise.Strict = false;
            Assert.False(Exercise.IsStrict);
            Assert.False(Exercise.Check("1.3", () => false, hint: "h").Passed);
            Environment.SetEnvironmentVariable(Exercise.StrictEnvironmentVariable, "0");
            Exercise.Strict = null;
            Assert.False(Exercise.IsStrict);
            Exercise.Strict = true;
            Assert.True(Exercise.IsStrict);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Exercise.StrictEnvironmentVariable, before);
        }
    }

    [Fact]
    public void Author_mistakes_are_argument_exceptions_naming_the_parameter()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => Exercise.CheckClose("one", () => 1.0, 1.0)).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentException>(() => Exercise.CheckClose("1.1", () => 1.0, double.NaN)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.CheckClose("1.1", () => 1.0, 1.0, tolerance: -1)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.CheckClose("1.1", () => 1.0, 1.0, tolerance: double.NaN)).ParamName);
        Assert.Equal("at", Assert.Throws<ArgumentException>(() => Exercise.CheckFunction("1.1", x => x, x => x, at: [])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => Exercise.CheckFunction("1.1", x => x, Math.Log, at: [-1.0])).ParamName);
        Assert.Equal("actual", Assert.Throws<ArgumentNullException>(() => Exercise.CheckClose("1.1", (Func<double>)null!, 1.0)).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentException>(() => Exercise.CheckClose("1.1", () => new[] { 1.0 }, new[] { double.PositiveInfinity })).ParamName);
    }

    [Fact]
    public void Html_is_a_green_or_red_box_with_encoded_text()
    {
        var pass = Exercise.CheckClose("1.2", () => 1.0, 1.0).ToHtml();
        Assert.Contains("passed", pass);
        Assert.Contains("#2e7d32", pass);
        var fail = Exercise.Check("1.3", () => false, hint: "Compare `a < b`.").ToHtml();
        Assert.Contains("#c62828", fail);
        Assert.Contains("<code>a &lt; b</code>", fail);
        Assert.DoesNotContain("a < b", fail);
    }

    [Fact]
    public void Formatter_source_is_found_by_convention()
    {
        var attr = typeof(CheckResult).GetCustomAttributes(false).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attr.GetType().GetProperty("FormatterSourceType")!.GetValue(attr)!;
        var formatters = (IEnumerable<object>)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(Activator.CreateInstance(sourceType), null)!;
        var result = Exercise.CheckClose("1.2", () => 1.0, 1.0);
        var byMime = formatters.ToDictionary(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!, f =>
        {
            var w = new StringWriter();
            Assert.True((bool)f.GetType().GetMethod("Format")!.Invoke(f, [result, w])!);
            return w.ToString();
        });
        Assert.Equal("✔ Exercise 1.2 passed", byMime["text/plain"]);
        Assert.StartsWith("<div class=\"classicml-check passed\"", byMime["text/html"]);
    }
}

[Collection(StrictModeCollection.Name)]
public sealed class ExerciseToleranceProperties : IDisposable
{
    public ExerciseToleranceProperties() => ClassicML.Exercises.Exercise.Strict = false;

    public void Dispose() => ClassicML.Exercises.Exercise.Strict = null;

    // |a − e| ≤ tol·max(1, |e|): half the allowance passes, twice the allowance fails, for any magnitude and sign.
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Half_allowance_passes_and_double_allowance_fails(int mantissa, sbyte exponent, byte tolExponent, bool up)
    {
        var e = mantissa * Math.Pow(10, exponent % 40);
        var tol = Math.Pow(10, -(tolExponent % 12) - 1);
        var allowed = tol * Math.Max(1, Math.Abs(e));
        var sign = up ? 1 : -1;
        var inside = ClassicML.Exercises.Exercise.CheckClose("1.1", () => e + sign * 0.5 * allowed, e, tol).Passed;
        var outside = ClassicML.Exercises.Exercise.CheckClose("1.1", () => e + sign * 2 * allowed, e, tol).Passed;
        return inside && !outside;
    }
}
