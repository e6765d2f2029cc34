using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Grading;

/// <summary>How <see cref="Grader"/> grades.</summary>
public sealed record GradeOptions
{
    /// <summary>The longest one cell (a student's cell, or one exercise's hidden tests) may run (default 60 s).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest one submission may take altogether, restarts included (default 10 minutes).</summary>
    public TimeSpan SubmissionTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many submissions are graded at once (default: the number of cores).</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Called with a line of progress (thread-safe); null for none.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>The status of one exercise in the gradebook.</summary>
public static class ExerciseStatus
{
    /// <summary>Every hidden part passed: full points.</summary>
    public const string Passed = "passed";
    /// <summary>Some parts passed: their points.</summary>
    public const string Partial = "partial";
    /// <summary>The code ran but no part passed.</summary>
    public const string Failed = "failed";
    /// <summary>The solution still throws NotImplementedException.</summary>
    public const string NotDone = "not done";
    /// <summary>The student's own code uses a member the exercise forbids: 0 points.</summary>
    public const string Forbidden = "forbidden";
    /// <summary>The hidden tests (or the whole submission) ran out of time.</summary>
    public const string TimedOut = "timed out";
    /// <summary>The hidden tests ended the grading process (stack overflow, Environment.Exit …).</summary>
    public const string Crashed = "crashed";
    /// <summary>The hidden tests never ran (the notebook could not be read, or it ended the process too often).</summary>
    public const string NotRun = "not run";
}

/// <summary>One exercise of one submission, graded.</summary>
/// <param name="Id">The exercise id.</param>
/// <param name="Points">Points earned.</param>
/// <param name="Max">The exercise's maximum.</param>
/// <param name="Status">One of <see cref="ExerciseStatus"/>.</param>
/// <param name="Message">Why, in one sentence (empty when every part passed).</param>
/// <param name="Parts">The hidden tests' parts as they ran (empty when they did not).</param>
public sealed record ExerciseGrade(string Id, int Points, int Max, string Status, string Message, IReadOnlyList<PartResult> Parts);

/// <summary>A student's cell that failed when graded.</summary>
public sealed record CellProblem(int Cell, string Message);

/// <summary>One submission, graded.</summary>
/// <param name="Student">The student (file or folder name).</param>
/// <param name="SubmissionPath">The submitted notebook, or the student's folder when no notebook was found.</param>
/// <param name="Exercises">Every exercise of the lesson, in order.</param>
/// <param name="Findings">What the scan of the student's own code found.</param>
/// <param name="CellProblems">The student's cells that failed (compile errors, exceptions, time-outs, process crashes).</param>
/// <param name="Error">Why the submission could not be graded at all, or null.</param>
/// <param name="Elapsed">Wall-clock time spent on it.</param>
public sealed record SubmissionGrade(string Student, string SubmissionPath, IReadOnlyList<ExerciseGrade> Exercises, IReadOnlyList<Finding> Findings,
    IReadOnlyList<CellProblem> CellProblems, string? Error, TimeSpan Elapsed)
{
    /// <summary>The points earned over all exercises.</summary>
    public int Points => Exercises.Sum(e => e.Points);

    /// <summary>The lesson's maximum.</summary>
    public int Max => Exercises.Sum(e => e.Max);
}

/// <summary>A submission found in the submissions folder.</summary>
/// <param name="Student">The student: the notebook's file name (one file per student) or the folder's name (one folder per student).</param>
/// <param name="Path">The notebook, or the student's folder when it holds no notebook for the lesson.</param>
public sealed record Submission(string Student, string Path);

/// <summary>
/// Grades submissions of one lesson: each in a worker process of its own (<see cref="GradeWorker"/>), restarted
/// without a student cell that ended the process or was left running, and within a time limit per cell and per
/// submission; the teacher's solutions first, which must score full marks (and so prove the hidden tests and their
/// points right).
/// </summary>
public static class Grader
{
    /// <summary>
    /// The submissions in <paramref name="folder"/>: every .ipynb/.dib file directly in it (student = file name), and
    /// every sub-folder (student = folder name) with its notebook — the one named like the lesson, else its only notebook.
    /// </summary>
    /// <exception cref="ArgumentException">The folder does not exist, holds nothing, or names one student twice.</exception>
    public static IReadOnlyList<Submission> FindSubmissions(string folder, string? lessonName)
    {
        if (!Directory.Exists(folder))
            throw new ArgumentException($"<submissions>: no folder at '{folder}'; give the folder that holds one notebook (or one folder) per student.");
        var found = new List<Submission>();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var ext = System.IO.Path.GetExtension(file).ToLowerInvariant();
            if (ext is ".ipynb" or ".dib") found.Add(new Submission(System.IO.Path.GetFileNameWithoutExtension(file), file));
        }
        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(dir);
            if (name.StartsWith('.')) continue;
            var notebooks = Directory.GetFiles(dir).Where(f => System.IO.Path.GetExtension(f).ToLowerInvariant() is ".ipynb" or ".dib")
                .Where(f => !System.IO.Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
            var pick = notebooks.FirstOrDefault(f => lessonName is not null && System.IO.Path.GetFileNameWithoutExtension(f).Equals(lessonName, StringComparison.OrdinalIgnoreCase)
                                                     && f.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                       ?? notebooks.FirstOrDefault(f => lessonName is not null && System.IO.Path.GetFileNameWithoutExtension(f).Equals(lessonName, StringComparison.OrdinalIgnoreCase))
                       ?? (notebooks.Count == 1 ? notebooks[0] : null);
            found.Add(new Submission(name, pick ?? dir));
        }
        if (found.Count == 0)
            throw new ArgumentException($"<submissions>: '{folder}' holds no .ipynb or .dib file and no folder; put one notebook (or one folder) per student in it.");
        if (found.GroupBy(s => s.Student, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"<submissions>: student '{twice.Key}' appears twice ({string.Join(", ", twice.Select(s => System.IO.Path.GetFileName(s.Path)))}); keep one notebook per student.");
        foreach (var s in found)
        {
            if (s.Student.Length == 0 || s.Student.Any(c => char.IsControl(c)) || s.Student is "." or "..")
                throw new ArgumentException($"<submissions>: '{s.Path}' does not give a usable student name.");
        }
        return found;
    }

    /// <summary>
    /// Grades the teacher's own solutions: every exercise must score its maximum and every hidden cell's parts must add up
    /// to its points= and carry its id.
    /// </summary>
    /// <exception cref="FormatException">They do not: names the notebook, the cell and what is wrong.</exception>
    public static SubmissionGrade ValidateKey(GradingLesson lesson, GradeOptions options)
    {
        var teacher = lesson.Teacher.CloneWithoutOutputs();
        teacher.Cells.RemoveAll(HiddenTestCell.IsHiddenTestCell);
        var grade = Grade(new Submission("(teacher)", lesson.Path), teacher, lesson, options);
        var name = System.IO.Path.GetFileName(lesson.Path);
        if (grade.Error is { } error) throw new FormatException($"{name}: the teacher's solutions could not be graded: {error}");
        foreach (var h in lesson.HiddenTests)
        {
            var e = grade.Exercises.Single(x => x.Id == h.ExerciseId);
            if (e.Parts.FirstOrDefault(p => p.Id != h.ExerciseId) is { } stray)
                throw new FormatException($"{name}: cell {h.CellNumber}: hidden tests {h.ExerciseId} hold a part for exercise {stray.Id} ('{stray.What}'); a hidden-test cell grades its own exercise only.");
            if (e.Parts.Count > 0 && e.Parts.Sum(p => p.Max) != h.Points)
                throw new FormatException($"{name}: cell {h.CellNumber}: hidden tests {h.ExerciseId} declare points={h.Points} but their parts add up to {e.Parts.Sum(p => p.Max)}; make them agree.");
            if (e.Points != e.Max)
                throw new FormatException($"{name}: cell {h.CellNumber}: the teacher's own solution scores {e.Points}/{e.Max} on hidden tests {h.ExerciseId} ({e.Status}: {e.Message}); fix the solution or the hidden tests before grading.");
        }
        return grade;
    }

    /// <summary>Grades every submission (at most <see cref="GradeOptions.Jobs"/> at once); results in the submissions' order.</summary>
    public static IReadOnlyList<SubmissionGrade> GradeAll(IReadOnlyList<Submission> submissions, GradingLesson lesson, GradeOptions options)
    {
        var results = new SubmissionGrade[submissions.Count];
        Parallel.For(0, submissions.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs) }, i =>
        {
            results[i] = Grade(submissions[i], lesson, options);
            var r = results[i];
            options.Log?.Invoke(r.Error is null
                ? $"  {r.Student}: {r.Points}/{r.Max} ({r.Elapsed.TotalSeconds:0.0} s)"
                : $"  {r.Student}: not graded — {r.Error}");
        });
        return results;
    }

    /// <summary>Grades one submission file.</summary>
    public static SubmissionGrade Grade(Submission submission, GradingLesson lesson, GradeOptions options)
    {
        var clock = Stopwatch.StartNew();
        Notebook notebook;
        try
        {
            if (Directory.Exists(submission.Path))
                throw new FileNotFoundException($"the folder holds no notebook named {lesson.Name}.ipynb or .dib (and not exactly one other notebook)");
            notebook = NotebookFile.Load(submission.Path);
            NotebookRunner.EnsureCSharp(notebook, submission.Path);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            var message = $"{System.IO.Path.GetFileName(submission.Path)}: {e.Message}";
            return new SubmissionGrade(submission.Student, submission.Path,
                lesson.HiddenTests.Select(h => new ExerciseGrade(h.ExerciseId, 0, h.Points, ExerciseStatus.NotRun, "the notebook could not be read: " + e.Message, [])).ToList(),
                [], [], message, clock.Elapsed);
        }
        return Grade(submission, notebook, lesson, options, clock);
    }

    private static SubmissionGrade Grade(Submission submission, Notebook notebook, GradingLesson lesson, GradeOptions options, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        IReadOnlyList<Finding> findings;
        try
        {
            findings = SubmissionScanner.Scan(notebook, lesson);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The scan must not stop grading; a forbidden member it could not look for is said in the feedback.
            findings = [new Finding(FindingKind.Suspicious, 0, 0, "scan", $"the scan for forbidden library members failed ({e.GetType().Name}: {e.Message}); a teacher should read this notebook.")];
        }
        var cells = new List<JobCell>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var c = notebook.Cells[i];
            // A hidden-test cell in a submission is the student's text, not the teacher's: it does not run.
            if (c.Kind != CellKind.Code || c.KernelName != Cell.CSharpKernel || HiddenTestCell.IsHiddenTestCell(c)) continue;
            cells.Add(new JobCell(i + 1, SubmissionScanner.StripForeignDirectives(c.Source, lesson).Code));
        }
        var graded = new Dictionary<string, ExerciseGrade>(StringComparer.Ordinal);
        var problems = new List<CellProblem>();
        var skipped = new HashSet<int>();
        string? error = null;
        var deadline = clock.Elapsed + options.SubmissionTimeout;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var remaining = lesson.HiddenTests.Where(h => !graded.ContainsKey(h.ExerciseId)).ToList();
            if (remaining.Count == 0) break;
            var left = deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                foreach (var h in remaining)
                    graded[h.ExerciseId] = new ExerciseGrade(h.ExerciseId, 0, h.Points, ExerciseStatus.TimedOut,
                        $"grading this notebook took longer than its time limit of {options.SubmissionTimeout.TotalSeconds:0} s, so these hidden tests did not run.", []);
                break;
            }
            var run = RunWorker(lesson, cells.Where(c => !skipped.Contains(c.Number)).ToList(), remaining, options.CellTimeout, left);
            if (run.SetupError is { } setupError)
            {
                error = "the lesson's setup cell failed: " + setupError;
                break;
            }
            foreach (var (number, message) in run.CellErrors)
                if (!problems.Any(p => p.Cell == number && p.Message == message)) problems.Add(new CellProblem(number, message));
            foreach (var (exercise, outcome) in run.Hidden)
                graded[exercise] = ToGrade(lesson.HiddenTests.Single(h => h.ExerciseId == exercise), outcome);
            if (run.Died is not { } death) continue;
            if (death.Cell is { } cell)
            {
                // A student's cell ended the process (or could not be stopped): grade again without it.
                problems.Add(new CellProblem(cell, $"this cell {death.Reason}; the notebook was graded again without it."));
                skipped.Add(cell);
            }
            else if (death.Exercise is { } exercise)
            {
                var h = lesson.HiddenTests.Single(x => x.ExerciseId == exercise);
                graded[exercise] = new ExerciseGrade(exercise, 0, h.Points, death.TimedOut ? ExerciseStatus.TimedOut : ExerciseStatus.Crashed,
                    $"the hidden tests {death.Reason} while calling your code.", []);
            }
            else
            {
                error = "the grading process " + death.Reason + " before your cells ran";
                break;
            }
        }
        var exercises = lesson.HiddenTests.Select(h => graded.TryGetValue(h.ExerciseId, out var g) ? g
            : new ExerciseGrade(h.ExerciseId, 0, h.Points, ExerciseStatus.NotRun, "the hidden tests did not run: your notebook ended the grading process too often.", [])).ToList();
        // A forbidden library member in the student's own code: the exercise earns nothing.
        for (var i = 0; i < exercises.Count; i++)
        {
            var e = exercises[i];
            var hits = findings.Where(f => f.Kind == FindingKind.Forbidden && f.ExerciseId == e.Id).ToList();
            if (hits.Count == 0) continue;
            var where = string.Join("; ", hits.Select(f => $"{f.What} (cell {f.Cell}, line {f.Line})"));
            exercises[i] = e with { Points = 0, Status = ExerciseStatus.Forbidden, Message = $"your code uses {where}, which this exercise forbids; write it yourself. (Without it the hidden tests gave {e.Points}/{e.Max}.)" };
        }
        return new SubmissionGrade(submission.Student, submission.Path, exercises, findings, problems.OrderBy(p => p.Cell).ToList(), error, clock.Elapsed);
    }

    private static ExerciseGrade ToGrade(HiddenTestCell h, HiddenOutcome o)
    {
        if (o.TimedOut)
            return new ExerciseGrade(h.ExerciseId, 0, h.Points, ExerciseStatus.TimedOut, $"the hidden tests ran longer than the time limit per cell; {o.Error}", o.Parts ?? []);
        if (o.Parts is null)
            return new ExerciseGrade(h.ExerciseId, 0, h.Points, ExerciseStatus.Failed,
                o.Error is null ? "the hidden tests returned no result the grader could trust." : $"the hidden tests could not run against your code: {o.Error}", []);
        var parts = o.Parts.Where(p => p.Id == h.ExerciseId).ToList();
        var points = Math.Min(h.Points, parts.Sum(p => p.Points));
        string status;
        if (points == h.Points && parts.Count > 0) status = ExerciseStatus.Passed;
        else if (parts.Count > 0 && parts.All(p => p.Outcome == "NotDone")) status = ExerciseStatus.NotDone;
        else if (points > 0) status = ExerciseStatus.Partial;
        else status = ExerciseStatus.Failed;
        var failedParts = parts.Where(p => p.Outcome != "Passed").ToList();
        var message = status == ExerciseStatus.NotDone ? "not done: the solution still throws NotImplementedException."
            : failedParts.Count == 0 ? ""
            : string.Join(" ", failedParts.Select(p => $"{p.What}: {p.Message}"));
        return new ExerciseGrade(h.ExerciseId, points, h.Points, status, message, parts);
    }

    private sealed record HiddenOutcome(List<PartResult>? Parts, string? Error, bool TimedOut);

    private sealed record Death(int? Cell, string? Exercise, string Reason, bool TimedOut);

    private sealed class WorkerRun
    {
        public string? SetupError { get; set; }
        public List<(int Cell, string Message)> CellErrors { get; } = [];
        public List<(string Exercise, HiddenOutcome Outcome)> Hidden { get; } = [];
        public Death? Died { get; set; }
    }

    /// <summary>Runs one worker process and reads its keyed report lines.</summary>
    private static WorkerRun RunWorker(GradingLesson lesson, List<JobCell> cells, List<HiddenTestCell> hidden, TimeSpan cellTimeout, TimeSpan budget)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var classicML = ClassicMLPath(lesson);
        var job = new GradeJob
        {
            Key = key,
            LessonPath = lesson.Path,
            ClassicMLPath = classicML,
            Setup = lesson.Setup.Source,
            Cells = cells,
            Hidden = hidden.Select(h => new JobHidden(h.ExerciseId, h.CellNumber, h.Source)).ToList(),
            CellTimeoutSeconds = cellTimeout.TotalSeconds,
        };
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The lesson's folder, as Jupyter and Polyglot run a notebook: the lessons find data/ by searching upwards from it.
            WorkingDirectory = System.IO.Path.GetDirectoryName(lesson.Path)!,
        };
        start.ArgumentList.Add(typeof(Grader).Assembly.Location);
        start.ArgumentList.Add(GradeWorkerCommandName);
        start.Environment.Remove(NotebookRunner.StrictExercisesVariable);
        start.Environment.Remove(IsolatedRunner.WorkerVariable);

        var run = new WorkerRun();
        var prefix = GradeWorker.LinePrefix + key + " ";
        var stderr = new System.Text.StringBuilder();
        string? runningPhase = null;
        int? runningCell = null;
        string? runningExercise = null;
        var ended = false;
        var timedOut = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the grading process");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr)
                if (stderr.Length < 20_000) stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        process.StandardInput.Write(JsonSerializer.Serialize(job, GradeWorker.JsonOptions));
        process.StandardInput.Close();
        // Silence is bounded by the cell limit (the worker enforces it) plus start-up; the whole run by the budget.
        var quiet = cellTimeout + TimeSpan.FromSeconds(90);
        while (true)
        {
            var wait = TimeSpan.FromTicks(Math.Min(quiet.Ticks, Math.Max(0, (budget - clock.Elapsed).Ticks)));
            var read = process.StandardOutput.ReadLineAsync();
            if (!read.Wait(wait))
            {
                timedOut = true;
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                break;
            }
            var line = read.Result;
            if (line is null) break;
            if (!line.StartsWith(prefix, StringComparison.Ordinal)) continue; // anything else is the student's code talking
            using var json = JsonDocument.Parse(line[prefix.Length..]);
            var e = json.RootElement;
            if (e.TryGetProperty("start", out var s))
            {
                runningPhase = s.GetString();
                runningCell = e.TryGetProperty("n", out var n) ? n.GetInt32() : null;
                runningExercise = e.TryGetProperty("exercise", out var x) ? x.GetString() : null;
            }
            else if (e.TryGetProperty("setup", out _))
            {
                if (!e.GetProperty("ok").GetBoolean()) run.SetupError = e.TryGetProperty("error", out var er) ? er.GetString() : "failed";
                runningPhase = null;
            }
            else if (e.TryGetProperty("cell", out var c))
            {
                if (!e.GetProperty("ok").GetBoolean())
                    run.CellErrors.Add((c.GetInt32(), e.TryGetProperty("error", out var er) ? er.GetString() ?? "failed" : "failed"));
                runningPhase = null;
            }
            else if (e.TryGetProperty("hidden", out var h))
            {
                List<PartResult>? parts = e.TryGetProperty("parts", out var p) ? p.Deserialize<List<PartResult>>(GradeWorker.JsonOptions) : null;
                run.Hidden.Add((h.GetString()!, new HiddenOutcome(parts, e.TryGetProperty("error", out var er) ? er.GetString() : null, e.GetProperty("timedOut").GetBoolean())));
                runningPhase = null;
            }
            else if (e.TryGetProperty("abandoned", out var a))
            {
                // The worker could not stop a cell and quit. A student's cell: grade again without it. Hidden tests: their
                // time-out is recorded; the exercises after them run in the next attempt.
                if (a.GetInt32() >= 0)
                {
                    run.Died = new Death(a.GetInt32(), null, $"ran longer than the time limit of {cellTimeout.TotalSeconds:0.#} s and could not be stopped", true);
                    run.CellErrors.RemoveAll(x => x.Cell == a.GetInt32());
                }
                ended = true;
            }
            else if (e.TryGetProperty("end", out _))
            {
                ended = true;
            }
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(20))) { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }
        process.WaitForExit();
        if (ended) return run;

        string errorText;
        lock (stderr) errorText = stderr.ToString();
        var reason = timedOut
            ? (clock.Elapsed >= budget ? "was still running when the notebook's time limit ran out" : "stopped responding and was ended")
            : "ended the grading process: " + IsolatedRunner.Reason(process.ExitCode, errorText);
        run.Died = runningPhase switch
        {
            "cell" => new Death(runningCell, null, reason, timedOut),
            "hidden" => new Death(null, runningExercise, reason, timedOut),
            _ => new Death(null, null, reason, timedOut),
        };
        return run;
    }

    /// <summary>The hidden command that runs a <see cref="GradeWorker"/>.</summary>
    internal const string GradeWorkerCommandName = "grade-worker";

    /// <summary>ClassicML.dll as the lesson's setup cell references it (its first <c>#r</c> of a file named ClassicML.dll).</summary>
    internal static string ClassicMLPath(GradingLesson lesson)
    {
        foreach (var line in lesson.Setup.Source.Split('\n'))
        {
            var m = System.Text.RegularExpressions.Regex.Match(line.Trim(), "^#r\\s+\"(?<p>[^\"]+)\"$");
            if (m.Success && System.IO.Path.GetFileName(m.Groups["p"].Value).Equals("ClassicML.dll", StringComparison.OrdinalIgnoreCase))
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(lesson.Path)!, m.Groups["p"].Value));
        }
        throw new FormatException($"{System.IO.Path.GetFileName(lesson.Path)}: its first code cell has no #r \"…/ClassicML.dll\" line; the grader needs the lesson to load ClassicML there.");
    }
}
