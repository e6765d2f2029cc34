namespace ClassicML.Exercises;

public static partial class ExerciseHints
{
    /// <summary>Hints for the exercises of lesson 05, as (exercise id, hint).</summary>
    private static readonly (string Id, string Hint)[] Lesson05 =
    [
        ("5.1", "Work with a_ik = log π_k + log 𝒩(x_i | μ_k, Σ_k), never with the densities themselves: a far point's densities "
              + "all underflow to 0. Normalise each row with log-sum-exp, subtracting the row's largest a_ik before exponentiating."),
        ("5.2", "π_k is the share of the total responsibility that component k carries; the K weights must add up to 1."),
        ("5.3", "The ellipse's axes follow the eigenvectors of Σ and its semi-axes scale with the square roots of the eigenvalues; "
              + "an eigenvector and its negative describe the same axis, so fold the angle into (−90°, 90°]. "
              + "In 2-D the squared Mahalanobis radius follows a χ² distribution with 2 degrees of freedom."),
        ("5.4", "Compare your pieces one at a time with exercises 5.1 and 5.2. For Σ_k, weight each outer product by γ_ik, "
              + "centre it on the new μ_k, divide by N_k (not N), and add λ to the diagonal."),
    ];
}
