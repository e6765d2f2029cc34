using ClassicML.Linear;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>How <see cref="Lasso"/> minimises its objective.</summary>
public enum LassoSolver
{
    /// <summary>Cyclic coordinate descent: exact minimisation in one weight at a time (a soft threshold).</summary>
    CoordinateDescent,

    /// <summary>Proximal gradient (ISTA): a gradient step on the squared error, then soft thresholding.</summary>
    Ista,

    /// <summary>Accelerated proximal gradient (FISTA) with Nesterov momentum and adaptive restart.</summary>
    Fista,
}

/// <summary>
/// The lasso: minimises P(w, b) = (1/(2n))‖y − Xw − b‖² + α‖w‖₁ with an unpenalised intercept b
/// (scikit-learn's <c>Lasso</c> objective).
/// </summary>
/// <remarks>
/// Every solver stops on the duality gap, a certificate rather than a heuristic: for the dual point
/// θ = c·r/n (r = y_c − X_cw, c = min(1, nα/‖X_cᵀr‖∞), so that ‖X_cᵀθ‖∞ ≤ α) the gap is
/// G = P(w) − D(θ) = (1/n)[½(1 − c)²‖r‖² + Σ_j (nα|w_j| − c·w_j·x_jᵀr)] ≥ P(w) − P* ≥ 0.
/// The fit stops when G ≤ tolerance · P(0), where P(0) = ‖y − ȳ‖²/(2n).
/// On ill-conditioned data a tiny gap still allows a visible error in w (G ≈ ½ μ‖w − w*‖², with μ the smallest
/// eigenvalue of X_cᵀX_c/n), which is why the default tolerance is tight; <see cref="LassoModel.KktViolation"/> reports
/// the first-order optimality error directly.
/// </remarks>
public sealed class Lasso
{
    /// <summary>Creates a lasso estimator.</summary>
    /// <param name="alpha">Penalty strength α ≥ 0.</param>
    /// <param name="solver">The optimisation algorithm.</param>
    /// <param name="tolerance">Stop when the duality gap ≤ tolerance · ‖y − ȳ‖²/(2n); must be &gt; 0.</param>
    /// <param name="maxIterations">Most sweeps (coordinate descent) or steps (ISTA/FISTA) before giving up.</param>
    /// <param name="fitIntercept">Whether to fit an unpenalised intercept.</param>
    public Lasso(double alpha = 1.0, LassoSolver solver = LassoSolver.CoordinateDescent, double tolerance = 1e-12, int maxIterations = 100_000, bool fitIntercept = true)
    {
        Alpha = Guard.NonNegativeFinite(alpha, nameof(alpha));
        if (!Enum.IsDefined(solver)) throw new ArgumentOutOfRangeException(nameof(solver), solver, "Choose CoordinateDescent, Ista or Fista.");
        Solver = solver;
        Tolerance = Guard.PositiveFinite(tolerance, nameof(tolerance));
        MaxIterations = Guard.Positive(maxIterations, nameof(maxIterations));
        FitIntercept = fitIntercept;
    }

    /// <summary>The penalty strength α.</summary>
    public double Alpha { get; }

    /// <summary>The optimisation algorithm.</summary>
    public LassoSolver Solver { get; }

    /// <summary>Relative duality-gap tolerance.</summary>
    public double Tolerance { get; }

    /// <summary>The iteration budget.</summary>
    public int MaxIterations { get; }

    /// <summary>Whether an unpenalised intercept is fitted.</summary>
    public bool FitIntercept { get; }

    /// <summary>Fits the lasso; <paramref name="start"/> (a warm start, e.g. the previous α on a path) defaults to w = 0.</summary>
    public LassoModel Fit(Matrix<double> x, Vector<double> y, Vector<double>? start = null)
    {
        Guard.Design(x, y);
        if (start is not null)
        {
            if (start.Count != x.ColumnCount)
                throw new ArgumentException($"start has {start.Count} weights but x has {x.ColumnCount} columns; pass one weight per column.", nameof(start));
            Guard.Finite(start, nameof(start));
        }
        var design = new CenteredDesign(x, y, FitIntercept);
        return Fit(design, start?.ToArray());
    }

    internal LassoModel Fit(CenteredDesign d, double[]? initial)
    {
        var w = initial is null ? new double[d.Columns] : (double[])initial.Clone();
        var state = new LassoState(d, Alpha);
        var (iterations, converged) = Solver == LassoSolver.CoordinateDescent
            ? CoordinateDescent(state, w)
            : ProximalGradient(state, w, Solver == LassoSolver.Fista);
        state.Evaluate(w);
        return new LassoModel(
            Vector<double>.Build.Dense(w), d.Intercept(w), Alpha, Solver, iterations, converged,
            state.Gap, state.Objective, state.KktViolation(w), Tolerance * state.NullObjective);
    }

    /// <summary>α_max = ‖X_cᵀy_c‖∞/n: the smallest α at which every lasso weight is 0.</summary>
    public static double AlphaMax(Matrix<double> x, Vector<double> y, bool fitIntercept = true)
    {
        Guard.Design(x, y);
        var d = new CenteredDesign(x, y, fitIntercept);
        var g = new double[d.Columns];
        d.TransposeTimes(d.Target, g);
        return Math.Abs(TensorPrimitives.MaxMagnitude<double>(g)) / d.Rows; // MaxMagnitude keeps the sign
    }

    /// <summary>The lasso objective (1/(2n))‖y − Xw − b‖² + α‖w‖₁ of given parameters.</summary>
    public static double Objective(Matrix<double> x, Vector<double> y, Vector<double> w, double b, double alpha)
    {
        Guard.Design(x, y);
        var r = y - LinearModels.Predict(x, w, b);
        return r.DotProduct(r) / (2.0 * y.Count) + alpha * w.L1Norm();
    }

    /// <summary>
    /// Use the Gram matrix X_cᵀX_c when rows outnumber columns: a coordinate step then costs O(p) instead of O(n),
    /// and a gradient O(p²) instead of O(np). Capped so the p×p matrix stays small.
    /// </summary>
    private static bool UseGram(CenteredDesign d) => d.Rows > d.Columns && d.Columns <= 2048;

    private (int Iterations, bool Converged) CoordinateDescent(LassoState s, double[] w)
    {
        var d = s.Design;
        var gram = UseGram(d) ? s.Gram : null;
        var p = d.Columns;
        var threshold = d.Rows * Alpha;
        var target = Tolerance * s.NullObjective;
        var r = s.Residual;
        var q = new double[p];          // q = Gw, kept in step with w when the Gram matrix is used
        if (gram is null) d.Residual(w, r); else gram.Times(w, q);
        for (var sweep = 1; sweep <= MaxIterations; sweep++)
        {
            double maxStep = 0, maxWeight = 0;
            for (var j = 0; j < p; j++)
            {
                var norm2 = d.ColumnSquaredNorms[j];
                if (norm2 == 0) { w[j] = 0; continue; }
                var old = w[j];
                // Minimise in w_j alone: ½‖r + x_j·w_j_old − x_j·w_j‖² + nα|w_j|  ⇒  w_j = S(x_jᵀr + ‖x_j‖²w_j_old, nα)/‖x_j‖²,
                // where x_jᵀr = (X_cᵀy_c)_j − (Gw)_j with the Gram matrix.
                var xtr = gram is null ? TensorPrimitives.Dot(d.Column(j), r) : gram.XtY[j] - q[j];
                var updated = Penalty.SoftThreshold(xtr + norm2 * old, threshold) / norm2;
                if (updated != old)
                {
                    if (gram is null) TensorPrimitives.MultiplyAdd(d.Column(j), old - updated, r, r);
                    else TensorPrimitives.MultiplyAdd(gram.Column(j), updated - old, q, q);
                    w[j] = updated;
                }
                maxStep = Math.Max(maxStep, Math.Abs(updated - old));
                maxWeight = Math.Max(maxWeight, Math.Abs(updated));
            }
            // The gap costs a full Xᵀr: check it every 10 sweeps, or as soon as the weights stop moving.
            if (maxWeight == 0 || maxStep <= 1e-9 * maxWeight || sweep % 10 == 0 || sweep == MaxIterations)
            {
                if (Certified(s, w, gram, q, target)) return (sweep, true);
                if (gram is null) d.Residual(w, r); // refresh so rounding from many rank-one updates cannot pile up
                else gram.Times(w, q);
            }
        }
        return (MaxIterations, false);
    }

    private (int Iterations, bool Converged) ProximalGradient(LassoState s, double[] w, bool accelerated)
    {
        var d = s.Design;
        var gram = UseGram(d) ? s.Gram : null;
        var n = d.Rows;
        var p = d.Columns;
        // Step 1/L, L = λ_max(X_cᵀX_c)/n the Lipschitz constant of the squared-error gradient.
        var lipschitz = LargestEigenvalueOfGram(d, gram) / n;
        if (lipschitz == 0) { Array.Clear(w); return (0, true); }
        var step = 1.0 / lipschitz;
        var threshold = step * Alpha;
        var target = Tolerance * s.NullObjective;
        var z = (double[])w.Clone();          // the point the gradient is taken at (= w for ISTA)
        var previous = (double[])w.Clone();
        var xtr = new double[p];
        var q = new double[p];
        var rz = new double[n];
        var t = 1.0;
        for (var k = 1; k <= MaxIterations; k++)
        {
            // xtr = X_cᵀ(y_c − X_c z) = −n∇L(z)
            if (gram is null) { d.Residual(z, rz); d.TransposeTimes(rz, xtr); }
            else { gram.Times(z, q); TensorPrimitives.Subtract(gram.XtY, q, xtr); }
            w.AsSpan().CopyTo(previous);
            for (var j = 0; j < p; j++) w[j] = Penalty.SoftThreshold(z[j] + step * xtr[j] / n, threshold);
            if (accelerated)
            {
                // Restart the momentum when it points uphill: (z − w_new)ᵀ(w_new − w_old) > 0.
                double uphill = 0;
                for (var j = 0; j < p; j++) uphill += (z[j] - w[j]) * (w[j] - previous[j]);
                if (uphill > 0) t = 1.0;
                var tNext = 0.5 * (1 + Math.Sqrt(1 + 4 * t * t));
                var beta = (t - 1) / tNext;
                for (var j = 0; j < p; j++) z[j] = w[j] + beta * (w[j] - previous[j]);
                t = tNext;
            }
            else
            {
                w.AsSpan().CopyTo(z);
            }
            if (k % 10 == 0 || k == MaxIterations)
            {
                if (gram is not null) gram.Times(w, q);
                if (Certified(s, w, gram, q, target)) return (k, true);
            }
        }
        return (MaxIterations, false);
    }

    /// <summary>
    /// True when the duality gap of w is within target. With the Gram matrix the gap is first estimated cheaply from
    /// q = Gw; only when that estimate is near the target is it confirmed from the exact residual, which is what is reported.
    /// </summary>
    private static bool Certified(LassoState s, double[] w, GramMatrix? gram, double[] q, double target)
    {
        if (gram is not null)
        {
            s.EvaluateFromGram(w, q);
            if (s.Gap > 1e3 * target) return false;
        }
        s.Evaluate(w);
        return s.Gap <= target;
    }

    /// <summary>λ_max(X_cᵀX_c) (<see cref="GramEigenvalue.Largest"/>), padded by 1% because power iteration approaches it from below.</summary>
    internal static double LargestEigenvalueOfGram(CenteredDesign d, GramMatrix? gram = null)
    {
        var xv = gram is null ? new double[d.Rows] : [];
        return 1.01 * GramEigenvalue.Largest(d.Columns, (v, gv) =>
        {
            if (gram is not null) { gram.Times(v, gv); return; }
            Array.Clear(xv);
            for (var j = 0; j < d.Columns; j++) TensorPrimitives.MultiplyAdd(d.Column(j), v[j], xv, xv);
            d.TransposeTimes(xv, gv);
        });
    }
}

/// <summary>G = X_cᵀX_c (column-major, symmetric) and X_cᵀy_c, computed once per fit.</summary>
internal sealed class GramMatrix
{
    public GramMatrix(CenteredDesign d)
    {
        P = d.Columns;
        var xc = d.ToMatrix();
        Data = xc.TransposeThisAndMultiply(xc).ToColumnMajorArray();
        XtY = new double[P];
        d.TransposeTimes(d.Target, XtY);
    }

    public int P { get; }
    public double[] Data { get; }
    public double[] XtY { get; }

    public ReadOnlySpan<double> Column(int j) => Data.AsSpan(j * P, P);

    /// <summary>destination = G v (G is symmetric, so column j doubles as row j).</summary>
    public void Times(ReadOnlySpan<double> v, Span<double> destination)
    {
        for (var j = 0; j < P; j++) destination[j] = TensorPrimitives.Dot(Column(j), v);
    }
}

/// <summary>Scratch space and the gap/objective of the current weights.</summary>
internal sealed class LassoState
{
    private readonly double[] _xtr;

    public LassoState(CenteredDesign d, double alpha)
    {
        Design = d;
        Alpha = alpha;
        Residual = new double[d.Rows];
        _xtr = new double[d.Columns];
        NullObjective = TensorPrimitives.SumOfSquares<double>(d.Target) / (2.0 * d.Rows);
    }

    private GramMatrix? _gram;

    public CenteredDesign Design { get; }
    public double Alpha { get; }

    /// <summary>The Gram matrix, built on first use.</summary>
    public GramMatrix Gram => _gram ??= new GramMatrix(Design);
    public double[] Residual { get; }
    public double NullObjective { get; }
    public double Gap { get; private set; }
    public double Objective { get; private set; }

    public void Evaluate(double[] w)
    {
        Design.Residual(w, Residual);
        EvaluateFromResidual(w);
    }

    /// <summary>Gap and objective from the residual already in <see cref="Residual"/>.</summary>
    public void EvaluateFromResidual(double[] w)
    {
        Design.TransposeTimes(Residual, _xtr);
        SetGap(w, TensorPrimitives.SumOfSquares<double>(Residual));
    }

    /// <summary>
    /// Gap estimate from q = Gw: X_cᵀr = X_cᵀy_c − q and ‖r‖² = ‖y_c‖² − 2wᵀX_cᵀy_c + wᵀq. The last form cancels when the
    /// fit is good, which is why <see cref="Lasso"/> confirms a small estimate with the exact residual.
    /// </summary>
    public void EvaluateFromGram(double[] w, double[] q)
    {
        var gram = Gram;
        TensorPrimitives.Subtract(gram.XtY, q, _xtr);
        var rr = TensorPrimitives.SumOfSquares<double>(Design.Target) - 2 * TensorPrimitives.Dot<double>(w, gram.XtY) + TensorPrimitives.Dot<double>(w, q);
        SetGap(w, Math.Max(rr, 0));
    }

    private void SetGap(double[] w, double rr)
    {
        double n = Design.Rows;
        var dualNorm = Math.Abs(TensorPrimitives.MaxMagnitude<double>(_xtr)); // MaxMagnitude keeps the sign
        var nAlpha = n * Alpha;
        var c = dualNorm > nAlpha ? nAlpha / dualNorm : 1.0;
        // Written as a sum of terms that each vanish at the optimum, so the gap does not come from
        // subtracting two nearly equal objective values.
        double gap = 0.5 * (1 - c) * (1 - c) * rr;
        for (var j = 0; j < w.Length; j++) gap += nAlpha * Math.Abs(w[j]) - c * w[j] * _xtr[j];
        Gap = Math.Max(gap, 0) / n;
        Objective = rr / (2 * n) + Alpha * TensorPrimitives.SumOfMagnitudes<double>(w);
    }

    /// <summary>
    /// max_j of the KKT residual with g_j = x_jᵀr/n: |g_j − α·sign(w_j)| where w_j ≠ 0, and max(0, |g_j| − α) where w_j = 0.
    /// </summary>
    public double KktViolation(double[] w)
    {
        Design.Residual(w, Residual);
        Design.TransposeTimes(Residual, _xtr);
        double worst = 0;
        for (var j = 0; j < w.Length; j++)
        {
            var g = _xtr[j] / Design.Rows;
            var v = w[j] != 0 ? Math.Abs(g - Alpha * Math.Sign(w[j])) : Math.Max(0, Math.Abs(g) - Alpha);
            worst = Math.Max(worst, v);
        }
        return worst;
    }
}

/// <summary>A fitted lasso model with its convergence report (immutable).</summary>
/// <param name="Coefficients">The weights w; many are exactly 0.</param>
/// <param name="Intercept">The intercept b = ȳ − x̄ᵀw.</param>
/// <param name="Alpha">The α it was fitted with.</param>
/// <param name="Solver">The algorithm used.</param>
/// <param name="Iterations">Sweeps (coordinate descent) or steps (ISTA/FISTA) taken.</param>
/// <param name="Converged">True when the duality gap fell below the target within the budget.</param>
/// <param name="DualityGap">The final duality gap G ≥ P(w) − P* (in objective units).</param>
/// <param name="Objective">The final objective (1/(2n))‖y − Xw − b‖² + α‖w‖₁.</param>
/// <param name="KktViolation">The largest violation of the optimality conditions x_jᵀr/n = α·sign(w_j) (w_j ≠ 0) and |x_jᵀr/n| ≤ α (w_j = 0).</param>
/// <param name="GapTarget">The gap the solver aimed for: tolerance · ‖y − ȳ‖²/(2n).</param>
public sealed record LassoModel(
    Vector<double> Coefficients, double Intercept, double Alpha, LassoSolver Solver, int Iterations, bool Converged,
    double DualityGap, double Objective, double KktViolation, double GapTarget) : ILinearModel
{
    /// <summary>ŷ = Xw + b.</summary>
    public Vector<double> Predict(Matrix<double> x) => LinearModels.Predict(x, Coefficients, Intercept);

    /// <summary>Converged when the duality gap reached its target; otherwise the iteration limit.</summary>
    public FitReport Report => Converged
        ? new(FitStatus.Converged, Iterations, $"Converged after {Iterations} iterations: duality gap {DualityGap:G3} ≤ {GapTarget:G3}.")
        : new(FitStatus.IterationLimit, Iterations, $"Stopped at the iteration limit with duality gap {DualityGap:G3} > {GapTarget:G3}; raise maxIterations, or use LassoSolver.CoordinateDescent, which needs far fewer iterations.");
}
