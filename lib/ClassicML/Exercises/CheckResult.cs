using ClassicML.Charts;

namespace ClassicML.Exercises;

/// <summary>How an exercise check ended.</summary>
public enum CheckOutcome
{
    /// <summary>The student's answer met the check.</summary>
    Passed,

    /// <summary>The student's code ran but its answer was wrong (including NaN, ∞, null or a wrong shape).</summary>
    Failed,

    /// <summary>The student's code threw <see cref="NotImplementedException"/>: the solution cell still holds its <c>throw</c>.</summary>
    NotDone,

    /// <summary>The student's code threw some other exception.</summary>
    Threw,
}

/// <summary>
/// The verdict of one exercise check. It is a value the notebook displays: <see cref="ToString"/> gives
/// <c>✔ Exercise 1.2 passed</c> or <c>✘ Exercise 1.2: what was wrong Hint: …</c>, and a formatter source found by
/// convention draws it as a green or red box in HTML front ends.
/// </summary>
/// <param name="Id">The exercise id, <c>"&lt;lesson&gt;.&lt;n&gt;"</c> (e.g. <c>"1.2"</c>).</param>
/// <param name="Outcome">How the check ended.</param>
/// <param name="Message">What was checked or what was wrong, one sentence (no hint).</param>
/// <param name="Detail">The author's hint shown with a failure; null when there is none.</param>
[TypeFormatterSource(typeof(CheckResultFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record CheckResult(string Id, CheckOutcome Outcome, string Message, string? Detail = null)
{
    /// <summary>True exactly when <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>
    /// One line for plain-text output: <c>✔ Exercise {Id} passed</c> when it passed,
    /// <c>✘ Exercise {Id} not done yet — …</c> when the solution still throws, and otherwise
    /// <c>✘ Exercise {Id}: {Message} Hint: {Detail}</c> (the hint only when there is one).
    /// </summary>
    public override string ToString() => Outcome switch
    {
        CheckOutcome.Passed => $"✔ Exercise {Id} passed",
        CheckOutcome.NotDone => $"✘ Exercise {Id} {Message}",
        _ => string.IsNullOrWhiteSpace(Detail) ? $"✘ Exercise {Id}: {Message}" : $"✘ Exercise {Id}: {Message} Hint: {Detail}",
    };

    /// <summary>
    /// An HTML fragment: a green box with a check mark when passed, a red box with the message and the hint otherwise.
    /// Text is HTML-encoded; spans in back-ticks become <c>&lt;code&gt;</c>. The box carries <c>data-exercise</c> (the id)
    /// and <c>data-outcome</c> (<see cref="OutcomeName"/>). The hint is shown only after a failed attempt: never when the
    /// check passed or the exercise is not done yet.
    /// </summary>
    public string ToHtml()
    {
        var (border, background, mark) = Passed ? ("#2e7d32", "#e8f5e9", "✔") : ("#c62828", "#ffebee", "✘");
        var html = new System.Text.StringBuilder();
        // data-exercise and data-outcome let tools (run's exercise summary) read the verdict without parsing prose.
        html.Append("<div class=\"classicml-check ").Append(Passed ? "passed" : "failed")
            .Append("\" data-exercise=\"").Append(Encode(Id)).Append("\" data-outcome=\"").Append(OutcomeName(Outcome))
            .Append("\" style=\"border-left:4px solid ").Append(border).Append(";background:").Append(background)
            .Append(";padding:6px 12px;margin:4px 0;border-radius:3px;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#212121\">");
        html.Append("<strong style=\"color:").Append(border).Append("\">").Append(mark).Append(" Exercise ")
            .Append(Encode(Id)).Append("</strong> ");
        if (Passed)
        {
            html.Append("passed");
        }
        else
        {
            html.Append(Encode(Message));
            if (Outcome != CheckOutcome.NotDone && !string.IsNullOrWhiteSpace(Detail))
                html.Append("<br/><em>Hint:</em> ").Append(Encode(Detail));
        }
        html.Append("</div>");
        return html.ToString();
    }

    /// <summary>The outcome as written in the HTML's <c>data-outcome</c>: passed, failed, not-done or threw.</summary>
    public static string OutcomeName(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.NotDone => "not-done",
        CheckOutcome.Threw => "threw",
        _ => "failed",
    };

    // Back-tick spans are how messages name code; show them as <code> after encoding so nothing else can inject markup.
    private static string Encode(string text)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(text);
        return System.Text.RegularExpressions.Regex.Replace(encoded, "`([^`]+)`", "<code>$1</code>");
    }
}

/// <summary>
/// Thrown by a failed check in strict mode (see <see cref="Exercise.IsStrict"/>), so that a wrong solution
/// fails the notebook run in CI instead of only displaying a red box.
/// </summary>
public sealed class ExerciseFailedException : Exception
{
    /// <summary>Creates the exception for <paramref name="result"/>; the message is <c>result.ToString()</c>.</summary>
    public ExerciseFailedException(CheckResult result) : base(result?.ToString())
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
    }

    /// <summary>The failed check.</summary>
    public CheckResult Result { get; }
}

/// <summary>
/// Supplies the formatters of <see cref="CheckResult"/> (found by convention through
/// <see cref="TypeFormatterSourceAttribute"/>, exactly like <see cref="FigureFormatterSource"/>).
/// </summary>
public sealed class CheckResultFormatterSource
{
    /// <summary>The formatters for <c>text/html</c> (a coloured box) and <c>text/plain</c> (<see cref="CheckResult.ToString"/>).</summary>
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ConventionFormatter<CheckResult>("text/html", r => r.ToHtml()),
        new ConventionFormatter<CheckResult>("text/plain", r => r.ToString()),
    ];
}
