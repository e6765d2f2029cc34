using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// The order in which <c>check</c> starts its notebook processes when there are more notebooks than cores: longest
/// first. With one process per core, the run ends when the last process ends; starting the longest notebooks first
/// keeps the short ones for the end, where they fill the gaps (the LPT rule; on this course's six lessons and two
/// cores, file order left one core idle for about 3 s at the end). A notebook's length is its wall time in the last
/// run, kept in <c>artifacts/executed/run-times.json</c>; a notebook with no recorded time is ordered by its file size,
/// before every recorded one.
/// </summary>
internal static class RunSchedule
{
    /// <summary>The file, under the executed-notebooks folder, that keeps each notebook's last wall time.</summary>
    internal const string FileName = "run-times.json";

    /// <summary>
    /// The indices of <paramref name="paths"/> in the order to start them: notebooks without a recorded time first
    /// (largest file first), then the recorded ones, longest first. Ties keep the course order.
    /// </summary>
    public static int[] LongestFirst(IReadOnlyList<string> paths, string timesFile)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var recorded = Read(timesFile);
        return [.. Enumerable.Range(0, paths.Count)
            .OrderBy(i => recorded.ContainsKey(Path.GetFileName(paths[i])) ? 1 : 0)
            .ThenByDescending(i => recorded.TryGetValue(Path.GetFileName(paths[i]), out var s) ? s : SizeOf(paths[i]))
            .ThenBy(i => i)];
    }

    /// <summary>
    /// Keeps each notebook's wall time of this run in <paramref name="timesFile"/> beside the times of notebooks this
    /// run did not touch. Written atomically (<see cref="Documents.NotebookFile.WriteAllTextAtomic"/>); a file that cannot be written only
    /// costs the next run its order.
    /// </summary>
    public static void Record(string timesFile, IEnumerable<(string Path, TimeSpan Elapsed)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var times = Read(timesFile);
        foreach (var (path, elapsed) in runs) times[Path.GetFileName(path)] = Math.Round(elapsed.TotalSeconds, 2);
        var json = new JsonObject();
        foreach (var (name, seconds) in times.OrderBy(p => p.Key, StringComparer.Ordinal)) json[name] = seconds;
        try
        {
            Documents.NotebookFile.WriteAllTextAtomic(timesFile, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The order is an optimisation only.
        }
    }

    private static Dictionary<string, double> Read(string timesFile)
    {
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            if (!File.Exists(timesFile)) return times;
            if (JsonNode.Parse(File.ReadAllText(timesFile)) is not JsonObject json) return times;
            foreach (var (name, value) in json)
                if (value is JsonValue v && v.TryGetValue<double>(out var seconds) && double.IsFinite(seconds) && seconds >= 0)
                    times[name] = seconds;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // A damaged or unreadable file: order by size, as on a first run.
        }
        return times;
    }

    private static double SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
