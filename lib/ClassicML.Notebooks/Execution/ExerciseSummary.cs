using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Execution;

/// <summary>How one exercise stands after a run.</summary>
public enum ExerciseStatus
{
    /// <summary>Every check of the exercise passed (and its hidden tests, when the notebook has them, earned full points).</summary>
    Passed,

    /// <summary>A check failed or threw, or a hidden-test part did not pass.</summary>
    Failed,

    /// <summary>The solution still throws <c>NotImplementedException</c>: the student has not written it yet.</summary>
    NotDone,

    /// <summary>No check of the exercise ran (the run stopped before it, or its cell failed to compile).</summary>
    NotRun,
}

/// <summary>One exercise's line of the summary.</summary>
/// <param name="Id">The exercise id, e.g. <c>2.1</c>.</param>
/// <param name="Status">How it stands.</param>
/// <param name="Message">Why it failed (the first failing check's message), or null.</param>
/// <param name="HiddenPoints">Points earned by the hidden-test parts that ran, or null when the notebook has no hidden tests for it.</param>
/// <param name="HiddenMaxPoints">The exercise's maximum declared on its <c>// HIDDEN TESTS</c> line, or null.</param>
public sealed record ExerciseLine(string Id, ExerciseStatus Status, string? Message, int? HiddenPoints, int? HiddenMaxPoints);

/// <summary>
/// The exercise summary <c>run</c> and <c>check</c> print after a notebook: per exercise passed, failed, not done or not
/// run, and the points the teacher's hidden tests earned, read from the executed notebook's outputs.
/// </summary>
/// <remarks>
/// <para>
/// The exercises are the ids the notebook's code names: <c>Exercise.Check…("N.M", …)</c> calls, the student version's
/// <c>throw new NotImplementedException("Exercise N.M")</c>, <c>// BEGIN SOLUTION // Exercise N.M</c> and
/// <c>// HIDDEN TESTS N.M points=P</c> lines. Their verdicts come from the outputs: a check result as the kernel shows
/// it (the HTML box's <c>data-exercise</c>/<c>data-outcome</c>, or the plain-text line <c>✔ Exercise N.M passed</c> /
/// <c>✘ Exercise N.M …</c>), a strict failure's <c>ExerciseFailedException</c>, and in a hidden-test cell the line each
/// <c>HiddenTest.Part</c> writes (<c>✔ N.M · what · k/p</c>). An exercise with several checks takes the worst verdict.
/// </para>
/// <para>
/// This is feedback for the person running the notebook, not grading: a cell can print anything, so <c>grade</c> does
/// not read its verdicts from outputs.
/// </para>
/// </remarks>
public static partial class ExerciseSummary
{
    [GeneratedRegex(@"\bExercise\.Check\w*\(\s*(?:id\s*:\s*)?""(?<id>\d+\.\d+[a-z]?)""")]
    private static partial Regex CheckCall();

    [GeneratedRegex(@"NotImplementedException\(\s*""Exercise (?<id>\d+\.\d+[a-z]?)""")]
    private static partial Regex ThrowLine();

    [GeneratedRegex(@"// BEGIN SOLUTION\b.*?\bExercise\s+(?<id>\d+\.\d+[a-z]?)")]
    private static partial Regex BeginLine();

    [GeneratedRegex(@"^\s*// HIDDEN TESTS\s+(?<id>\d+\.\d+[a-z]?)\b(?<rest>.*)$", RegexOptions.Multiline)]
    private static partial Regex HiddenLine();

    [GeneratedRegex(@"\bpoints\s*=\s*(?<p>\d+)")]
    private static partial Regex PointsField();

    [GeneratedRegex(@"^(?<mark>[✔✘]) Exercise (?<id>\d+\.\d+[a-z]?)(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex PlainResult();

    [GeneratedRegex(@"class=""classicml-check (?<cls>passed|failed)""(?<attrs>[^>]*)>\s*<strong[^>]*>\s*[✔✘] Exercise (?<id>[^<]+)</strong>\s*(?<msg>.*?)(?:<br/>|</div>)", RegexOptions.Singleline)]
    private static partial Regex HtmlResult();

    [GeneratedRegex(@"data-outcome=""(?<o>[a-z-]+)""")]
    private static partial Regex OutcomeAttribute();

    [GeneratedRegex(@"^(?<mark>[✔✘]) (?<id>\d+\.\d+[a-z]?) · .* · (?<k>\d+)/(?<p>\d+)(?: — .*)?$", RegexOptions.Multiline)]
    private static partial Regex HiddenPartLine();

    /// <summary>The exercises of <paramref name="executed"/> (a notebook after a run), in the order the notebook names them.</summary>
    public static IReadOnlyList<ExerciseLine> Read(Notebook executed)
    {
        ArgumentNullException.ThrowIfNull(executed);
        var order = new List<string>();
        void Name(string id)
        {
            if (!order.Contains(id, StringComparer.Ordinal)) order.Add(id);
        }
        var verdicts = new Dictionary<string, List<(ExerciseStatus Status, string? Message)>>(StringComparer.Ordinal);
        var hiddenMax = new Dictionary<string, int>(StringComparer.Ordinal);
        var hiddenEarned = new Dictionary<string, int>(StringComparer.Ordinal);
        void Verdict(string id, ExerciseStatus status, string? message)
        {
            Name(id);
            if (!verdicts.TryGetValue(id, out var list)) verdicts[id] = list = [];
            list.Add((status, message));
        }

        foreach (var cell in executed.Cells.Where(c => c.Kind == CellKind.Code))
        {
            var hidden = StudentVersion.IsHiddenTestCell(cell);
            foreach (var regex in new[] { BeginLine(), CheckCall(), ThrowLine() })
            {
                foreach (Match m in regex.Matches(cell.Source)) Name(m.Groups["id"].Value);
            }
            if (hidden)
            {
                var marker = HiddenLine().Match(cell.Source);
                var id = marker.Groups["id"].Value;
                Name(id);
                if (PointsField().Match(marker.Groups["rest"].Value) is { Success: true } points
                    && int.TryParse(points.Groups["p"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var max))
                    hiddenMax[id] = max;
                var text = string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text)).Replace("\r\n", "\n", StringComparison.Ordinal);
                foreach (Match part in HiddenPartLine().Matches(text))
                {
                    var partId = part.Groups["id"].Value;
                    Name(partId);
                    hiddenEarned[partId] = hiddenEarned.GetValueOrDefault(partId)
                                           + int.Parse(part.Groups["k"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                    if (part.Groups["mark"].Value == "✘") Verdict(partId, ExerciseStatus.Failed, "a hidden test did not pass");
                }
                if (!hiddenEarned.ContainsKey(id) && cell.Outputs.Count > 0) hiddenEarned[id] = 0;
                continue;
            }
            foreach (var output in cell.Outputs)
            {
                switch (output)
                {
                    case ExecuteResultOutput r:
                        ReadBundle(r.Data, Verdict);
                        break;
                    case DisplayDataOutput d:
                        ReadBundle(d.Data, Verdict);
                        break;
                    case ErrorOutput e when PlainResult().Match(e.EValue.Trim()) is { Success: true } m:
                        var (status, message) = FromPlain(m);
                        Verdict(m.Groups["id"].Value, status, message);
                        break;
                }
            }
        }

        return order.Select(id =>
        {
            var list = verdicts.GetValueOrDefault(id) ?? [];
            var worst = list.Count == 0 ? (ExerciseStatus.NotRun, (string?)null)
                : list.FirstOrDefault(v => v.Status == ExerciseStatus.Failed) is { Status: ExerciseStatus.Failed } failed ? failed
                : list.FirstOrDefault(v => v.Status == ExerciseStatus.NotDone) is { Status: ExerciseStatus.NotDone } notDone ? notDone
                : (ExerciseStatus.Passed, null);
            int? max = hiddenMax.TryGetValue(id, out var p) ? p : null;
            int? earned = hiddenEarned.TryGetValue(id, out var k) ? k : max is null ? null : 0;
            // Hidden tests that did not all pass fail an exercise whose visible check passed.
            if (worst.Item1 == ExerciseStatus.Passed && max is { } m && earned < m) worst = (ExerciseStatus.Failed, "a hidden test did not pass");
            return new ExerciseLine(id, worst.Item1, worst.Item2, earned, max);
        }).ToList();
    }

    private static void ReadBundle(MimeBundle bundle, Action<string, ExerciseStatus, string?> verdict)
    {
        if (bundle["text/plain"] is { } plain && PlainResult().Match(plain.Trim()) is { Success: true } p)
        {
            var (status, message) = FromPlain(p);
            verdict(p.Groups["id"].Value, status, message);
            return;
        }
        if (bundle["text/html"] is not { } html) return;
        foreach (Match m in HtmlResult().Matches(html))
        {
            var id = WebUtility.HtmlDecode(m.Groups["id"].Value).Trim();
            var message = WebUtility.HtmlDecode(Regex.Replace(m.Groups["msg"].Value, "<[^>]+>", "")).Trim();
            var outcome = OutcomeAttribute().Match(m.Groups["attrs"].Value) is { Success: true } o ? o.Groups["o"].Value
                : m.Groups["cls"].Value == "passed" ? "passed"
                : message.StartsWith("not done yet", StringComparison.Ordinal) ? "not-done" : "failed";
            verdict(id, outcome switch
            {
                "passed" => ExerciseStatus.Passed,
                "not-done" => ExerciseStatus.NotDone,
                _ => ExerciseStatus.Failed,
            }, outcome is "passed" or "not-done" ? null : message);
        }
    }

    private static (ExerciseStatus Status, string? Message) FromPlain(Match m)
    {
        var rest = m.Groups["rest"].Value.Trim();
        if (m.Groups["mark"].Value == "✔") return (ExerciseStatus.Passed, null);
        if (rest.StartsWith("not done yet", StringComparison.Ordinal)) return (ExerciseStatus.NotDone, null);
        rest = rest.TrimStart(':').Trim();
        var hint = rest.IndexOf(" Hint: ", StringComparison.Ordinal);
        return (ExerciseStatus.Failed, hint >= 0 ? rest[..hint] : rest);
    }

    /// <summary>
    /// The summary as lines: <c>exercises: 2 passed, 1 failed, 1 not done</c> (with the hidden tests' points when the
    /// notebook has them), then one line per exercise. Empty when the notebook has no exercises.
    /// </summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<ExerciseLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0) return [];
        int Count(ExerciseStatus s) => lines.Count(l => l.Status == s);
        var head = $"exercises: {Count(ExerciseStatus.Passed)} passed, {Count(ExerciseStatus.Failed)} failed, {Count(ExerciseStatus.NotDone)} not done";
        if (Count(ExerciseStatus.NotRun) > 0) head += $", {Count(ExerciseStatus.NotRun)} not run";
        var withHidden = lines.Where(l => l.HiddenMaxPoints is not null).ToList();
        if (withHidden.Count > 0)
            head += $"; hidden tests: {withHidden.Sum(l => l.HiddenPoints ?? 0)}/{withHidden.Sum(l => l.HiddenMaxPoints!.Value)} points";
        var result = new List<string> { head };
        foreach (var l in lines)
        {
            var (mark, word) = l.Status switch
            {
                ExerciseStatus.Passed => ("✔", "passed"),
                ExerciseStatus.Failed => ("✘", "failed"),
                ExerciseStatus.NotDone => ("…", "not done yet"),
                _ => ("?", "not run"),
            };
            var line = $"  {mark} {l.Id,-5} {word}";
            if (l.HiddenMaxPoints is { } max) line += $" · hidden tests: {l.HiddenPoints ?? 0}/{max} points";
            if (l.Message is { Length: > 0 } message) line += $" — {(message.Length > 160 ? message[..160] + "…" : message)}";
            result.Add(line);
        }
        return result;
    }
}
