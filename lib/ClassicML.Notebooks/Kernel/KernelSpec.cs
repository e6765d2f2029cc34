using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClassicML.Notebooks.Kernel;

/// <summary>
/// The Jupyter kernelspec the course installs for its <c>.ipynb</c> files: the <c>.net-csharp</c> kernel of the
/// dotnet-interactive tool pinned in <c>.config/dotnet-tools.json</c>, with its HTTP side on loopback only.
/// </summary>
/// <remarks>
/// <c>dotnet interactive jupyter install</c> writes a kernelspec whose kernel also starts an unauthenticated HTTP
/// server on every network interface (ports 2048–3000), and <c>GET /variables/csharp/&lt;name&gt;</c> on it returns
/// any variable of the notebook. The course's kernelspec passes <c>--http-local-only</c>, so that server listens on
/// 127.0.0.1 only, and starts the tool through <c>dotnet tool run</c>, so the version pinned in the repository's
/// tool manifest runs (found from the notebook's folder upwards).
/// </remarks>
public static class KernelSpec
{
    /// <summary>The kernelspec's name; the <c>.ipynb</c> files' <c>metadata.kernelspec.name</c>.</summary>
    public const string Name = ".net-csharp";

    /// <summary>The dotnet-interactive tool version the repository's tool manifest pins.</summary>
    public const string ToolVersion = "1.0.712001";

    /// <summary>The command line Jupyter starts the kernel with (<c>{connection_file}</c> is filled in by Jupyter).</summary>
    public static IReadOnlyList<string> Argv { get; } =
    [
        "dotnet", "tool", "run", "dotnet-interactive", "--",
        "jupyter", "--default-kernel", "csharp", "{connection_file}",
        "--http-local-only", "--http-port-range", "2048-3000",
    ];

    /// <summary>The <c>kernel.json</c> text.</summary>
    public static string Json()
    {
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray(Argv.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
        };
        return spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Jupyter's per-user data folder, where <c>kernels/&lt;name&gt;/kernel.json</c> is looked up:
    /// <c>$JUPYTER_DATA_DIR</c>, else <c>~/.local/share/jupyter</c> (Linux), <c>~/Library/Jupyter</c> (macOS),
    /// <c>%APPDATA%\jupyter</c> (Windows).
    /// </summary>
    public static string UserDataFolder()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } set) return set;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows()) return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(xdg is { Length: > 0 } ? xdg : Path.Combine(home, ".local", "share"), "jupyter");
    }

    /// <summary>The path of <c>kernel.json</c> under a Jupyter data folder.</summary>
    public static string KernelJsonPath(string dataFolder) => Path.Combine(dataFolder, "kernels", Name, "kernel.json");

    /// <summary>What <see cref="Install"/> did.</summary>
    public enum InstallOutcome
    {
        /// <summary>Written (there was none).</summary>
        Written,
        /// <summary>The same kernelspec was already there.</summary>
        Unchanged,
        /// <summary>A different kernel.json was replaced (only with <c>force</c>).</summary>
        Replaced,
        /// <summary>A different kernel.json is there and <c>force</c> was not given: nothing written.</summary>
        Refused,
    }

    /// <summary>
    /// Writes <see cref="Json"/> to <c>&lt;dataFolder&gt;/kernels/.net-csharp/kernel.json</c> (atomically). An existing,
    /// different kernel.json (e.g. the one <c>dotnet interactive jupyter install</c> writes) is replaced only when
    /// <paramref name="force"/> is set.
    /// </summary>
    public static InstallOutcome Install(string dataFolder, bool force)
    {
        var path = KernelJsonPath(dataFolder);
        var json = Json();
        var existed = File.Exists(path);
        if (existed)
        {
            if (File.ReadAllText(path) == json) return InstallOutcome.Unchanged;
            if (!force) return InstallOutcome.Refused;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, json);
        File.Move(temp, path, overwrite: true);
        return existed ? InstallOutcome.Replaced : InstallOutcome.Written;
    }
}
