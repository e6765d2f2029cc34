namespace ClassicML.Exercises;

public static partial class ExerciseHints
{
    /// <summary>Hints for the exercises of lesson 02, as (exercise id, hint).</summary>
    private static readonly (string Id, string Hint)[] Lesson02 =
    [
        ("2.1", "Sketch S_t(z) against z: it is 0 on a whole interval around 0 and has slope 1 outside it. "
                + "Handle each of the three pieces, and both signs of z."),
        ("2.2", "The intercept must stay out of the penalty. Work with centred columns and a centred target, "
                + "and recover b from the means once w is known."),
        ("2.3", "For every α, fit on each fold's training rows only and measure the MSE on its validation rows; "
                + "compare the averages over the folds. Do not assume the α values come in any order."),
        ("2.4", "Centre first, so the intercept drops out of the sweeps. Keep the residual up to date after each coordinate, "
                + "and check the size of the threshold against the 1/(2n) in the objective (section 3)."),
    ];
}
