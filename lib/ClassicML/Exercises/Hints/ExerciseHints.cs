namespace ClassicML.Exercises;

/// <summary>
/// The hints of the course's exercises, keyed by exercise id. A check that fails without a hint of its own shows the
/// hint registered here, so a hint reaches the student only after a failed attempt and never sits in the notebook's
/// source, where it could give the answer away before the student has tried.
/// </summary>
/// <remarks>
/// Each lesson keeps its hints in its own file (<c>Hints/Lesson01.cs</c> … <c>Hints/Lesson05.cs</c>) as a
/// <c>(id, hint)</c> table; a hint nudges towards the answer and never states it.
/// </remarks>
public static partial class ExerciseHints
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_all = new(Build);

    /// <summary>The hint registered for exercise <paramref name="id"/>, or null when it has none.</summary>
    public static string? For(string id) => id is not null && s_all.Value.TryGetValue(id, out var hint) ? hint : null;

    /// <summary>The ids that have a registered hint, in id order.</summary>
    public static IReadOnlyList<string> Ids => s_all.Value.Keys.Order(StringComparer.Ordinal).ToArray();

    private static IReadOnlyDictionary<string, string> Build()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in new[] { Lesson01, Lesson02, Lesson03, Lesson04, Lesson05 })
        {
            foreach (var (id, hint) in table)
            {
                if (!all.TryAdd(id, hint)) throw new InvalidOperationException($"Exercise {id} has two hints; keep one.");
            }
        }
        return all;
    }
}
