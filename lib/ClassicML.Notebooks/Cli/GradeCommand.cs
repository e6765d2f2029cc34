using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClassicML.Notebooks.Grading;

namespace ClassicML.Notebooks.Cli;

/// <summary>
/// <c>grade &lt;submissions&gt; [--lesson L] [--output dir] [--timeout s] [--submission-timeout s] [--jobs n]</c>:
/// grades a class's notebooks of one lesson against the teacher's hidden tests (see <see cref="Grader"/>).
/// </summary>
public sealed class GradeCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var submissions = new Argument<string>("submissions")
        {
            Description = "Folder with one notebook per student (alice.ipynb: student = file name) or one folder per student (student = folder name).",
        };
        var lesson = new Option<string?>("--lesson", "-l")
        {
            Description = "The lesson: its number (3), name (03-linear-regression) or the teacher's notebook; default: from the notebooks' or the folder's name.",
        };
        var output = new Option<string?>("--output", "-o") { Description = "Folder for gradebook.csv and feedback/<student>.html; default artifacts/grades/<lesson>." };
        var timeout = new Option<double>("--timeout") { Description = "Time limit per cell in seconds (a student's cell, or one exercise's hidden tests).", DefaultValueFactory = _ => 60 };
        var total = new Option<double>("--submission-timeout") { Description = "Time limit per submission in seconds, restarts included.", DefaultValueFactory = _ => 600 };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Submissions graded at once; default the number of cores.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("grade",
            "Grade a class's submissions of one lesson: each runs in a process of its own, then the teacher's hidden tests run "
            + "against it; writes gradebook.csv and a feedback page per student.")
        {
            submissions, lesson, output, timeout, total, jobs,
        };
        command.SetAction(parse =>
        {
            if (CommonOptions.ReadTimeout(parse, timeout, context) is not { } limit) return 2;
            var seconds = parse.GetValue(total);
            if (!(seconds > 0 && seconds <= CommonOptions.MaxTimeoutSeconds))
            {
                context.Error.WriteLine($"--submission-timeout must be a positive number of seconds, at most {CommonOptions.MaxTimeoutSeconds}, not {seconds}.");
                return 2;
            }
            if (parse.GetValue(jobs) is var n && n < 1)
            {
                context.Error.WriteLine($"--jobs must be at least 1, not {n}.");
                return 2;
            }
            string? root;
            try { root = context.Root; }
            catch (DirectoryNotFoundException) { root = null; }
            var folder = context.FullPath(parse.GetValue(submissions)!);
            var notebooks = root is null ? Path.Combine(context.WorkingDirectory, "notebooks") : RepoPaths.NotebooksFolder(root);
            string lessonPath;
            if (parse.GetValue(lesson) is { } l) lessonPath = GradingLesson.Resolve(l, notebooks, context.WorkingDirectory);
            else
            {
                var guessed = GradingLesson.FromName(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), notebooks)
                              ?? (Directory.Exists(folder)
                                  ? Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
                                      .Select(f => GradingLesson.FromName(Path.GetFileName(f), notebooks)).FirstOrDefault(x => x is not null)
                                  : null);
                lessonPath = guessed ?? throw new ArgumentException(
                    "cannot tell which lesson these submissions are: name the lesson with --lesson (a number such as 3, or the teacher's notebook).");
            }
            var grading = GradingLesson.Load(lessonPath);
            var target = parse.GetValue(output) is { } o ? context.FullPath(o)
                : Path.Combine(RepoPaths.ArtifactsFolder(root ?? context.WorkingDirectory), "grades", grading.Name);
            var found = Grader.FindSubmissions(folder, grading.Name);
            GradeReport.EnsureWritable(target, root, folder); // before any grading, so a bad --output costs nothing
            var options = new GradeOptions
            {
                CellTimeout = limit,
                SubmissionTimeout = TimeSpan.FromSeconds(seconds),
                Jobs = parse.GetValue(jobs),
                Log = line => { lock (context.Out) context.Out.WriteLine(line); },
            };
            var clock = Stopwatch.StartNew();
            context.Out.WriteLine($"grade: {grading.Name}: {grading.HiddenTests.Count} exercises, {grading.MaxPoints} points; checking the teacher's solutions first");
            Grader.ValidateKey(grading, options);
            context.Out.WriteLine($"grade: the teacher's solutions score {grading.MaxPoints}/{grading.MaxPoints}; grading {found.Count} submission(s), {options.Jobs} at a time");
            var grades = Grader.GradeAll(found, grading, options);
            GradeReport.Write(target, grading, grades, root, folder);
            var failed = grades.Where(g => g.Error is not null).ToList();
            context.Out.WriteLine($"grade: wrote {Path.Combine(target, "gradebook.csv")} and {grades.Count} feedback page(s) in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            if (failed.Count == 0) return 0;
            context.Error.WriteLine($"grade: {failed.Count} submission(s) could not be graded: {string.Join(", ", failed.Select(f => f.Student))} (see the gradebook's total rows).");
            return 1;
        });
        return command;
    }
}

/// <summary>The hidden <c>grade-worker</c> command: the child process of <c>grade</c> (reads its job on standard input).</summary>
public sealed class GradeWorkerCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var command = new Command(Grader.GradeWorkerCommandName, "Internal: grades one submission for 'grade' (job on standard input).") { Hidden = true };
        command.SetAction(_ => GradeWorker.Run(Console.In));
        return command;
    }
}
