using System.CommandLine;
using ClassicML.Notebooks.Kernel;

namespace ClassicML.Notebooks.Cli;

/// <summary><c>kernel install [--path DIR] [--force]</c>: installs the course's loopback-only Jupyter kernelspec.</summary>
public sealed class KernelCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var path = new Option<string?>("--path")
        {
            Description = "Jupyter data folder to install into (default: your user data folder, e.g. ~/.local/share/jupyter).",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace an existing, different .net-csharp kernelspec (e.g. the one `dotnet interactive jupyter install` wrote).",
        };
        var install = new Command("install",
            "Install the .net-csharp Jupyter kernelspec: dotnet-interactive " + KernelSpec.ToolVersion
            + " from the repository's tool manifest, its HTTP API on 127.0.0.1 only.") { path, force };
        install.SetAction(parse =>
        {
            var folder = parse.GetValue(path) is { } given ? context.FullPath(given) : KernelSpec.UserDataFolder();
            var file = KernelSpec.KernelJsonPath(folder);
            KernelSpec.InstallOutcome outcome;
            try
            {
                outcome = KernelSpec.Install(folder, parse.GetValue(force));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"kernel install: cannot write {file}: {e.Message}");
                return 2;
            }
            switch (outcome)
            {
                case KernelSpec.InstallOutcome.Refused:
                    context.Error.WriteLine($"kernel install: {file} exists and differs from the course's kernelspec; "
                                            + "pass --force to replace it (the course's starts the HTTP API on 127.0.0.1 only).");
                    return 1;
                case KernelSpec.InstallOutcome.Unchanged:
                    context.Out.WriteLine($"unchanged: {file}");
                    break;
                default:
                    context.Out.WriteLine($"{(outcome == KernelSpec.InstallOutcome.Replaced ? "replaced" : "installed")}: {file}");
                    break;
            }
            context.Out.WriteLine("Run `dotnet tool restore` in the repository once, so the pinned dotnet-interactive is there.");
            return 0;
        });
        return new Command("kernel", "The Jupyter kernelspec for the course's .ipynb files.") { install };
    }
}
