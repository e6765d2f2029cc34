namespace ClassicML.Exercises;

public static partial class ExerciseHints
{
    /// <summary>Hints for the exercises of lesson 01, as (exercise id, hint).</summary>
    private static readonly (string Id, string Hint)[] Lesson01 =
    [
        ("1.1", "Print your value at z = 40 next to the library's. If yours is 0, one of your factors has been rounded to 0 "
                + "before the multiplication; section 3 writes that factor in a form with no subtraction."),
        ("1.2", "Form ŷ for all rows at once, then the residuals ŷ − y. Both partial derivatives are averages over the rows; "
                + "check the sign of the residual and that you divided by the number of rows."),
        ("1.3", "On the boundary the score z is exactly 0. Write that equation with the two features and solve it for x₂; "
                + "watch the signs."),
        ("1.4", "Scale the weights and the bias by the same factor, then evaluate the mean cross-entropy of the tumour data "
                + "at the scaled parameters."),
        ("1.5", "Start from W = 0, b = 0 and record the loss before the first step, so the history has epochs + 1 entries. "
                + "Each step uses the averaged gradient of exercise 1.2; take the loss from the logit (section 5), never from ln ŷ."),
    ];
}
