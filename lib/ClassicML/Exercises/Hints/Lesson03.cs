namespace ClassicML.Exercises;

public static partial class ExerciseHints
{
    /// <summary>Hints for the exercises of lesson 03, as (exercise id, hint).</summary>
    private static readonly (string Id, string Hint)[] Lesson03 =
    [
        ("3.1", "Follow section 2 to its last line: the slope is a ratio of two centred sums. Compute both means before either sum, and do not expand the products (the expanded form cancels digits when x̄ is large)."),
        ("3.2", "Three stages: the design matrix (the ones column comes first, so w[0] is the intercept), the Gram matrix and right-hand side, then two triangular solves. Check your factor on the side: L times its transpose should give back XᵀX. In the back substitution, Lᵀ[i, k] is L[k, i]."),
        ("3.3", "Each step needs both partial derivatives of section 2, summed over all points at the current (w0, w1) before either coefficient changes. Mind the factor 2/n."),
        ("3.4", "The fitted value of row i is w[0] plus the features weighted by w[1..]. TSS is measured about the mean of y, not about 0. Xᵀr has one entry per column of X, and the ones column is a column too."),
    ];
}
