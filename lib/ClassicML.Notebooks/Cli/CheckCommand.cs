using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Cli;

/// <summary>
/// <c>check [notebook…]</c>: runs every lesson under <c>notebooks/</c> (or the named ones) with exercise checks in
/// strict mode, writes the executed copies to <c>artifacts/executed/</c>, and fails when any cell fails.
/// </summary>
public sealed class CheckCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var notebooks = new Argument<string[]>("notebook")
        {
            Description = "Notebooks to check; default: every .dib in notebooks/ (or .ipynb without a .dib).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var timeout = CommonOptions.Timeout();
        var continueOnError = CommonOptions.ContinueOnError();
        var command = new Command("check", "Run notebooks with strict exercise checks; exit non-zero if any cell fails.")
        {
            notebooks, timeout, continueOnError,
        };
        command.SetAction(parse =>
        {
            if (CommonOptions.ReadTimeout(parse, timeout, context) is not { } limit) return 2;
            var paths = parse.GetValue(notebooks) is { Length: > 0 } named
                ? named.Select(context.FullPath).ToArray()
                : LessonFiles(context.Root);
            if (paths.Length == 0)
            {
                context.Error.WriteLine("No notebooks to check: notebooks/ holds no .dib or .ipynb files.");
                return 1;
            }
            var clock = Stopwatch.StartNew();
            var failed = new List<string>();
            var options = new RunOptions { CellTimeout = limit, ContinueOnError = parse.GetValue(continueOnError), StrictExercises = true };
            // Each lesson in its own process: a crash in one is reported against it and the others still run. The
            // processes overlap, one per core, started longest first (RunSchedule); their reports are printed whole
            // and in course order.
            var reports = paths.Select(_ => (Out: new StringWriter(), Error: new StringWriter())).ToArray();
            var outcomes = new RunResult?[paths.Length];
            var done = paths.Select(_ => new TaskCompletionSource()).ToArray();
            var timesFile = Path.Combine(Path.GetDirectoryName(RunCommand.DefaultOutput(context, paths[0]))!, RunSchedule.FileName);
            var queue = new System.Collections.Concurrent.ConcurrentQueue<int>(RunSchedule.LongestFirst(paths, timesFile));
            var workers = Enumerable.Range(0, Math.Min(paths.Length, Math.Max(1, Environment.ProcessorCount))).Select(_ => Task.Run(() =>
            {
                while (queue.TryDequeue(out var i))
                {
                    try
                    {
                        var own = context with { Out = reports[i].Out, Error = reports[i].Error };
                        outcomes[i] = NotebookExecution.RunAndReport(paths[i], own, options, isolated: true);
                        if (outcomes[i] is { } result)
                            NotebookFile.Save(result.Notebook, RunCommand.DefaultOutput(context, paths[i]));
                    }
                    finally
                    {
                        done[i].SetResult();
                    }
                }
            })).ToArray();
            for (var i = 0; i < paths.Length; i++)
            {
                done[i].Task.Wait();
                context.Out.Write(reports[i].Out.ToString());
                context.Error.Write(reports[i].Error.ToString());
                if (outcomes[i] is not { Succeeded: true }) failed.Add(Path.GetFileName(paths[i]));
            }
            Task.WaitAll(workers);
            RunSchedule.Record(timesFile, Enumerable.Range(0, paths.Length)
                .Where(i => outcomes[i] is not null).Select(i => (paths[i], outcomes[i]!.Elapsed)));
            var seconds = clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            context.Out.WriteLine($"checked {paths.Length} notebook(s) in {seconds} s: {paths.Length - failed.Count} ok, {failed.Count} failing"
                                  + (failed.Count > 0 ? " (" + string.Join(", ", failed) + ")" : ""));
            return failed.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The lessons: each .dib in notebooks/, plus any .ipynb that has no .dib beside it; sorted by name.</summary>
    internal static string[] LessonFiles(string root)
    {
        var folder = RepoPaths.NotebooksFolder(root);
        if (!Directory.Exists(folder)) return [];
        var dibs = Directory.GetFiles(folder, "*.dib");
        var lonely = Directory.GetFiles(folder, "*.ipynb").Where(p => !File.Exists(Path.ChangeExtension(p, ".dib")));
        return [.. dibs.Concat(lonely).Order(StringComparer.Ordinal)];
    }
}
