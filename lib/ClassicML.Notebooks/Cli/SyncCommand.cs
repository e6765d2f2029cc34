using System.CommandLine;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Cli;

/// <summary><c>sync [--check]</c>: regenerates each lesson's .ipynb from its .dib (or, with --check, only reports drift).</summary>
public sealed class SyncCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var check = new Option<bool>("--check")
        {
            Description = "Change nothing; exit non-zero if any .ipynb differs from what its .dib generates (for CI).",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Also overwrite an .ipynb that was changed by hand (in Jupyter) since sync generated it; the change is lost.",
        };
        var command = new Command("sync", "Regenerate every notebooks/*.ipynb from its .dib (without outputs).") { check, force };
        command.SetAction(parse =>
        {
            var checkOnly = parse.GetValue(check);
            var folder = RepoPaths.NotebooksFolder(context.Root);
            var dibs = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dib").Order(StringComparer.Ordinal).ToArray() : [];
            var changed = 0;
            var refused = 0;
            foreach (var dib in dibs)
            {
                NotebookSync.Outcome outcome;
                try
                {
                    outcome = NotebookSync.Sync(dib, checkOnly, parse.GetValue(force));
                }
                catch (Exception e) when (e is FormatException or ArgumentException or IOException)
                {
                    context.Error.WriteLine($"{Path.GetFileName(dib)}: {e.Message}");
                    return 2;
                }
                var ipynb = Path.GetFileName(NotebookSync.IpynbPathFor(dib));
                switch (outcome)
                {
                    case NotebookSync.Outcome.Unchanged:
                        context.Out.WriteLine($"unchanged:   {ipynb}");
                        break;
                    case NotebookSync.Outcome.EditedByHand when checkOnly:
                        changed++;
                        context.Out.WriteLine($"out of step: {ipynb} (changed by hand since sync generated it: copy the change into {Path.GetFileName(dib)}, or discard it with sync --force)");
                        break;
                    case NotebookSync.Outcome.EditedByHand:
                        refused++;
                        context.Error.WriteLine(
                            $"kept:        {ipynb} was changed since sync generated it (a cell added or edited, or outputs saved), so it was not overwritten. "
                            + $"To keep the change, copy it into {Path.GetFileName(dib)} (the .dib is the source) and run sync again; "
                            + "to discard it, run: dotnet run --project lib/ClassicML.Notebooks -- sync --force");
                        break;
                    default:
                        changed++;
                        context.Out.WriteLine(checkOnly
                            ? $"out of step: {ipynb} (run: dotnet run --project lib/ClassicML.Notebooks -- sync)"
                            : outcome == NotebookSync.Outcome.Overwritten ? $"overwritten: {ipynb} (--force; its hand-made changes are gone)" : $"updated:     {ipynb}");
                        break;
                }
            }
            foreach (var orphan in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb") : [])
            {
                if (!File.Exists(Path.ChangeExtension(orphan, ".dib")))
                    context.Error.WriteLine($"warning: {Path.GetFileName(orphan)} has no .dib source; sync does not touch it.");
            }
            context.Out.WriteLine($"sync: {dibs.Length} notebook(s), {changed} {(checkOnly ? "out of step" : "updated")}"
                                  + (refused > 0 ? $", {refused} changed by hand and kept" : ""));
            return refused > 0 || (checkOnly && changed > 0) ? 1 : 0;
        });
        return command;
    }
}
