using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Benchmarks;

/// <summary>
/// The whole-course measurements: <c>check</c> of every notebook from a cold process, and one simple cell run in an
/// already-warm notebook session.
/// </summary>
public static class Course
{
    /// <summary>The notebook that warms the runner before the timed cell: the course's setup lesson.</summary>
    public const string PilotNotebook = "notebooks/00-setup.dib";

    /// <summary>The cell timed in the warm session: builds a small matrix and displays it (compile, run, format).</summary>
    public const string WarmCell = "var warm = Matrix<double>.Build.Dense(3, 3, (i, j) => i + 2.0 * j);\nwarm.Transpose() * warm";

    /// <summary>Cold runs of <c>check</c> (a fresh process each).</summary>
    public const int ColdRuns = 3;

    /// <summary>
    /// <c>worker course-warm-cell DATA REPEATS</c>: runs the pilot notebook with <see cref="WarmCell"/> appended, once
    /// as a warm-up and then <paramref name="repeats"/> times in this process, and prints the appended cell's run times
    /// (as the runner measures them) as JSON.
    /// </summary>
    public static int WarmCellWorker(int repeats)
    {
        var root = Comparison.FindRoot();
        var path = Path.Combine(root, PilotNotebook);
        var notebook = NotebookFile.Load(path);
        notebook.Cells.Add(Cell.Code(WarmCell));
        var times = new List<double>();
        for (var r = 0; r <= repeats; r++)
        {
            var result = NotebookRunner.Run(notebook, path);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"bench: {PilotNotebook} failed: {result.FirstError}");
                return 1;
            }
            if (r > 0) times.Add(result.Cells[^1].Elapsed.TotalSeconds);
        }
        Console.WriteLine(JsonSerializer.Serialize(new { workload = "course-warm-cell", times, peak_rss_bytes = Worker.PeakRss(), check = "ok" }));
        return 0;
    }

    /// <summary>The two course rows for the table.</summary>
    public static IEnumerable<(string Name, string Target, double? Seconds, long? Peak, string Note)> Rows(string root, string dotnet)
    {
        var tool = Path.Combine(root, "artifacts", "bin", "ClassicML.Notebooks", "release", "ClassicML.Notebooks.dll");
        var times = new List<double>();
        long? peak = null;
        var note = "";
        for (var r = 0; r < ColdRuns && File.Exists(tool); r++)
        {
            var (seconds, exit, rss) = TimedProcess(dotnet, $"\"{tool}\" check", root);
            if (exit != 0)
            {
                note = $"check exited with {exit} (a notebook failed); ";
                break;
            }
            times.Add(seconds);
            if (rss is { } v) peak = Math.Max(peak ?? 0, v);
        }
        var median = times.Count == 0 ? (double?)null : times.Order().ElementAt(times.Count / 2);
        var notebooks = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.dib").Length;
        yield return ("course-check-cold", "< 20 s", median, peak,
            note + string.Create(CultureInfo.InvariantCulture, $"`check` of all {notebooks} notebooks, fresh process, median of {times.Count}: {string.Join(" / ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} s"));

        Console.WriteLine("bench: course-warm-cell");
        // The worker process runs with the JIT settings of the runner's own runtimeconfig (lib/ClassicML.Notebooks).
        var warm = Comparison.RunProcess(dotnet, $"\"{typeof(Program).Assembly.Location}\" worker course-warm-cell - 5", root,
            new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" });
        var warmTimes = warm?.GetProperty("times").EnumerateArray().Select(t => t.GetDouble()).Order().ToArray();
        yield return ("course-warm-cell", "well under 1 s", warmTimes is { Length: > 0 } w ? w[w.Length / 2] : null, warm?.GetProperty("peak_rss_bytes").GetInt64(),
            $"after {PilotNotebook} in the same runner session: `{WarmCell.Replace("\n", " ", StringComparison.Ordinal)}` (median of 5 sessions)");

        yield return GradeRow(root, dotnet);
    }

    /// <summary>How many generated submissions the grading row grades.</summary>
    public const int ClassSize = 30;

    /// <summary>
    /// The grading row: <c>grade</c> of <see cref="ClassSize"/> generated submissions of one lesson (the first lesson in
    /// notebooks/ with hidden-test cells, else the grader tests' fixture lesson), from a fresh process, all cores. A third
    /// of the class hands in the teacher's solutions, a third the blank student version, a third every other exercise
    /// solved; the teacher's solutions are graded first as usual.
    /// </summary>
    public static (string Name, string Target, double? Seconds, long? Peak, string Note) GradeRow(string root, string dotnet)
    {
        var tool = Path.Combine(root, "artifacts", "bin", "ClassicML.Notebooks", "release", "ClassicML.Notebooks.dll");
        var lessonPath = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.dib").Order(StringComparer.Ordinal)
                             .FirstOrDefault(f => File.ReadAllText(f).Contains(ClassicML.Notebooks.Grading.HiddenTestCell.Marker, StringComparison.Ordinal))
                         ?? Path.Combine(root, "tests", "ClassicML.Notebooks.Tests", "Fixtures", "grading", "09-grading-fixture.dib");
        var lesson = ClassicML.Notebooks.Grading.GradingLesson.Load(lessonPath);
        var work = Directory.CreateTempSubdirectory("classicml-bench-grade-").FullName;
        try
        {
            var subs = Directory.CreateDirectory(Path.Combine(work, "submissions")).FullName;
            for (var i = 0; i < ClassSize; i++)
            {
                var nb = lesson.Teacher.CloneWithoutOutputs();
                nb.Cells.RemoveAll(ClassicML.Notebooks.Grading.HiddenTestCell.IsHiddenTestCell);
                var blank = lesson.StudentVersion;
                // Cells are aligned: the student version differs from the teacher's only inside solution cells.
                var solutionCells = Enumerable.Range(0, nb.Cells.Count).Where(k => nb.Cells[k].Source != blank.Cells[k].Source).ToList();
                for (var j = 0; j < solutionCells.Count; j++)
                {
                    var k = solutionCells[j];
                    if (i % 3 == 1 || (i % 3 == 2 && j % 2 == 1)) nb.Cells[k].Source = blank.Cells[k].Source;
                }
                NotebookFile.Save(nb, Path.Combine(subs, $"student{i + 1:00}.ipynb"));
            }
            Console.WriteLine($"bench: course-grade-{ClassSize} ({lesson.Name})");
            var (seconds, exit, rss) = TimedProcess(dotnet, $"\"{tool}\" grade \"{subs}\" --lesson \"{lessonPath}\" --output \"{Path.Combine(work, "grades")}\"", root);
            return ($"course-grade-{ClassSize}", "report", exit == 0 ? seconds : null, rss,
                (exit == 0 ? "" : $"grade exited with {exit}; ")
                + $"`grade` of {ClassSize} generated submissions of {lesson.Name} ({lesson.HiddenTests.Count} exercises, {lesson.MaxPoints} points), "
                + $"one worker process per submission, {Environment.ProcessorCount} at a time, the teacher's solutions first; fresh process, one run");
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Wall time, exit code and peak RSS (via /usr/bin/time when present) of one child process.</summary>
    private static (double Seconds, int Exit, long? PeakRss) TimedProcess(string file, string arguments, string workDir)
    {
        var timeTool = "/usr/bin/time";
        var rssFile = Path.GetTempFileName();
        var useTime = File.Exists(timeTool);
        var psi = useTime
            ? new ProcessStartInfo(timeTool, $"-f %M -o \"{rssFile}\" \"{file}\" {arguments}")
            : new ProcessStartInfo(file, arguments);
        psi.WorkingDirectory = workDir;
        psi.RedirectStandardOutput = true;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var seconds = sw.Elapsed.TotalSeconds;
        long? rss = null;
        if (useTime && long.TryParse(File.ReadAllText(rssFile).Trim().Split('\n')[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
            rss = kib * 1024;
        File.Delete(rssFile);
        return (seconds, p.ExitCode, rss);
    }
}
