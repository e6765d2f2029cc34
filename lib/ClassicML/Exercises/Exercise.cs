using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Exercises;

/// <summary>
/// Checks a student's answer to a notebook exercise and returns a <see cref="CheckResult"/> that the notebook displays.
/// </summary>
/// <remarks>
/// <para>
/// The student's code is passed as a lambda and run <em>inside</em> the checker, so that the student version of a
/// solution cell (<c>throw new NotImplementedException("Exercise 1.2");</c>) is reported as "not done yet", and any
/// other exception as "threw &lt;Type&gt;: &lt;message&gt;" with the hint, instead of stopping the notebook.
/// NaN, ±∞ and null answers are failures with their own message.
/// </para>
/// <para>
/// Closeness is relative for large numbers and absolute for small ones: a value <c>a</c> matches <c>e</c> when
/// |a − e| ≤ tolerance · max(1, |e|). Vectors, matrices and arrays must have the expected shape and meet that test
/// element by element; a failure names the worst element.
/// </para>
/// <para>
/// Strict mode (<see cref="IsStrict"/>) turns every result that did not pass into an <see cref="ExerciseFailedException"/>,
/// so that a wrong solution fails a CI run of the solution notebooks.
/// </para>
/// </remarks>
public static partial class Exercise
{
    /// <summary>The environment variable that switches strict mode on when it is exactly <c>1</c>.</summary>
    public const string StrictEnvironmentVariable = "CLASSICML_EXERCISES_STRICT";

    private const string NotDoneMessage = "not done yet — replace the `throw` in the solution cell with your code.";

    // 0 = follow the environment, 1 = strict, 2 = lenient; an int so that reads and writes are atomic and volatile.
    private static int s_strictOverride;

    /// <summary>
    /// Overrides strict mode for the whole process: <c>true</c> or <c>false</c> wins over the environment variable
    /// <see cref="StrictEnvironmentVariable"/>; <c>null</c> (the default) means "follow the environment variable".
    /// </summary>
    public static bool? Strict
    {
        get => Volatile.Read(ref s_strictOverride) switch { 1 => true, 2 => false, _ => null };
        set => Volatile.Write(ref s_strictOverride, value switch { true => 1, false => 2, null => 0 });
    }

    /// <summary>
    /// Whether a check that does not pass throws <see cref="ExerciseFailedException"/>: <see cref="Strict"/> when it is set,
    /// otherwise whether the environment variable <see cref="StrictEnvironmentVariable"/> equals <c>1</c> (read at every check).
    /// </summary>
    public static bool IsStrict => Strict ?? Environment.GetEnvironmentVariable(StrictEnvironmentVariable) == "1";

    /// <summary>
    /// Passes when <paramref name="condition"/> returns <c>true</c>.
    /// </summary>
    /// <param name="id">The exercise id, <c>"&lt;lesson&gt;.&lt;n&gt;"</c>, e.g. <c>"1.3"</c>.</param>
    /// <param name="condition">Runs the student's code and tests its answer.</param>
    /// <param name="hint">Shown when the check fails: a nudge towards the answer, not the answer.</param>
    public static CheckResult Check(string id, Func<bool> condition, string? hint = null)
    {
        ValidateId(id);
        ArgumentNullException.ThrowIfNull(condition);
        if (!TryRun(id, condition, hint, out var ok, out var failure)) return Finish(failure);
        return Finish(ok
            ? Pass(id, "the condition holds.")
            : Fail(id, "the condition does not hold for your answer.", hint));
    }

    /// <summary>
    /// Passes when the number the student's code returns is within tolerance of <paramref name="expected"/>:
    /// |a − e| ≤ <paramref name="tolerance"/> · max(1, |e|).
    /// </summary>
    /// <param name="id">The exercise id, e.g. <c>"1.2"</c>.</param>
    /// <param name="actual">Runs the student's code and returns its answer.</param>
    /// <param name="expected">The right answer (finite).</param>
    /// <param name="tolerance">How close is close enough: a number t means |a − e| ≤ t · max(1, |e|); <see cref="Tolerance.Relative"/> or <see cref="Tolerance.Absolute"/> otherwise; default 1e-9 (mixed).</param>
    /// <param name="hint">Shown when the check fails; null looks the hint up in <see cref="ExerciseHints"/> by id.</param>
    public static CheckResult CheckClose(string id, Func<double> actual, double expected, Tolerance? tolerance = null, string? hint = null)
    {
        ValidateId(id);
        ArgumentNullException.ThrowIfNull(actual);
        ValidateExpected(expected, nameof(expected));
        var tol = Resolve(tolerance);
        if (!TryRun(id, actual, hint, out var a, out var failure)) return Finish(failure);
        if (!double.IsFinite(a)) return Finish(Fail(id, $"your answer is {Format(a)}; it should be the finite number {Format(expected)}.", hint));
        var allowed = tol.Allowed(expected);
        var diff = Math.Abs(a - expected);
        return Finish(diff <= allowed
            ? Pass(id, $"{Format(a)} matches {Format(expected)}.")
            : Fail(id, $"expected {Format(expected)} but got {Format(a)} (|difference| {Format(diff)} > allowed {Format(allowed)}).", hint));
    }

    /// <summary>
    /// Passes when the student's vector has the length of <paramref name="expected"/> and every element i meets
    /// |aᵢ − eᵢ| ≤ <paramref name="tolerance"/> · max(1, |eᵢ|); a failure names the worst element.
    /// </summary>
    /// <param name="id">The exercise id, e.g. <c>"2.1"</c>.</param>
    /// <param name="actual">Runs the student's code and returns its vector.</param>
    /// <param name="expected">The right vector (finite elements).</param>
    /// <param name="tolerance">How close is close enough: a number t means |a − e| ≤ t · max(1, |e|); <see cref="Tolerance.Relative"/> or <see cref="Tolerance.Absolute"/> otherwise; default 1e-9 (mixed).</param>
    /// <param name="hint">Shown when the check fails; null looks the hint up in <see cref="ExerciseHints"/> by id.</param>
    public static CheckResult CheckClose(string id, Func<Vector<double>> actual, Vector<double> expected, Tolerance? tolerance = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        return CheckCloseArray(id, () => actual()?.ToArray(), expected.ToArray(), Resolve(tolerance), hint, "vector");
    }

    /// <summary>
    /// Passes when the student's array has the length of <paramref name="expected"/> and every element i meets
    /// |aᵢ − eᵢ| ≤ <paramref name="tolerance"/> · max(1, |eᵢ|); a failure names the worst element.
    /// </summary>
    /// <param name="id">The exercise id, e.g. <c>"2.1"</c>.</param>
    /// <param name="actual">Runs the student's code and returns its array.</param>
    /// <param name="expected">The right values (finite).</param>
    /// <param name="tolerance">How close is close enough: a number t means |a − e| ≤ t · max(1, |e|); <see cref="Tolerance.Relative"/> or <see cref="Tolerance.Absolute"/> otherwise; default 1e-9 (mixed).</param>
    /// <param name="hint">Shown when the check fails; null looks the hint up in <see cref="ExerciseHints"/> by id.</param>
    public static CheckResult CheckClose(string id, Func<double[]> actual, double[] expected, Tolerance? tolerance = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        return CheckCloseArray(id, actual, expected, Resolve(tolerance), hint, "array");
    }

    /// <summary>
    /// Passes when the student's matrix has the shape of <paramref name="expected"/> and every element (i, j) meets
    /// |aᵢⱼ − eᵢⱼ| ≤ <paramref name="tolerance"/> · max(1, |eᵢⱼ|); a failure names the worst element.
    /// </summary>
    /// <param name="id">The exercise id, e.g. <c>"3.2"</c>.</param>
    /// <param name="actual">Runs the student's code and returns its matrix.</param>
    /// <param name="expected">The right matrix (finite elements).</param>
    /// <param name="tolerance">How close is close enough: a number t means |a − e| ≤ t · max(1, |e|); <see cref="Tolerance.Relative"/> or <see cref="Tolerance.Absolute"/> otherwise; default 1e-9 (mixed).</param>
    /// <param name="hint">Shown when the check fails; null looks the hint up in <see cref="ExerciseHints"/> by id.</param>
    public static CheckResult CheckClose(string id, Func<Matrix<double>> actual, Matrix<double> expected, Tolerance? tolerance = null, string? hint = null)
    {
        ValidateId(id);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        var tol = Resolve(tolerance);
        var e = expected.ToColumnMajorArray();
        foreach (var v in e) ValidateExpected(v, nameof(expected));
        if (!TryRun(id, actual, hint, out var m, out var failure)) return Finish(failure);
        if (m is null) return Finish(Fail(id, $"your code returned null; it should return a {expected.RowCount}×{expected.ColumnCount} matrix.", hint));
        if (m.RowCount != expected.RowCount || m.ColumnCount != expected.ColumnCount)
            return Finish(Fail(id, $"expected a {expected.RowCount}×{expected.ColumnCount} matrix but got {m.RowCount}×{m.ColumnCount} (rows×columns).", hint));
        var a = m.ToColumnMajorArray();
        var rows = expected.RowCount;
        return Finish(CompareElements(id, a, e, tol, hint, k => $"[{k % rows}, {k / rows}]"));
    }

    /// <summary>
    /// Passes when the student's function agrees with <paramref name="reference"/> at every point of <paramref name="at"/>:
    /// |f(x) − g(x)| ≤ <paramref name="tolerance"/> · max(1, |g(x)|); a failure reports the first x where they differ.
    /// </summary>
    /// <param name="id">The exercise id, e.g. <c>"1.1"</c>.</param>
    /// <param name="student">The student's function f.</param>
    /// <param name="reference">The right function g (the library's or the lesson's); its exceptions are not caught.</param>
    /// <param name="at">The points x to compare at (at least one, finite, and where g is finite).</param>
    /// <param name="tolerance">How close is close enough: a number t means |a − e| ≤ t · max(1, |e|); <see cref="Tolerance.Relative"/> or <see cref="Tolerance.Absolute"/> otherwise; default 1e-9 (mixed).</param>
    /// <param name="hint">Shown when the check fails; null looks the hint up in <see cref="ExerciseHints"/> by id.</param>
    public static CheckResult CheckFunction(string id, Func<double, double> student, Func<double, double> reference, IEnumerable<double> at, Tolerance? tolerance = null, string? hint = null)
    {
        ValidateId(id);
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(at);
        var tol = Resolve(tolerance);
        var xs = at.ToArray();
        if (xs.Length == 0) throw new ArgumentException("Give at least one point to compare the functions at, e.g. at: new[] { -2.0, 0.0, 2.0 }.", nameof(at));
        var expected = new double[xs.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i])) throw new ArgumentException($"Point {i} is {Format(xs[i])}; compare at finite points only.", nameof(at));
            expected[i] = reference(xs[i]);
            if (!double.IsFinite(expected[i]))
                throw new ArgumentException($"The reference function gives {Format(expected[i])} at x = {Format(xs[i])}; choose points where it is finite.", nameof(reference));
        }
        for (var i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            if (!TryRun(id, () => student(x), hint, out var fx, out var failure)) return Finish(failure);
            var allowed = tol.Allowed(expected[i]);
            if (!double.IsFinite(fx))
                return Finish(Fail(id, $"at x = {Format(x)} your function gives {Format(fx)}; it should give {Format(expected[i])}.", hint));
            if (Math.Abs(fx - expected[i]) > allowed)
                return Finish(Fail(id, $"at x = {Format(x)} your function gives {Format(fx)} but should give {Format(expected[i])} (|difference| {Format(Math.Abs(fx - expected[i]))} > allowed {Format(allowed)}).", hint));
        }
        return Finish(Pass(id, $"your function matches at all {xs.Length} points."));
    }

    /// <summary>
    /// Passes when the student's value equals <paramref name="expected"/> by <see cref="EqualityComparer{T}.Default"/>
    /// (for counts, class labels, booleans, strings).
    /// </summary>
    /// <param name="id">The exercise id, e.g. <c>"4.3"</c>.</param>
    /// <param name="actual">Runs the student's code and returns its answer.</param>
    /// <param name="expected">The right answer.</param>
    /// <param name="hint">Shown when the check fails; null looks the hint up in <see cref="ExerciseHints"/> by id.</param>
    public static CheckResult CheckEqual<T>(string id, Func<T> actual, T expected, string? hint = null)
    {
        ValidateId(id);
        ArgumentNullException.ThrowIfNull(actual);
        if (!TryRun(id, actual, hint, out var a, out var failure)) return Finish(failure);
        return Finish(EqualityComparer<T>.Default.Equals(a, expected)
            ? Pass(id, $"{Describe(a)} is right.")
            : Fail(id, $"expected {Describe(expected)} but got {Describe(a)}.", hint));
    }

    /// <summary>
    /// Passes when the student's sequence has the same length as <paramref name="expected"/> and equal elements in the
    /// same order (for predicted labels, cluster assignments); a failure names the first differing position.
    /// </summary>
    /// <param name="id">The exercise id, e.g. <c>"5.1"</c>.</param>
    /// <param name="actual">Runs the student's code and returns its sequence.</param>
    /// <param name="expected">The right sequence.</param>
    /// <param name="hint">Shown when the check fails; null looks the hint up in <see cref="ExerciseHints"/> by id.</param>
    public static CheckResult CheckSequence<T>(string id, Func<IEnumerable<T>> actual, IEnumerable<T> expected, string? hint = null)
    {
        ValidateId(id);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        var e = expected.ToArray();
        // Materialise inside the guarded run: a lazy sequence may throw only when enumerated.
        if (!TryRun(id, () => actual()?.ToArray(), hint, out var a, out var failure)) return Finish(failure);
        if (a is null) return Finish(Fail(id, $"your code returned null; it should return {e.Length} elements.", hint));
        if (a.Length != e.Length) return Finish(Fail(id, $"expected {e.Length} elements but got {a.Length}.", hint));
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < e.Length; i++)
        {
            if (!comparer.Equals(a[i], e[i]))
                return Finish(Fail(id, $"element [{i}] is {Describe(a[i])} but should be {Describe(e[i])}.", hint));
        }
        return Finish(Pass(id, $"all {e.Length} elements are right."));
    }

    /// <summary>
    /// One verdict for an exercise checked in several parts: runs <paramref name="checks"/> in order and returns the
    /// first result that did not pass (the later checks do not run), or the last result when every check passed.
    /// In strict mode (<see cref="IsStrict"/>) the first failing check throws as usual, so the later ones do not run either.
    /// </summary>
    /// <param name="checks">The exercise's checks, each a call of a <c>Check…</c> method, e.g.
    /// <c>() =&gt; Exercise.CheckClose("3.4", …)</c>; at least one.</param>
    /// <returns>The first <see cref="CheckResult"/> with <see cref="CheckResult.Passed"/> false, else the last one.</returns>
    /// <exception cref="ArgumentException"><paramref name="checks"/> is empty, holds null, or a check returned null.</exception>
    public static CheckResult FirstFailureOrLast(params Func<CheckResult>[] checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (checks.Length == 0)
            throw new ArgumentException("give at least one check, e.g. FirstFailureOrLast(() => Exercise.CheckClose(\"1.2\", …)).", nameof(checks));
        for (var i = 0; i < checks.Length; i++)
        {
            if (checks[i] is null) throw new ArgumentException($"check [{i}] is null; pass a lambda that calls a Check… method.", nameof(checks));
        }
        CheckResult? result = null;
        for (var i = 0; i < checks.Length; i++)
        {
            result = checks[i]() ?? throw new ArgumentException($"check [{i}] returned null instead of a CheckResult; return the Check… call's result.", nameof(checks));
            if (!result.Passed) break;
        }
        return result!;
    }

    private static CheckResult CheckCloseArray(string id, Func<double[]?> actual, double[] expected, Tolerance tolerance, string? hint, string kind)
    {
        ValidateId(id);
        foreach (var v in expected) ValidateExpected(v, nameof(expected));
        if (!TryRun(id, actual, hint, out var a, out var failure)) return Finish(failure);
        if (a is null) return Finish(Fail(id, $"your code returned null; it should return a {kind} of length {expected.Length}.", hint));
        if (a.Length != expected.Length)
            return Finish(Fail(id, $"expected a {kind} of length {expected.Length} but got length {a.Length}.", hint));
        return Finish(CompareElements(id, a, expected, tolerance, hint, k => $"[{k}]"));
    }

    private static CheckResult CompareElements(string id, double[] a, double[] e, Tolerance tolerance, string? hint, Func<int, string> name)
    {
        for (var k = 0; k < a.Length; k++)
        {
            if (!double.IsFinite(a[k]))
                return Fail(id, $"element {name(k)} is {Format(a[k])}; it should be {Format(e[k])}.", hint);
        }
        // The worst element is the one that exceeds its own allowance by the largest factor.
        int worst = -1;
        double worstRatio = 1, maxDiff = 0;
        for (var k = 0; k < a.Length; k++)
        {
            var diff = Math.Abs(a[k] - e[k]);
            maxDiff = Math.Max(maxDiff, diff);
            var allowed = tolerance.Allowed(e[k]);
            if (diff <= allowed) continue;
            var ratio = allowed == 0 ? double.PositiveInfinity : diff / allowed;
            if (worst < 0 || ratio > worstRatio)
            {
                worst = k;
                worstRatio = ratio;
            }
        }
        if (worst < 0) return Pass(id, $"all {a.Length} elements match (max |difference| {Format(maxDiff)}).");
        var wd = Math.Abs(a[worst] - e[worst]);
        return Fail(id, $"element {name(worst)} is {Format(a[worst])} but should be {Format(e[worst])} (|difference| {Format(wd)} > allowed {Format(tolerance.Allowed(e[worst]))}).", hint);
    }

    /// <summary>Runs the student's code; on an exception produces the not-done or threw result.</summary>
    private static bool TryRun<T>(string id, Func<T> code, string? hint, out T value, out CheckResult failure)
    {
        try
        {
            value = code();
            failure = null!;
            return true;
        }
        catch (Exception thrown)
        {
            var ex = Unwrap(thrown);
            value = default!;
            failure = ex is NotImplementedException
                ? new CheckResult(id, CheckOutcome.NotDone, NotDoneMessage)
                : new CheckResult(id, CheckOutcome.Threw, $"your code threw {ex.GetType().Name}: {ex.Message}", hint ?? ExerciseHints.For(id));
            return false;
        }
    }

    // Reflection and tasks wrap the student's exception; report the one the student's code threw.
    private static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            switch (ex)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    continue;
                case AggregateException agg when agg.InnerExceptions.Count == 1:
                    ex = agg.InnerExceptions[0];
                    continue;
                default:
                    return ex;
            }
        }
    }

    private static CheckResult Pass(string id, string message) => new(id, CheckOutcome.Passed, message);

    private static CheckResult Fail(string id, string message, string? hint) => new(id, CheckOutcome.Failed, message, hint ?? ExerciseHints.For(id));

    private static CheckResult Finish(CheckResult result)
    {
        if (!result.Passed && IsStrict) throw new ExerciseFailedException(result);
        return result;
    }

    /// <summary>The tolerance a check uses: the caller's, else <see cref="Tolerance.Default"/>; validated.</summary>
    private static Tolerance Resolve(Tolerance? tolerance)
    {
        var tol = tolerance ?? Tolerance.Default;
        tol.Validate(nameof(tolerance));
        return tol;
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+[a-z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private static void ValidateId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IdPattern().IsMatch(id))
            throw new ArgumentException($"Exercise id '{id}' should be \"<lesson>.<n>\", e.g. \"1.2\" (an optional letter may follow: \"1.2b\").", nameof(id));
    }

    private static void ValidateExpected(double expected, string paramName)
    {
        if (!double.IsFinite(expected))
            throw new ArgumentException($"The expected value is {Format(expected)}; a check needs finite expected values.", paramName);
    }

    private static string Format(double x) => x switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+∞",
        double.NegativeInfinity => "−∞",
        _ => x.ToString("G10", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal),
    };

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        double d => Format(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
