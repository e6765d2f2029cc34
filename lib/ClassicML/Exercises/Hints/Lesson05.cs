namespace ClassicML.Exercises;

public static partial class ExerciseHints
{
    /// <summary>Hints for the exercises of lesson 05, as (exercise id, hint).</summary>
    private static readonly (string Id, string Hint)[] Lesson05 =
    [
    ];
}
