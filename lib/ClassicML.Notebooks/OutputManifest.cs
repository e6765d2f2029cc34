namespace ClassicML.Notebooks;

/// <summary>
/// The one way the toolchain's commands that write a folder of their own (<c>render</c>, <c>assign</c>, <c>grade</c>)
/// replace only what they wrote: each command assembles its files in a staging folder, then publishes them — every
/// file moved into place atomically, the files an earlier run listed but this one did not write deleted, and the new
/// list written to the folder's manifest (one relative path a line).
/// </summary>
internal static class OutputManifest
{
    /// <summary>The relative paths (with <c>/</c>) the manifest <paramref name="manifestFile"/> in <paramref name="folder"/> lists; empty when there is none.</summary>
    public static HashSet<string> Read(string folder, string manifestFile)
    {
        var path = Path.Combine(folder, manifestFile);
        // A line that climbs out of the folder or is rooted is ignored: the manifest can only name files inside it.
        return File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0 && !l.Contains("..", StringComparison.Ordinal) && !Path.IsPathRooted(l)).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Every file under <paramref name="staging"/>, as a relative path with <c>/</c>, in ordinal order.</summary>
    public static List<string> StagedFiles(string staging) =>
        Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(staging, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Moves <paramref name="written"/> from <paramref name="staging"/> into <paramref name="folder"/> (each move atomic),
    /// deletes what <paramref name="previous"/> lists and this run did not write, and records <paramref name="written"/>
    /// in <paramref name="manifestFile"/>. The caller has already refused files it did not write.
    /// </summary>
    public static void Publish(string staging, string folder, IReadOnlyList<string> written, IEnumerable<string> previous, string manifestFile)
    {
        foreach (var file in written)
        {
            var target = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(Path.Combine(staging, file), target, overwrite: true);
        }
        var now = written.ToHashSet(StringComparer.Ordinal);
        foreach (var stale in previous.Where(f => !now.Contains(f)))
        {
            var path = Path.Combine(folder, stale);
            if (File.Exists(path)) File.Delete(path);
        }
        Rendering.AtomicFile.WriteText(Path.Combine(folder, manifestFile), string.Join("\n", written) + "\n");
    }
}
