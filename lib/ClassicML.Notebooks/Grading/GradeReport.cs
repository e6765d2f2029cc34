using System.Globalization;
using System.Net;
using System.Text;
using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Grading;

/// <summary>
/// Writes what <see cref="Grader"/> found: <c>gradebook.csv</c> (student, exercise, points, max, status, message — a row
/// per exercise per student and a <c>total</c> row per student) and <c>feedback/&lt;student&gt;.html</c>, one
/// self-contained page per student. Files are assembled in a staging folder and moved in; an output folder is used
/// only when it is new, empty or holds nothing but files an earlier <c>grade</c> wrote (listed in its manifest), and
/// never inside the course's sources.
/// </summary>
public static class GradeReport
{
    /// <summary>The list of files grade wrote into an output folder (one relative path a line).</summary>
    public const string ManifestFile = ".classicml-grade-files";

    private const string StagingFolder = ".classicml-grade-staging";

    /// <summary>
    /// Throws unless <paramref name="output"/> may be written: not the repository root, not inside notebooks/, lib/,
    /// tests/, data/ (or docs/, bench/), not the submissions folder, and holding no file that grade did not write.
    /// Checked before any grading starts.
    /// </summary>
    /// <exception cref="IOException">The folder may not be written; the message says why and what to do.</exception>
    public static void EnsureWritable(string output, string? repositoryRoot, string submissions)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        if (File.Exists(full)) throw new IOException($"--output '{full}' is a file; name a folder for the gradebook and feedback pages.");
        if (repositoryRoot is not null)
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
            if (full == root) throw new IOException($"--output '{full}' is the repository's root; grade writes into a folder of its own (default artifacts/grades).");
            foreach (var source in new[] { "notebooks", "lib", "tests", "data", "docs", "bench", ".git" })
            {
                var folder = Path.Combine(root, source);
                if (full == folder || full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new IOException($"--output '{full}' is inside the course's {source}/ folder; grade never writes among the sources. Use artifacts/grades (the default) or a folder outside the repository.");
            }
        }
        var subs = Path.TrimEndingDirectorySeparator(Path.GetFullPath(submissions));
        if (full == subs || full.StartsWith(subs + Path.DirectorySeparatorChar, StringComparison.Ordinal) || subs.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new IOException($"--output '{full}' overlaps the submissions folder '{subs}'; write the grades elsewhere so no submission is touched.");
        if (!Directory.Exists(full)) return;
        var previous = ReadManifest(full);
        var foreign = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(full, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != ManifestFile && !f.StartsWith(StagingFolder + "/", StringComparison.Ordinal) && !previous.Contains(f))
            .Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            throw new IOException($"--output '{full}' holds '{foreign[0]}'{(foreign.Count > 1 ? $" and {foreign.Count - 1} more file(s)" : "")} that grade did not write; "
                                  + "choose a new or empty folder, or move those files away.");
    }

    /// <summary>Writes the gradebook and the feedback pages into <paramref name="output"/> (see the class summary).</summary>
    public static IReadOnlyList<string> Write(string output, GradingLesson lesson, IReadOnlyList<SubmissionGrade> grades, string? repositoryRoot, string submissions)
    {
        EnsureWritable(output, repositoryRoot, submissions);
        var full = Path.GetFullPath(output);
        Directory.CreateDirectory(full);
        var staging = Path.Combine(full, StagingFolder);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(Path.Combine(staging, "feedback"));
        try
        {
            File.WriteAllText(Path.Combine(staging, "gradebook.csv"), Csv(grades), new UTF8Encoding(false));
            var names = FeedbackNames(grades);
            foreach (var g in grades)
                File.WriteAllText(Path.Combine(staging, "feedback", names[g.Student]), FeedbackPage(lesson, g), new UTF8Encoding(false));
            var written = OutputManifest.StagedFiles(staging);
            OutputManifest.Publish(staging, full, written, ReadManifest(full), ManifestFile);
            return written;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Each student's feedback file name: the name with anything but letters, digits, '.', '-' and '_' made '_', kept unique.</summary>
    public static IReadOnlyDictionary<string, string> FeedbackNames(IReadOnlyList<SubmissionGrade> grades)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var g in grades)
        {
            var safe = new string(g.Student.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
            if (safe.Length == 0) safe = "student";
            var name = safe + ".html";
            for (var k = 2; !used.Add(name); k++) name = $"{safe}-{k}.html";
            names[g.Student] = name;
        }
        return names;
    }

    /// <summary>
    /// The gradebook: header <c>student,exercise,points,max,status,message</c>, a row per exercise per student, then the
    /// student's <c>total</c> row (status <c>graded</c>, or <c>error</c> when the submission could not be graded).
    /// Fields are quoted as RFC 4180 says; text that a spreadsheet would take for a formula starts with an apostrophe.
    /// </summary>
    public static string Csv(IReadOnlyList<SubmissionGrade> grades)
    {
        var sb = new StringBuilder("student,exercise,points,max,status,message\r\n");
        foreach (var g in grades)
        {
            foreach (var e in g.Exercises)
                Row(sb, g.Student, e.Id, e.Points, e.Max, e.Status, e.Message);
            Row(sb, g.Student, "total", g.Points, g.Max, g.Error is null ? "graded" : "error", g.Error ?? "");
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string student, string exercise, int points, int max, string status, string message)
    {
        sb.Append(Field(student)).Append(',').Append(Field(exercise)).Append(',')
            .Append(points.ToString(CultureInfo.InvariantCulture)).Append(',').Append(max.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(Field(status)).Append(',').Append(Field(message)).Append("\r\n");
    }

    internal static string Field(string text)
    {
        text = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t') text = "'" + text;
        return text.IndexOfAny([',', '"', ' ', '\'']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);

    /// <summary>One student's feedback page: total, then per exercise the points, status and each hidden part's verdict, then findings and failing cells.</summary>
    public static string FeedbackPage(GradingLesson lesson, SubmissionGrade g)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(H($"{lesson.Name} — feedback for {g.Student}")).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2329;line-height:1.45}\n")
            .Append("h1{font-size:1.5rem;margin-bottom:.2rem}.sub{color:#5b6570;margin-top:0}.total{font-size:1.25rem;font-weight:600}\n")
            .Append("table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #dde2e6;padding:.4rem .5rem;text-align:left;vertical-align:top}\n")
            .Append("th{background:#f3f5f7}.pts{white-space:nowrap;text-align:right}.passed{color:#1a7f37}.partial{color:#9a6700}.bad{color:#cf222e}.muted{color:#5b6570}\n")
            .Append("section{border:1px solid #dde2e6;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}ul{padding-left:1.2rem}code{font-family:ui-monospace,monospace;font-size:.9em}\n")
            .Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(H(lesson.Name)).Append("</h1>\n<p class=\"sub\">Feedback for <strong>").Append(H(g.Student)).Append("</strong></p>\n");
        sb.Append("<p class=\"total\">Total: ").Append(g.Points).Append(" / ").Append(g.Max).Append(" points</p>\n");
        if (g.Error is { } error) sb.Append("<p class=\"bad\">Your notebook could not be graded: ").Append(H(error)).Append("</p>\n");
        sb.Append("<table>\n<thead><tr><th>Exercise</th><th>Status</th><th class=\"pts\">Points</th><th>What happened</th></tr></thead>\n<tbody>\n");
        foreach (var e in g.Exercises)
        {
            var css = e.Status == ExerciseStatus.Passed ? "passed" : e.Status == ExerciseStatus.Partial ? "partial" : "bad";
            sb.Append("<tr><td>").Append(H(e.Id)).Append("</td><td class=\"").Append(css).Append("\">").Append(H(e.Status)).Append("</td><td class=\"pts\">")
                .Append(e.Points).Append(" / ").Append(e.Max).Append("</td><td>");
            if (e.Message.Length > 0 && (e.Parts.Count == 0 || e.Status is ExerciseStatus.Forbidden or ExerciseStatus.NotDone or ExerciseStatus.TimedOut))
                sb.Append("<p>").Append(H(e.Message)).Append("</p>");
            if (e.Parts.Count > 0 && e.Status != ExerciseStatus.NotDone)
            {
                sb.Append("<ul>");
                foreach (var p in e.Parts)
                {
                    var ok = p.Outcome == "Passed";
                    sb.Append("<li class=\"").Append(ok ? "passed" : "bad").Append("\">").Append(ok ? "✔ " : "✘ ").Append(H(p.What))
                        .Append(" <span class=\"muted\">(").Append(p.Points).Append('/').Append(p.Max).Append(")</span>");
                    if (!ok) sb.Append(" — ").Append(H(p.Message));
                    sb.Append("</li>");
                }
                sb.Append("</ul>");
            }
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        if (g.Findings.Count > 0)
        {
            sb.Append("<section>\n<h2>About your code</h2>\n<ul>\n");
            foreach (var f in g.Findings.OrderBy(f => f.Cell).ThenBy(f => f.Line))
                sb.Append("<li>Cell ").Append(f.Cell).Append(", line ").Append(f.Line).Append(": ").Append(H(f.Message)).Append("</li>\n");
            sb.Append("</ul>\n</section>\n");
        }
        if (g.CellProblems.Count > 0)
        {
            sb.Append("<section>\n<h2>Cells that failed when your notebook was run</h2>\n<ul>\n");
            foreach (var c in g.CellProblems)
            {
                var message = c.Message.Length > 600 ? c.Message[..600] + " …" : c.Message;
                sb.Append("<li>Cell ").Append(c.Cell).Append(": <code>").Append(H(message)).Append("</code></li>\n");
            }
            sb.Append("</ul>\n</section>\n");
        }
        sb.Append("<p class=\"muted\">Graded by running your notebook's cells, then the teacher's hidden tests of each exercise against your functions.</p>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static HashSet<string> ReadManifest(string folder) => OutputManifest.Read(folder, ManifestFile);
}
