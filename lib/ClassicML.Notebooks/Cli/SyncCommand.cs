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
        var command = new Command("sync", "Regenerate every notebooks/*.ipynb from its .dib (without outputs).") { check };
        command.SetAction(parse =>
        {
            var checkOnly = parse.GetValue(check);
            var folder = RepoPaths.NotebooksFolder(context.Root);
            var dibs = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dib").Order(StringComparer.Ordinal).ToArray() : [];
            var changed = 0;
            foreach (var dib in dibs)
            {
                bool differs;
                try
                {
                    differs = NotebookSync.Sync(dib, checkOnly);
                }
                catch (Exception e) when (e is FormatException or ArgumentException or IOException)
                {
                    context.Error.WriteLine($"{Path.GetFileName(dib)}: {e.Message}");
                    return 2;
                }
                var ipynb = Path.GetFileName(NotebookSync.IpynbPathFor(dib));
                if (differs)
                {
                    changed++;
                    context.Out.WriteLine(checkOnly ? $"out of step: {ipynb} (run: dotnet run --project lib/ClassicML.Notebooks -- sync)" : $"updated:     {ipynb}");
                }
                else context.Out.WriteLine($"unchanged:   {ipynb}");
            }
            foreach (var orphan in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb") : [])
            {
                if (!File.Exists(Path.ChangeExtension(orphan, ".dib")))
                    context.Error.WriteLine($"warning: {Path.GetFileName(orphan)} has no .dib source; sync does not touch it.");
            }
            context.Out.WriteLine($"sync: {dibs.Length} notebook(s), {changed} {(checkOnly ? "out of step" : "updated")}");
            return checkOnly && changed > 0 ? 1 : 0;
        });
        return command;
    }
}
