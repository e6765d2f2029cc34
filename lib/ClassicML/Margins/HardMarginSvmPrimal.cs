using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>The primal solve's answer.</summary>
/// <param name="W">The optimal normal vector w*.</param>
/// <param name="B">The optimal bias b*.</param>
/// <param name="Multipliers">Estimates of α* from the barrier, <c>αᵢ ≈ μ / (yᵢ(w·xᵢ + b) − 1)</c> read at μ ≈ 10⁻⁷ (accurate to a few 10⁻⁷).</param>
/// <param name="NewtonSteps">Newton steps over all barrier stages.</param>
/// <param name="DualityGapBound">The final bound <c>N·μ</c> on ½‖w‖² − ½‖w*‖².</param>
/// <param name="Converged">True when the gap bound reached the tolerance.</param>
public sealed record SvmPrimalSolution(Vector<double> W, double B, Vector<double> Multipliers, int NewtonSteps, double DualityGapBound, bool Converged) : IClassifier
{
    /// <summary>The class <c>sign(w·xᵢ + b)</c> (sign(0) = +1) of every row of <paramref name="x"/>.</summary>
    public Vector<double> Predict(Matrix<double> x) => MarginMath.PredictRows(W, B, x);

    /// <summary>The labels, (−1, +1).</summary>
    public IReadOnlyList<double> Classes { get; } = [-1.0, 1.0];

    /// <summary>Converged when the barrier's duality-gap bound reached the tolerance; otherwise IterationLimit.</summary>
    public FitReport Report => Converged
        ? new(FitStatus.Converged, NewtonSteps, $"Converged after {NewtonSteps} Newton steps: duality gap ≤ {DualityGapBound:G3}.")
        : new(FitStatus.IterationLimit, NewtonSteps, $"Stopped after {NewtonSteps} Newton steps with duality-gap bound {DualityGapBound:G3}; raise the step limit.");
}

/// <summary>
/// The hard-margin SVM primal <c>min_{w,b} ½‖w‖²</c> s.t. <c>yᵢ(w·xᵢ + b) ≥ 1</c>, solved directly, with no
/// dual variables, by a log-barrier interior-point method: for μ → 0 minimise
/// <c>φ_μ(w, b) = ½‖w‖² − μ Σᵢ log(yᵢ(w·xᵢ + b) − 1)</c> by damped Newton steps (Cholesky of the (n+1)×(n+1)
/// Hessian <c>diag(1,…,1,0) + μ Σᵢ aᵢaᵢᵀ/sᵢ²</c>, with <c>aᵢ = yᵢ(xᵢ, 1)</c>, <c>sᵢ = aᵢ·(w, b) − 1</c>).
/// The barrier needs a strictly feasible start: a converged perceptron, rescaled so that every sᵢ ≥ 1.
/// An independent check on the dual solver.
/// </summary>
public sealed class HardMarginSvmPrimal
{
    /// <summary>Sets the tolerances.</summary>
    /// <param name="gapTolerance">Stop when the duality-gap bound N·μ ≤ this.</param>
    /// <param name="maxPerceptronPasses">Passes allowed to the perceptron that finds the feasible start.</param>
    public HardMarginSvmPrimal(double gapTolerance = 1e-13, int maxPerceptronPasses = 100_000)
    {
        if (!double.IsFinite(gapTolerance) || gapTolerance <= 0)
            throw new ArgumentOutOfRangeException(nameof(gapTolerance), gapTolerance, "gapTolerance must be a finite number > 0, e.g. 1e-13.");
        if (maxPerceptronPasses < 1)
            throw new ArgumentOutOfRangeException(nameof(maxPerceptronPasses), maxPerceptronPasses, "maxPerceptronPasses must be at least 1.");
        GapTolerance = gapTolerance;
        MaxPerceptronPasses = maxPerceptronPasses;
    }

    /// <summary>The target duality-gap bound.</summary>
    public double GapTolerance { get; }

    /// <summary>Passes allowed to the perceptron that finds the feasible start.</summary>
    public int MaxPerceptronPasses { get; }

    /// <summary>
    /// −H⁻¹g by Cholesky of the diagonally scaled Hessian DHD (D = diag(1/√Hₚₚ)): near the optimum H's condition
    /// number grows like 1/μ, and the scaling removes the part of it that is only unequal row sizes.
    /// </summary>
    private static Vector<double> NewtonStep(Matrix<double> hess, Vector<double> grad)
    {
        int dim = grad.Count;
        var d = Vector<double>.Build.Dense(dim, p => 1.0 / Math.Sqrt(hess[p, p]));
        var scaled = Matrix<double>.Build.Dense(dim, dim, (p, q) => d[p] * hess[p, q] * d[q]);
        Vector<double> z;
        try
        {
            z = scaled.Cholesky().Solve(d.PointwiseMultiply(grad));
        }
        catch (ArgumentException)
        {
            z = scaled.QR().Solve(d.PointwiseMultiply(grad));
        }
        return -d.PointwiseMultiply(z);
    }

    /// <summary>Solves the primal QP on rows of <paramref name="x"/> labelled ±1 by <paramref name="y"/>.</summary>
    /// <param name="x">N×n features, all finite.</param>
    /// <param name="y">N labels ±1, both classes present.</param>
    /// <exception cref="HardMarginInfeasibleException">The classes are not linearly separable.</exception>
    public SvmPrimalSolution Fit(Matrix<double> x, Vector<double> y)
    {
        var data = LabeledData.From(x, y, requireBothClasses: true);
        var hulls = ConvexHulls.NearestPoints(data, 1e-13, 100_000);
        if (hulls.Intersect)
            throw new HardMarginInfeasibleException((hulls.U + hulls.V) / 2, nameof(x));
        var start = new Perceptron(maxIterations: MaxPerceptronPasses, recordHistory: false).Fit(x, y);
        if (!start.Converged)
            throw new InvalidOperationException($"The perceptron found no separating start in {MaxPerceptronPasses} passes (the margin is tiny); raise maxPerceptronPasses.");
        int n = data.Dimension, count = data.Count, dim = n + 1;
        // θ = (w, b); rescale the perceptron so every functional margin is ≥ 2, i.e. every slack sᵢ ≥ 1.
        var theta = new double[dim];
        start.W.ToArray().CopyTo(theta, 0);
        theta[n] = start.B;
        double minMargin = double.PositiveInfinity;
        for (int i = 0; i < count; i++)
            minMargin = Math.Min(minMargin, data.Labels[i] * (TensorPrimitives.Dot(theta.AsSpan(0, n), data.Row(i)) + theta[n]));
        TensorPrimitives.Multiply(theta, 2.0 / minMargin, theta);

        var a = new double[count * dim]; // aᵢ = yᵢ(xᵢ, 1), row-major
        for (int i = 0; i < count; i++)
        {
            TensorPrimitives.Multiply(data.Row(i), data.Labels[i], a.AsSpan(i * dim, n));
            a[i * dim + n] = data.Labels[i];
        }
        var s = new double[count];
        void Slacks(double[] th, double[] into)
        {
            for (int i = 0; i < count; i++)
                into[i] = TensorPrimitives.Dot(a.AsSpan(i * dim, dim), th) - 1.0;
        }
        double Phi(double[] th, double mu, double[] sl)
        {
            double barrier = 0;
            for (int i = 0; i < count; i++)
            {
                if (sl[i] <= 0) return double.PositiveInfinity;
                barrier += Math.Log(sl[i]);
            }
            return 0.5 * TensorPrimitives.Dot(th.AsSpan(0, n), th.AsSpan(0, n)) - mu * barrier;
        }

        double muValue = Math.Max(1.0, 0.5 * TensorPrimitives.Dot(theta.AsSpan(0, n), theta.AsSpan(0, n)) / count);
        int steps = 0;
        var grad = Vector<double>.Build.Dense(dim);
        var hess = Matrix<double>.Build.Dense(dim, dim);
        var trial = new double[dim];
        var trialS = new double[count];
        bool converged = false, lastStage = false;
        Vector<double>? multipliers = null;
        while (true)
        {
            // Centering: Newton on φ_μ until the Newton decrement λ²/2 is negligible.
            for (int inner = 0; inner < 100; inner++)
            {
                Slacks(theta, s);
                grad.Clear();
                hess.Clear();
                for (int k = 0; k < n; k++) { grad[k] = theta[k]; hess[k, k] = 1.0; }
                for (int i = 0; i < count; i++)
                {
                    var ai = a.AsSpan(i * dim, dim);
                    double g = muValue / s[i], h = muValue / (s[i] * s[i]);
                    for (int p = 0; p < dim; p++)
                    {
                        grad[p] -= g * ai[p];
                        for (int q = 0; q <= p; q++)
                            hess[p, q] += h * ai[p] * ai[q];
                    }
                }
                for (int p = 0; p < dim; p++)
                    for (int q = 0; q < p; q++)
                        hess[q, p] = hess[p, q];
                var step = NewtonStep(hess, grad);
                double decrement = -grad.DotProduct(step);
                if (decrement / 2 <= 1e-15 * Math.Max(1, muValue)) break;
                steps++;
                double phi = Phi(theta, muValue, s), t = 1.0;
                while (true)
                {
                    for (int p = 0; p < dim; p++) trial[p] = theta[p] + t * step[p];
                    Slacks(trial, trialS);
                    double phiTrial = Phi(trial, muValue, trialS);
                    if (phiTrial <= phi - 0.25 * t * decrement || t < 1e-12) break;
                    t *= 0.5;
                }
                if (t < 1e-12) break;
                Array.Copy(trial, theta, dim);
            }
            // αᵢ ≈ μ/sᵢ: the path error shrinks like μ while the cancellation error in sᵢ = aᵢ·θ − 1 grows like ε/μ,
            // and Newton's centring loses accuracy as the Hessian's condition grows like 1/μ: read them off at μ ≈ 1e-7.
            if (multipliers is null && muValue <= 2e-7)
            {
                Slacks(theta, s);
                multipliers = Vector<double>.Build.Dense(count, i => muValue / s[i]);
            }
            if (lastStage || count * muValue <= GapTolerance) { converged = true; break; }
            // The last stage is flagged rather than re-tested: (tol/N)·N can round to just above tol, which once looped forever.
            muValue /= 10.0;
            if (count * muValue <= GapTolerance)
            {
                muValue = GapTolerance / count;
                lastStage = true;
            }
        }
        Slacks(theta, s);
        multipliers ??= Vector<double>.Build.Dense(count, i => muValue / s[i]);
        return new SvmPrimalSolution(Vector<double>.Build.Dense(theta.AsSpan(0, n).ToArray()), theta[n], multipliers, steps,
            count * muValue, converged);
    }
}
