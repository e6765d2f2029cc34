using System.CommandLine;
using System.Reflection;

namespace ClassicML.Notebooks.Cli;

/// <summary>
/// One command of the program. Every non-abstract class in this assembly that implements this interface and has
/// a parameterless constructor becomes a subcommand, so adding a command is adding one file.
/// </summary>
public interface ICliCommand
{
    /// <summary>Builds the command, its arguments, options and action.</summary>
    Command Create(CliContext context);
}

/// <summary>What commands share: where to write, and where the repository is.</summary>
/// <param name="Out">Where progress and results go (standard output).</param>
/// <param name="Error">Where problems go (standard error).</param>
/// <param name="WorkingDirectory">The folder relative paths start from and the repository root is searched from.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory)
{
    /// <summary>The process's console and current directory.</summary>
    public static CliContext FromConsole() => new(Console.Out, Console.Error, Directory.GetCurrentDirectory());

    /// <summary>The repository root (the folder holding the .sln), searched upwards from <see cref="WorkingDirectory"/>.</summary>
    public string Root => RepoPaths.FindRoot(WorkingDirectory);

    /// <summary><paramref name="path"/> made absolute against <see cref="WorkingDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));
}

/// <summary>Builds the root command from every <see cref="ICliCommand"/> and runs it.</summary>
public static class CliApp
{
    /// <summary>The root command with all subcommands, sorted by name.</summary>
    public static RootCommand Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("ClassicML.Notebooks: run, check, sync and publish the course's C# notebooks.");
        var commands = typeof(CliApp).Assembly.GetTypes()
            .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Create(context))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var command in commands) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code (0 = success).</summary>
    public static int Run(string[] args, CliContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        context ??= CliContext.FromConsole();
        var parse = Build(context).Parse(args);
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsUserError(e))
        {
            // A problem with what the user asked for (a path, the folder it was run from): one line, no stack trace.
            context.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    /// <summary>Exceptions that describe a problem with the input or the file system, not a bug in the tool.</summary>
    internal static bool IsUserError(Exception e) =>
        e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or System.Security.SecurityException
            or NotSupportedException or InvalidDataException;
}

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<double> Timeout() => new("--timeout")
    {
        Description = "Time limit per cell in seconds; a cell that runs longer is stopped and fails the notebook.",
        DefaultValueFactory = _ => 60,
    };

    public static Option<bool> ContinueOnError() => new("--continue-on-error")
    {
        Description = "Run the remaining cells after a cell fails (default: stop at the first error).",
    };

    /// <summary>The longest time limit per cell that is accepted: one day.</summary>
    public const double MaxTimeoutSeconds = 86_400;

    /// <summary>Reads a positive time limit or reports why it is not one.</summary>
    public static TimeSpan? ReadTimeout(ParseResult parse, Option<double> option, CliContext context)
    {
        var seconds = parse.GetValue(option);
        if (seconds > 0 && seconds <= MaxTimeoutSeconds) return TimeSpan.FromSeconds(seconds);
        context.Error.WriteLine($"--timeout must be a positive number of seconds, at most {MaxTimeoutSeconds} (one day), not {seconds}.");
        return null;
    }
}
