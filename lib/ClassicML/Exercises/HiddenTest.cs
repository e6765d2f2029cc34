namespace ClassicML.Exercises;

/// <summary>
/// The teacher's hidden tests of an exercise: the part of its grade that a student cannot see or change.
/// </summary>
/// <remarks>
/// <para>
/// A hidden-test cell is a code cell of the teacher's notebook whose first line declares the exercise it grades:
/// </para>
/// <code>
/// // HIDDEN TESTS 2.3 points=3 forbid=ClassicML.Regularization.Penalty.SoftThreshold
/// global::ClassicML.Exercises.HiddenTest.Part("2.3", 1, "zero inside the threshold", () => global::ClassicML.Exercises.Exercise.CheckClose(…));
/// global::ClassicML.Exercises.HiddenTest.Part("2.3", 2, "shrinks outside it", () => …);
/// </code>
/// <para>
/// <c>points=</c> is the exercise's maximum (declared once, here; the parts' points must add up to it) and
/// <c>forbid=</c> an optional comma-separated list of library members, written as <c>Namespace.Type.Member</c> or
/// <c>Namespace.Type</c>, that the student's code for this exercise must not use. The student version (<c>assign</c>)
/// drops these cells; <c>grade</c> runs them in a fresh kernel after the student's cells, and <c>check</c> runs them
/// on the teacher's notebook, where every part must pass. Hidden tests name library types with <c>global::</c> so a
/// student's own class called <c>Exercise</c> or <c>HiddenTest</c> cannot stand in for them.
/// </para>
/// <para>
/// A part earns its points only when its check passes; a check that fails, throws, or finds the exercise not done earns
/// none, whatever <see cref="Exercise.Strict"/> says.
/// </para>
/// </remarks>
public static class HiddenTest
{
    /// <summary>The marker that opens a hidden-test cell's first line.</summary>
    public const string Marker = "// HIDDEN TESTS";

    private static readonly object s_gate = new();
    private static readonly List<GradedPart> s_results = [];

    /// <summary>
    /// Runs one part of exercise <paramref name="id"/>'s hidden tests and records its result:
    /// <paramref name="points"/> when <paramref name="check"/> passes, 0 otherwise.
    /// </summary>
    /// <param name="id">The exercise id, e.g. <c>"2.3"</c>.</param>
    /// <param name="points">The points this part is worth (≥ 0).</param>
    /// <param name="what">What the part tests, one short phrase shown in the student's feedback.</param>
    /// <param name="check">Runs the student's code through an <see cref="Exercise"/> check.</param>
    /// <returns>The graded part; its <see cref="GradedPart.ToString"/> line is also written to standard output.</returns>
    /// <exception cref="ExerciseFailedException">In strict mode (the teacher's <c>check</c>), when the part does not pass.</exception>
    public static GradedPart Part(string id, int points, string what, Func<CheckResult> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentNullException.ThrowIfNull(check);
        CheckResult result;
        try
        {
            result = check() ?? new CheckResult(id, CheckOutcome.Failed, "the check returned no result.");
        }
        catch (ExerciseFailedException failed)
        {
            result = failed.Result;
        }
        catch (NotImplementedException)
        {
            result = new CheckResult(id, CheckOutcome.NotDone, "not done yet.");
        }
        catch (Exception thrown)
        {
            result = new CheckResult(id, CheckOutcome.Threw, $"your code threw {thrown.GetType().Name}: {thrown.Message}");
        }
        var part = new GradedPart(id, what, result.Passed ? points : 0, points, result);
        lock (s_gate) s_results.Add(part);
        // One line per part on the cell's output (GradedPart.ToString), so `run` and `check` can count the points the
        // teacher's notebook earns; also before a strict failure throws, so the parts that did pass still count.
        Console.WriteLine(part.ToString());
        if (!result.Passed && Exercise.IsStrict) throw new ExerciseFailedException(result);
        return part;
    }

    /// <summary>The parts run so far in this process, in order.</summary>
    public static IReadOnlyList<GradedPart> Results
    {
        get
        {
            lock (s_gate) return s_results.ToArray();
        }
    }
}

/// <summary>One graded part of an exercise's hidden tests.</summary>
/// <param name="Id">The exercise id.</param>
/// <param name="What">What the part tests.</param>
/// <param name="Points">The points earned: <paramref name="MaxPoints"/> when the check passed, else 0.</param>
/// <param name="MaxPoints">The points the part is worth.</param>
/// <param name="Result">The check's verdict (its message says what was wrong).</param>
public sealed record GradedPart(string Id, string What, int Points, int MaxPoints, CheckResult Result)
{
    /// <summary><c>✔ 2.3 · zero inside the threshold · 1/1</c> or <c>✘ 2.3 · … · 0/1 — message</c>.</summary>
    public override string ToString() => Result.Passed
        ? $"✔ {Id} · {What} · {Points}/{MaxPoints}"
        : $"✘ {Id} · {What} · {Points}/{MaxPoints} — {Result.Message}";
}
