using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>
/// The nearest points <c>u ∈ conv{xᵢ : yᵢ = +1}</c> and <c>v ∈ conv{xⱼ : yⱼ = −1}</c> of the two classes' convex hulls.
/// For separable data the hard-margin SVM is the perpendicular bisector of u and v:
/// <c>w* = 2(u − v)/‖u − v‖²</c>, margin width <c>2/‖w*‖ = ‖u − v‖</c>. When the hulls meet (<see cref="Intersect"/>),
/// u ≈ v is a point that is a convex combination of both classes, which proves no hyperplane separates them.
/// </summary>
/// <param name="U">The nearest point of the positive class's hull, <c>Σ βᵢ xᵢ</c>.</param>
/// <param name="V">The nearest point of the negative class's hull, <c>Σ γⱼ xⱼ</c>.</param>
/// <param name="Distance">The distance <c>‖u − v‖</c> between the hulls (0 when they meet).</param>
/// <param name="Beta">Convex weights on the samples: βᵢ for positives (summing to 1) and γⱼ for negatives (summing to 1).</param>
/// <param name="Intersect">True when the hulls meet (distance below the tolerance times the data's scale).</param>
/// <param name="Iterations">Major iterations of Wolfe's algorithm.</param>
public sealed record HullNearestPoints(Vector<double> U, Vector<double> V, double Distance, Vector<double> Beta, bool Intersect, int Iterations);

/// <summary>Geometry of two labelled point clouds.</summary>
public static class ConvexHulls
{
    /// <summary>
    /// Finds the nearest points of the two classes' convex hulls with Wolfe's minimum-norm-point algorithm
    /// applied to the difference set <c>{xᵢ − xⱼ : yᵢ = +1, yⱼ = −1}</c>, whose convex hull is
    /// <c>conv(X₊) − conv(X₋)</c>; the point of least norm there is <c>u − v</c>. An exact active-set method:
    /// it stops after finitely many steps at <c>z = u − v</c> with <c>z·z ≤ z·p + ε</c> for every difference p.
    /// </summary>
    /// <param name="x">N×n features.</param>
    /// <param name="y">N labels ±1, both classes present.</param>
    /// <param name="tolerance">Relative tolerance ε (times the squared data scale) for optimality and for "the hulls meet".</param>
    /// <param name="maxIterations">A safety cap on major iterations.</param>
    public static HullNearestPoints NearestPoints(Matrix<double> x, Vector<double> y, double tolerance = 1e-12, int maxIterations = 100_000)
    {
        if (!double.IsFinite(tolerance) || tolerance <= 0 || tolerance >= 1)
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be in (0, 1), e.g. 1e-12.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        var data = LabeledData.From(x, y, requireBothClasses: true);
        return NearestPoints(data, tolerance, maxIterations);
    }

    internal static HullNearestPoints NearestPoints(LabeledData data, double tolerance, int maxIterations)
    {
        int n = data.Dimension, count = data.Count;
        // Translation invariance: scale by the spread, not the distance from the origin.
        var mean = new double[n];
        for (int i = 0; i < count; i++)
            TensorPrimitives.Add(mean, data.Row(i), mean);
        TensorPrimitives.Divide(mean, count, mean);
        double scale2 = 0;
        var tmp = new double[n];
        for (int i = 0; i < count; i++)
        {
            TensorPrimitives.Subtract(data.Row(i), mean, tmp);
            scale2 = Math.Max(scale2, TensorPrimitives.Dot(tmp, tmp));
        }
        scale2 = Math.Max(4 * scale2, double.Epsilon);
        double eps = tolerance * scale2;

        int firstPos = Array.FindIndex(data.Labels, l => l > 0), firstNeg = Array.FindIndex(data.Labels, l => l < 0);
        var corral = new List<(int I, int J, double[] P)> { (firstPos, firstNeg, Difference(data, firstPos, firstNeg)) };
        var lambda = new List<double> { 1.0 };
        var z = (double[])corral[0].P.Clone();
        int iterations = 0;
        bool intersect = false;
        while (iterations < maxIterations)
        {
            iterations++;
            double zz = TensorPrimitives.Dot(z, z);
            if (zz <= eps) { intersect = true; break; }
            // Linear oracle over all differences: min z·(xᵢ − xⱼ) splits into min over positives and max over negatives.
            int bestPos = -1, bestNeg = -1;
            double minPos = double.PositiveInfinity, maxNeg = double.NegativeInfinity;
            for (int i = 0; i < count; i++)
            {
                double s = TensorPrimitives.Dot(z, data.Row(i));
                if (data.Labels[i] > 0) { if (s < minPos) { minPos = s; bestPos = i; } }
                else if (s > maxNeg) { maxNeg = s; bestNeg = i; }
            }
            double zp = minPos - maxNeg;
            if (zz - zp <= eps) break;
            if (corral.Exists(c => c.I == bestPos && c.J == bestNeg)) break;
            corral.Add((bestPos, bestNeg, Difference(data, bestPos, bestNeg)));
            lambda.Add(0.0);
            // Minor cycle: move towards the affine minimiser of the corral, dropping points whose weight hits 0.
            while (true)
            {
                var mu = AffineMinimizer(corral.Select(c => c.P).ToList());
                if (mu.All(m => m > 1e-14))
                {
                    for (int k = 0; k < mu.Length; k++) lambda[k] = mu[k];
                    break;
                }
                double theta = 1.0;
                for (int k = 0; k < mu.Length; k++)
                    if (mu[k] <= 1e-14 && lambda[k] - mu[k] > 0)
                        theta = Math.Min(theta, lambda[k] / (lambda[k] - mu[k]));
                for (int k = 0; k < mu.Length; k++)
                    lambda[k] = (1 - theta) * lambda[k] + theta * mu[k];
                int before = corral.Count;
                for (int k = corral.Count - 1; k >= 0; k--)
                    if (lambda[k] <= 1e-14) { corral.RemoveAt(k); lambda.RemoveAt(k); }
                if (corral.Count == before)
                {
                    // Round-off kept every weight positive: drop the smallest so the cycle terminates.
                    int kMin = lambda.IndexOf(lambda.Min());
                    corral.RemoveAt(kMin); lambda.RemoveAt(kMin);
                }
                double sum = lambda.Sum();
                for (int k = 0; k < lambda.Count; k++) lambda[k] /= sum;
                if (corral.Count == 1) { lambda[0] = 1; break; }
            }
            Array.Clear(z);
            for (int k = 0; k < corral.Count; k++)
                TensorPrimitives.MultiplyAdd(corral[k].P, lambda[k], z, z);
        }

        var beta = new double[count];
        var u = new double[n];
        var v = new double[n];
        for (int k = 0; k < corral.Count; k++)
        {
            beta[corral[k].I] += lambda[k];
            beta[corral[k].J] += lambda[k];
            TensorPrimitives.MultiplyAdd(data.Row(corral[k].I), lambda[k], u, u);
            TensorPrimitives.MultiplyAdd(data.Row(corral[k].J), lambda[k], v, v);
        }
        double distance = intersect ? 0.0 : Math.Sqrt(TensorPrimitives.Dot(z, z));
        return new HullNearestPoints(Vector<double>.Build.Dense(u), Vector<double>.Build.Dense(v), distance,
            Vector<double>.Build.Dense(beta), intersect, iterations);
    }

    private static double[] Difference(LabeledData data, int i, int j)
    {
        var p = new double[data.Dimension];
        TensorPrimitives.Subtract(data.Row(i), data.Row(j), p);
        return p;
    }

    /// <summary>
    /// argmin ‖Σ μₖ pₖ‖² subject to Σ μₖ = 1: with M = PᵀP the optimum solves Mμ ∝ 1; solving
    /// (M + 11ᵀ) μ̃ = 1 and normalising μ = μ̃/Σμ̃ gives it without needing M itself to be invertible.
    /// </summary>
    private static double[] AffineMinimizer(List<double[]> points)
    {
        int k = points.Count;
        var m = Matrix<double>.Build.Dense(k, k);
        for (int a = 0; a < k; a++)
            for (int c = a; c < k; c++)
            {
                double v = TensorPrimitives.Dot(points[a], points[c]) + 1.0;
                m[a, c] = v;
                m[c, a] = v;
            }
        var ones = Vector<double>.Build.Dense(k, 1.0);
        Vector<double> mu;
        try
        {
            mu = m.Cholesky().Solve(ones);
        }
        catch (ArgumentException)
        {
            mu = m.QR().Solve(ones);
        }
        double sum = mu.Sum();
        return mu.Select(v => v / sum).ToArray();
    }
}
