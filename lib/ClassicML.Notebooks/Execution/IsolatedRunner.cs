using System.Diagnostics;
using System.Text.Json;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Runs one notebook in a process of its own (this program's <c>run</c> command), so a stack overflow,
/// <c>Environment.Exit</c>, a foreground thread that never ends or running out of memory in one lesson is reported
/// against that lesson — cell and reason — while <c>check</c> and <c>render</c> go on with the others. The child
/// reports each cell on its standard output as a line <c>##classicml {json}</c> and writes the executed notebook to
/// a temporary file.
/// </summary>
public static class IsolatedRunner
{
    /// <summary>The environment variable that makes <c>run</c> print the protocol lines.</summary>
    internal const string WorkerVariable = "CLASSICML_NOTEBOOK_WORKER";

    private const string Prefix = "##classicml ";

    /// <summary>A protocol line for the parent (printed by the child's <c>run</c> when <see cref="WorkerVariable"/> is set).</summary>
    internal static string StartLine(int cell) => Prefix + JsonSerializer.Serialize(new { start = cell });

    /// <summary>A protocol line for a finished cell.</summary>
    internal static string DoneLine(CellRunResult r) =>
        Prefix + JsonSerializer.Serialize(new { done = r.CellNumber, ok = r.Succeeded, ms = r.Elapsed.TotalMilliseconds, error = r.Error, timedOut = r.TimedOut });

    /// <summary>The protocol line that ends a run.</summary>
    internal static string EndLine(bool skipped) => Prefix + JsonSerializer.Serialize(new { end = true, skipped });

    /// <summary>
    /// Runs <paramref name="path"/> in a child process with <paramref name="options"/> (its callbacks are called here,
    /// as the child reports). A child that dies leaves an error output on the cell it was running.
    /// </summary>
    public static RunResult Run(string path, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = NotebookFile.Load(path); // a notebook that cannot be read fails here, in the caller, as before
        NotebookRunner.EnsureCSharp(source, path);
        var clock = Stopwatch.StartNew();
        var output = Path.Combine(Path.GetTempPath(), $"classicml-run-{Environment.ProcessId}-{Guid.NewGuid():N}.ipynb");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
        foreach (var a in new[]
                 {
                     typeof(IsolatedRunner).Assembly.Location, "run", Path.GetFullPath(path), "--output", output,
                     "--timeout", options.CellTimeout.TotalSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(a);
        if (options.ContinueOnError) start.ArgumentList.Add("--continue-on-error");
        start.Environment[WorkerVariable] = "1";
        if (options.StrictExercises) start.Environment[NotebookRunner.StrictExercisesVariable] = "1";
        else start.Environment.Remove(NotebookRunner.StrictExercisesVariable);

        var cells = new List<CellRunResult>();
        int? running = null;
        var ended = false;
        var skipped = false;
        var stderr = new System.Text.StringBuilder();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the notebook process");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        // Silence is bounded by the cell time limit (the child enforces it) plus a margin for start-up and saving.
        var quiet = options.CellTimeout + TimeSpan.FromSeconds(60);
        while (true)
        {
            var read = process.StandardOutput.ReadLineAsync();
            if (!read.Wait(quiet))
            {
                process.Kill(entireProcessTree: true);
                lock (stderr) stderr.AppendLine($"(no word from the notebook process for {quiet.TotalSeconds:0} s; it was ended)");
                break;
            }
            var line = read.Result;
            if (line is null) break;
            if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue; // the child's own console chatter
            using var json = JsonDocument.Parse(line[Prefix.Length..]);
            var e = json.RootElement;
            if (e.TryGetProperty("start", out var s))
            {
                running = s.GetInt32();
                options.OnCellStarting?.Invoke(running.Value);
            }
            else if (e.TryGetProperty("done", out var d))
            {
                var r = new CellRunResult(d.GetInt32(), e.GetProperty("ok").GetBoolean(), TimeSpan.FromMilliseconds(e.GetProperty("ms").GetDouble()),
                    e.GetProperty("error").GetString(), e.GetProperty("timedOut").GetBoolean());
                cells.Add(r);
                running = null;
                options.OnCellFinished?.Invoke(r);
            }
            else if (e.TryGetProperty("end", out _))
            {
                ended = true;
                skipped = e.GetProperty("skipped").GetBoolean();
            }
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill(entireProcessTree: true);
        process.WaitForExit();

        Notebook notebook;
        if (ended && File.Exists(output))
        {
            notebook = NotebookFile.Load(output);
            File.Delete(output);
            return new RunResult(notebook, cells, clock.Elapsed) { Skipped = skipped };
        }

        // The process died: the cell it was running carries the reason; cells after it did not run.
        if (File.Exists(output)) File.Delete(output);
        notebook = source.CloneWithoutOutputs();
        var name = Path.GetFileName(path);
        var cellNumber = running ?? (cells.Count > 0 ? cells[^1].CellNumber : notebook.Cells.FindIndex(c => c.Kind == CellKind.Code) + 1);
        string errorText;
        lock (stderr) errorText = stderr.ToString();
        var reason = Reason(process.ExitCode, errorText);
        var message = $"{name}: cell {cellNumber}: the notebook's process ended: {reason}. Later cells were not run.";
        if (cellNumber >= 1 && cellNumber <= notebook.Cells.Count)
            notebook.Cells[cellNumber - 1].Outputs.Add(new ErrorOutput("NotebookProcessEnded", message,
                [message, .. errorText.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(20)]));
        var failed = new CellRunResult(cellNumber, false, clock.Elapsed, message);
        cells.Add(failed);
        options.OnCellFinished?.Invoke(failed);
        return new RunResult(notebook, cells, clock.Elapsed) { Skipped = true };
    }

    /// <summary>Why the child ended, from its exit code and what it wrote to stderr.</summary>
    internal static string Reason(int exitCode, string stderr)
    {
        if (stderr.Contains("Stack overflow", StringComparison.Ordinal)) return "stack overflow (endless recursion?)";
        if (stderr.Contains("OutOfMemoryException", StringComparison.Ordinal)) return "out of memory";
        if (exitCode is 137 or -9) return "killed by the system (out of memory?)";
        if (stderr.Contains("no word from the notebook process", StringComparison.Ordinal)) return "it stopped responding and was ended";
        return $"it exited with code {exitCode} before the notebook finished (Environment.Exit in a cell?)";
    }
}
