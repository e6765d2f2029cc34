namespace ClassicML.Exercises;

public static partial class ExerciseHints
{
    /// <summary>Hints for the exercises of lesson 04, as (exercise id, hint).</summary>
    private static readonly (string Id, string Hint)[] Lesson04 =
    [
        ("4.1", "At the very start every functional margin yᵢ(w·xᵢ + b) is exactly 0. Decide whether that counts as a mistake by reading Algorithm 2.1's test closely. Record the index at every update, and stop only after a whole pass without one."),
        ("4.2", "The score of point i combines column i of the Gram matrix with every αⱼyⱼ, plus b; nothing else about the points is needed. Visit the points in index order in every pass, as the library does."),
        ("4.3", "Only the direction of w is yours to choose: which direction gives the smallest ‖w‖ while w·(x₊ − x₋) stays fixed? Then the length follows from that equation, and b from either active constraint."),
        ("4.4", "In the double sum each factor carries its own index, the αs, the labels and G alike. For b*, start from the active constraint of one support vector j; the label outside the sum belongs to that point."),
        ("4.5", "One fitted Perceptron per visiting order, then keep each (w₁, w₂, b) triple only once."),
        ("4.6", "A guessed support set S gives |S| + 1 linear equations: a margin of exactly 1 for each point of S, and Σαᵢyᵢ = 0. A guess is right only if all its α are positive and no point outside S is inside the margin. Try small sets first, and do not assume the support vectors are the first point of each class."),
    ];
}
