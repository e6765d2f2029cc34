using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>What the dual solver returned.</summary>
internal readonly record struct DualSolution(double[] Alpha, double B, int Iterations, bool Converged, double Violation, bool Polished);

/// <summary>
/// Sequential minimal optimisation for the SVM dual
/// <c>min_α ½ Σᵢ Σⱼ αᵢαⱼyᵢyⱼKᵢⱼ − Σᵢ αᵢ</c> s.t. <c>Σᵢ αᵢyᵢ = 0</c>, <c>0 ≤ αᵢ ≤ C</c> (C = ∞ for the hard margin).
/// Each step moves the most violating pair (i, j) along the only direction that keeps Σ αy fixed,
/// αᵢ += yᵢt, αⱼ −= yⱼt, by the exact minimiser t = bᵢⱼ/aᵢⱼ clipped to the box (Fan, Chen and Lin's
/// second-order pair choice). It stops when the KKT gap m(α) − M(α) ≤ tolerance, then polishes the answer by
/// solving the KKT equalities on the support set exactly.
/// </summary>
internal static class SmoSolver
{
    public static DualSolution Solve(LabeledData data, double c, double tolerance, int maxIterations)
    {
        int count = data.Count;
        var y = data.Labels;
        var k = Gram(data);
        var alpha = new double[count];
        var grad = new double[count];
        Array.Fill(grad, -1.0); // ∇ = Qα − 1 at α = 0
        int iterations = 0;
        double violation;
        while (true)
        {
            // i: argmax over I_up of −yG;  M: min over I_low of −yG.
            int i = -1;
            double m = double.NegativeInfinity, bigM = double.PositiveInfinity;
            for (int t = 0; t < count; t++)
            {
                double v = -y[t] * grad[t];
                if (InUp(y[t], alpha[t], c) && v > m) { m = v; i = t; }
                if (InLow(y[t], alpha[t], c) && v < bigM) bigM = v;
            }
            violation = m - bigM;
            if (i < 0 || violation <= tolerance || iterations >= maxIterations)
                break;
            iterations++;
            int j = -1;
            double best = double.PositiveInfinity;
            var ki = k.AsSpan(i * count, count);
            for (int t = 0; t < count; t++)
            {
                if (!InLow(y[t], alpha[t], c)) continue;
                double bit = m + y[t] * grad[t];
                if (bit <= 0) continue;
                double ait = ki[i] + k[t * count + t] - 2 * ki[t];
                if (ait <= 0) ait = 1e-12;
                double score = -bit * bit / ait;
                if (score < best) { best = score; j = t; }
            }
            if (j < 0) break;
            double a = ki[i] + k[j * count + j] - 2 * ki[j];
            if (a <= 0) a = 1e-12;
            double step = (m + y[j] * grad[j]) / a;
            // Box: αᵢ + yᵢt ∈ [0, C], αⱼ − yⱼt ∈ [0, C].
            double limitI = y[i] > 0 ? c - alpha[i] : alpha[i];
            double limitJ = y[j] > 0 ? alpha[j] : c - alpha[j];
            bool hitI = step >= limitI, hitJ = step >= limitJ;
            step = Math.Min(step, Math.Min(limitI, limitJ));
            alpha[i] += y[i] * step;
            alpha[j] -= y[j] * step;
            // Land exactly on a bound when clipped, so zero stays zero (non-support vectors).
            if (hitI && step == limitI) alpha[i] = y[i] > 0 ? c : 0.0;
            if (hitJ && step == limitJ) alpha[j] = y[j] > 0 ? 0.0 : c;
            // ∇ₜ += yₜ·t·(Kₜᵢ − Kₜⱼ)
            var kj = k.AsSpan(j * count, count);
            for (int t = 0; t < count; t++)
                grad[t] += y[t] * step * (ki[t] - kj[t]);
        }
        bool converged = violation <= tolerance;
        double b = Bias(y, alpha, grad, c);
        bool polished = Polish(data, k, c, ref alpha, ref b);
        return new DualSolution(alpha, b, iterations, converged, violation, polished);
    }

    private static bool InUp(double y, double alpha, double c) => y > 0 ? alpha < c : alpha > 0;

    private static bool InLow(double y, double alpha, double c) => y > 0 ? alpha > 0 : alpha < c;

    /// <summary>Row-major Gram matrix Kᵢⱼ = xᵢ·xⱼ.</summary>
    internal static double[] Gram(LabeledData data)
    {
        int count = data.Count;
        var k = new double[count * count];
        for (int i = 0; i < count; i++)
            for (int j = 0; j <= i; j++)
                k[i * count + j] = k[j * count + i] = TensorPrimitives.Dot(data.Row(i), data.Row(j));
        return k;
    }

    /// <summary>For a free support vector t, yₜ(w·xₜ + b) = 1 gives b = −yₜ∇ₜ; average them, else the middle of the feasible interval.</summary>
    private static double Bias(double[] y, double[] alpha, double[] grad, double c)
    {
        double sum = 0;
        int free = 0;
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity;
        for (int t = 0; t < y.Length; t++)
        {
            double v = -y[t] * grad[t];
            if (alpha[t] > 0 && alpha[t] < c) { sum += v; free++; }
            else if (InUp(y[t], alpha[t], c)) lower = Math.Max(lower, v);
            else upper = Math.Min(upper, v);
        }
        if (free > 0) return sum / free;
        if (double.IsFinite(upper) && double.IsFinite(lower)) return 0.5 * (upper + lower);
        return double.IsFinite(upper) ? upper : double.IsFinite(lower) ? lower : 0.0;
    }

    /// <summary>
    /// With the support set known, the KKT conditions are linear: for free s (0 &lt; αₛ &lt; C),
    /// Σₜ Qₛₜαₜ + yₛb = 1 and Σₜ yₜαₜ = 0 (bounded αₜ = C moved to the right-hand side). Solve them by a
    /// truncated SVD (the minimum-norm solution when the support vectors are degenerate) and keep the result only
    /// if it stays inside the box and does not worsen the KKT residual.
    /// </summary>
    private static bool Polish(LabeledData data, double[] k, double c, ref double[] alpha, ref double b)
    {
        int count = data.Count;
        var y = data.Labels;
        var free = new List<int>();
        for (int t = 0; t < count; t++)
            if (alpha[t] > 0 && alpha[t] < c) free.Add(t);
        if (free.Count == 0) return false;
        int f = free.Count;
        var a = Matrix<double>.Build.Dense(f + 1, f + 1);
        var rhs = Vector<double>.Build.Dense(f + 1);
        for (int s = 0; s < f; s++)
        {
            int p = free[s];
            double bounded = 0;
            for (int t = 0; t < count; t++)
                if (alpha[t] >= c) bounded += y[p] * y[t] * k[p * count + t] * c;
            for (int u = 0; u < f; u++)
                a[s, u] = y[p] * y[free[u]] * k[p * count + free[u]];
            a[s, f] = y[p];
            a[f, s] = y[p];
            rhs[s] = 1 - bounded;
        }
        double boundedBalance = 0;
        for (int t = 0; t < count; t++)
            if (alpha[t] >= c) boundedBalance += y[t] * c;
        rhs[f] = -boundedBalance;
        var svd = a.Svd(true);
        var sigma = svd.S;
        double cutoff = sigma[0] * 1e-12 * (f + 1);
        var ut = svd.U.TransposeThisAndMultiply(rhs);
        for (int s = 0; s < sigma.Count; s++)
            ut[s] = sigma[s] > cutoff ? ut[s] / sigma[s] : 0.0;
        var solution = svd.VT.TransposeThisAndMultiply(ut);
        var candidate = (double[])alpha.Clone();
        for (int s = 0; s < f; s++)
        {
            double v = solution[s];
            if (!double.IsFinite(v) || v < 0 || v > c) return false;
            candidate[free[s]] = v;
        }
        double candidateB = solution[f];
        double before = Residual(data, alpha, b, c), after = Residual(data, candidate, candidateB, c);
        if (!(after <= before)) return false;
        alpha = candidate;
        b = candidateB;
        return true;
    }

    private static double Residual(LabeledData data, double[] alpha, double b, double c) =>
        KktReport.Evaluate(data, Weights(data, alpha), b, alpha, double.PositiveInfinity, c).MaxResidual;

    /// <summary>w = Σᵢ αᵢ yᵢ xᵢ.</summary>
    internal static double[] Weights(LabeledData data, double[] alpha)
    {
        var w = new double[data.Dimension];
        for (int i = 0; i < data.Count; i++)
            if (alpha[i] != 0)
                TensorPrimitives.MultiplyAdd(data.Row(i), alpha[i] * data.Labels[i], w, w);
        return w;
    }
}
