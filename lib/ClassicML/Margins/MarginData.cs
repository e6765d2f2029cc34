using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>A labelled data set: features X (N×n) and labels y ∈ {−1, +1}ᴺ.</summary>
/// <param name="X">N×n features.</param>
/// <param name="Y">N labels, −1 or +1.</param>
public sealed record LabeledSet(Matrix<double> X, Vector<double> Y);

/// <summary>Seeded data sets for the margin lessons: the book's three points, separable clouds, overlapping clouds.</summary>
public static class MarginData
{
    /// <summary>Li Hang's Example 2.1 / 7.1: x₁ = (3,3), x₂ = (4,3) labelled +1 and x₃ = (1,1) labelled −1.</summary>
    public static LabeledSet BookExample() => new(
        Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 3 }, { 4, 3 }, { 1, 1 } }),
        Vector<double>.Build.Dense([1.0, 1.0, -1.0]));

    /// <summary>
    /// <paramref name="count"/> points drawn uniformly from the box [−5, 5]ⁿ and labelled by a random hyperplane
    /// <c>u·x + c</c> (‖u‖ = 1); points closer than <paramref name="gap"/> to it are redrawn, so the data are
    /// separable with geometric margin ≥ gap (the SVM's margin is at least that).
    /// </summary>
    /// <param name="count">N ≥ 2; both classes are guaranteed at least one point.</param>
    /// <param name="dimension">n ≥ 1.</param>
    /// <param name="gap">Half-width of the empty street around the labelling hyperplane, 0 &lt; gap &lt; 2.</param>
    /// <param name="seed">Seed of the random generator.</param>
    public static LabeledSet Separable(int count, int dimension = 2, double gap = 0.5, int seed = 0)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 2 (one point per class).");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be at least 1.");
        if (!double.IsFinite(gap) || gap <= 0 || gap >= 2) throw new ArgumentOutOfRangeException(nameof(gap), gap, "gap must be in (0, 2) so that points fit in the [−5, 5] box.");
        var random = new Random(seed);
        var u = new double[dimension];
        double norm = 0;
        while (norm < 1e-3)
        {
            for (int k = 0; k < dimension; k++) u[k] = Gaussian(random);
            norm = Math.Sqrt(u.Sum(v => v * v));
        }
        for (int k = 0; k < dimension; k++) u[k] /= norm;
        double c = random.NextDouble() - 0.5;
        var x = Matrix<double>.Build.Dense(count, dimension);
        var y = Vector<double>.Build.Dense(count);
        var point = new double[dimension];
        for (int i = 0; i < count; i++)
        {
            // The first two points are forced to opposite sides so both classes exist.
            double wanted = i == 0 ? 1 : i == 1 ? -1 : 0;
            while (true)
            {
                double s = c;
                for (int k = 0; k < dimension; k++) { point[k] = random.NextDouble() * 10 - 5; s += u[k] * point[k]; }
                if (Math.Abs(s) < gap || (wanted != 0 && Math.Sign(s) != (int)wanted)) continue;
                for (int k = 0; k < dimension; k++) x[i, k] = point[k];
                y[i] = s > 0 ? 1 : -1;
                break;
            }
        }
        return new LabeledSet(x, y);
    }

    /// <summary>
    /// Two Gaussian clouds in the plane, N(−μ, I) labelled −1 and N(+μ, I) labelled +1 with μ = (spread/2)(1, 1)/√2;
    /// for a small spread they overlap and are not linearly separable.
    /// </summary>
    /// <param name="perClass">Points per class (≥ 1).</param>
    /// <param name="spread">Distance between the two centres (≥ 0).</param>
    /// <param name="seed">Seed of the random generator.</param>
    public static LabeledSet GaussianClouds(int perClass, double spread, int seed = 0)
    {
        if (perClass < 1) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "perClass must be at least 1.");
        if (!double.IsFinite(spread) || spread < 0) throw new ArgumentOutOfRangeException(nameof(spread), spread, "spread must be a finite number ≥ 0.");
        var random = new Random(seed);
        double m = spread / 2 / Math.Sqrt(2);
        var x = Matrix<double>.Build.Dense(2 * perClass, 2);
        var y = Vector<double>.Build.Dense(2 * perClass);
        for (int i = 0; i < 2 * perClass; i++)
        {
            double label = i < perClass ? 1 : -1;
            x[i, 0] = label * m + Gaussian(random);
            x[i, 1] = label * m + Gaussian(random);
            y[i] = label;
        }
        return new LabeledSet(x, y);
    }

    /// <summary>A standard normal draw by Box–Muller.</summary>
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
