namespace ClassicML.Notebooks;

/// <summary>Locates the repository (the folder holding <c>ClassicML.Notebooks.sln</c>) and its well-known folders.</summary>
public static class RepoPaths
{
    /// <summary>The solution file whose folder is the repository root.</summary>
    public const string SolutionFileName = "ClassicML.Notebooks.sln";

    /// <summary>
    /// Walks up from <paramref name="start"/> (default: the current directory, then the program's folder) to the
    /// first folder that holds <see cref="SolutionFileName"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder above the start.</exception>
    public static string FindRoot(string? start = null)
    {
        foreach (var origin in start is null ? [Directory.GetCurrentDirectory(), AppContext.BaseDirectory] : new[] { start })
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(origin)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException(
            $"Could not find {SolutionFileName} in '{start ?? Directory.GetCurrentDirectory()}' or any folder above it; run the tool inside the repository.");
    }

    /// <summary>The lessons folder: <c>&lt;root&gt;/notebooks</c>.</summary>
    public static string NotebooksFolder(string root) => Path.Combine(root, "notebooks");

    /// <summary>The generated-files folder: <c>&lt;root&gt;/artifacts</c>.</summary>
    public static string ArtifactsFolder(string root) => Path.Combine(root, "artifacts");
}
