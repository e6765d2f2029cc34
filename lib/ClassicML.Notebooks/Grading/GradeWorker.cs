using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Grading;

/// <summary>What the grader asks a worker process to run (sent on its standard input, read before any student code runs).</summary>
internal sealed record GradeJob
{
    /// <summary>The secret that prefixes the worker's report lines; only the parent and the worker (before student code runs) know it.</summary>
    public required string Key { get; init; }

    /// <summary>The teacher's notebook: relative <c>#r</c> paths start from its folder.</summary>
    public required string LessonPath { get; init; }

    /// <summary>ClassicML.dll as the setup cell references it: hidden tests' results must be of its types.</summary>
    public required string ClassicMLPath { get; init; }

    /// <summary>The teacher's setup cell.</summary>
    public required string Setup { get; init; }

    /// <summary>The student's code cells to run (number in the submission, code with foreign directives removed).</summary>
    public required List<JobCell> Cells { get; init; }

    /// <summary>The hidden-test cells to run after them (exercise id, the teacher's code).</summary>
    public required List<JobHidden> Hidden { get; init; }

    /// <summary>The time limit per cell in seconds.</summary>
    public required double CellTimeoutSeconds { get; init; }
}

internal sealed record JobCell(int Number, string Code);

internal sealed record JobHidden(string Exercise, int CellNumber, string Code);

/// <summary>One graded part as the worker reports it.</summary>
public sealed record PartResult(string Id, string What, int Points, int Max, string Outcome, string Message);

/// <summary>
/// The child process of <c>grade</c>: hosts a fresh .NET Interactive kernel, runs the teacher's setup cell, the
/// student's cells (going on after a failing cell), then each exercise's hidden-test cell rewritten by
/// <see cref="HiddenTestCell.GradingCode"/> with a token made only now. A hidden cell's results count only when its
/// return value is a tuple of that token and an array of ClassicML's own <c>GradedPart</c> (from the ClassicML.dll
/// the teacher's setup cell loaded). Reports go to the process's original standard output as lines prefixed with a
/// key read from standard input before any student code ran; student code writes to its cells' outputs, and what it
/// writes to the raw output lacks the key.
/// </summary>
internal static class GradeWorker
{
    internal const string LinePrefix = "##grade:";

    public static int Run(TextReader input)
    {
        var job = JsonSerializer.Deserialize<GradeJob>(input.ReadToEnd(), JsonOptions)
                  ?? throw new InvalidDataException("grade-worker: no job on standard input.");
        var raw = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        var gate = new object();
        void Report(object message)
        {
            var line = LinePrefix + job.Key + " " + JsonSerializer.Serialize(message, JsonOptions);
            lock (gate) raw.WriteLine(line);
        }

        Environment.SetEnvironmentVariable(NotebookRunner.StrictExercisesVariable, null);
        var timeout = TimeSpan.FromSeconds(job.CellTimeoutSeconds);
        var session = new KernelSession(Path.GetFileName(job.LessonPath), Path.GetDirectoryName(job.LessonPath)!);
        var count = 0;
        Report(new { start = "setup" });
        var setup = session.RunCell(Cell.Code(job.Setup), 0, ++count, timeout);
        Report(new { setup = true, ok = setup.Succeeded, error = setup.Error });
        if (!setup.Succeeded)
        {
            Report(new { end = true });
            return 0;
        }
        foreach (var c in job.Cells)
        {
            Report(new { start = "cell", n = c.Number });
            var cell = Cell.Code(c.Code);
            var r = session.RunCell(cell, c.Number, ++count, timeout);
            Report(new { cell = c.Number, ok = r.Succeeded, error = r.Error, timedOut = r.TimedOut });
            if (session.Abandoned)
            {
                Report(new { abandoned = c.Number });
                return 0;
            }
        }
        foreach (var h in job.Hidden)
        {
            // Made now, after every student cell ran: no student code has seen it.
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var code = new HiddenTestCell(h.Exercise, 0, [], h.Code, h.CellNumber).GradingCode(token);
            Report(new { start = "hidden", exercise = h.Exercise });
            var r = session.RunCell(Cell.Code(code), h.CellNumber, ++count, timeout);
            var parts = r.Succeeded ? Parts(session.LastReturnValue, token, job.ClassicMLPath) : null;
            Report(new { hidden = h.Exercise, ok = r.Succeeded, error = r.Error, timedOut = r.TimedOut, parts });
            if (session.Abandoned)
            {
                Report(new { abandoned = -1, exercise = h.Exercise });
                return 0;
            }
        }
        Report(new { end = true });
        return 0;
    }

    /// <summary>
    /// The parts a hidden cell returned, or null unless <paramref name="value"/> is exactly
    /// <c>System.Tuple&lt;string, ClassicML.Exercises.GradedPart[]&gt;</c> with <paramref name="token"/> first and the
    /// element type from <paramref name="classicML"/>.
    /// </summary>
    internal static List<PartResult>? Parts(object? value, string token, string classicML)
    {
        if (value is null) return null;
        var type = value.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Tuple<,>)) return null;
        var args = type.GetGenericArguments();
        if (args[0] != typeof(string) || !args[1].IsArray) return null;
        var element = args[1].GetElementType()!;
        if (element.FullName != "ClassicML.Exercises.GradedPart" || !SamePath(element.Assembly.Location, classicML)) return null;
        if (!string.Equals((string?)type.GetProperty("Item1")!.GetValue(value), token, StringComparison.Ordinal)) return null;
        var parts = new List<PartResult>();
        foreach (var p in (Array)type.GetProperty("Item2")!.GetValue(value)!)
        {
            if (p is null) continue;
            object? Get(object o, string name) => o.GetType().GetProperty(name)!.GetValue(o);
            var result = Get(p, "Result")!;
            parts.Add(new PartResult((string)Get(p, "Id")!, (string)Get(p, "What")!, (int)Get(p, "Points")!, (int)Get(p, "MaxPoints")!,
                Get(result, "Outcome")!.ToString()!, (string)Get(result, "Message")!));
        }
        return parts;
    }

    private static bool SamePath(string a, string b) =>
        a.Length > 0 && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
