using System.Globalization;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>
/// Batch gradient descent (градиентный спуск / 梯度下降) on <c>MSE(w) = (1/n)‖Dw − y‖²</c>:
/// <c>w ← w − η·∇MSE(w)</c> with <c>∇MSE(w) = (2/n)·Dᵀ(Dw − y)</c>, stopped when <c>‖∇MSE‖₂ ≤ tolerance</c>.
/// </summary>
/// <remarks>
/// The gradient is Lipschitz with constant <c>L = 2·λ_max(DᵀD)/n</c>; any step η &lt; 2/L converges, and the
/// default η = 1/L is the classic safe choice. The number of iterations grows like cond(DᵀD), which is why an
/// ill-conditioned table (nearly collinear columns) makes gradient descent crawl.
/// </remarks>
public sealed class GradientDescentRegression
{
    /// <summary>Configures the estimator.</summary>
    /// <param name="learningRate">Step η; null means 1/L with L = 2·λ_max(DᵀD)/n estimated by power iteration.</param>
    /// <param name="maxIterations">Upper bound on the number of steps.</param>
    /// <param name="tolerance">Stop when the gradient norm ‖∇MSE(w)‖₂ is at most this.</param>
    /// <param name="fitIntercept">Prepend a ones column so the first coefficient is the intercept w₀.</param>
    /// <param name="recordEvery">Keep every k-th iterate in the history (the first and last are always kept; at most <see cref="Recording.MaxEntries"/> entries).</param>
    public GradientDescentRegression(double? learningRate = null, int maxIterations = 10_000, double tolerance = 1e-10,
        bool fitIntercept = true, int recordEvery = 1)
    {
        if (learningRate is { } eta && !(eta > 0 && double.IsFinite(eta)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), eta, "The learning rate must be a positive finite number; leave it null for 1/L.");
        if (maxIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "Allow at least one iteration.");
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The gradient-norm tolerance must be a finite number ≥ 0.");
        if (recordEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(recordEvery), recordEvery, "Record at least every iteration (1) or every k-th (k > 1).");
        LearningRate = learningRate;
        MaxIterations = maxIterations;
        Tolerance = tolerance;
        FitIntercept = fitIntercept;
        RecordEvery = recordEvery;
    }

    /// <summary>The fixed step η, or null for 1/L.</summary>
    public double? LearningRate { get; }

    /// <summary>Upper bound on the number of steps.</summary>
    public int MaxIterations { get; }

    /// <summary>Gradient-norm threshold that counts as converged.</summary>
    public double Tolerance { get; }

    /// <summary>Whether a ones column is prepended.</summary>
    public bool FitIntercept { get; }

    /// <summary>History thinning: every k-th iterate is kept.</summary>
    public int RecordEvery { get; }

    /// <summary>Runs gradient descent from <paramref name="start"/> (zeros when null).</summary>
    /// <param name="x">Features, one row per sample; finite values only.</param>
    /// <param name="y">Targets, one per row.</param>
    /// <param name="start">Initial coefficients over the design columns (<c>[w₀, w₁, …]</c> with intercept).</param>
    /// <returns>The final coefficients, the path and the convergence report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The chosen learning rate makes the iteration diverge.</exception>
    public GradientDescentFit Fit(Matrix<double> x, Vector<double> y, Vector<double>? start = null)
    {
        var d = DesignMatrix.Validate(x, y, FitIntercept);
        var n = d.RowCount;
        var p = d.ColumnCount;
        if (start is not null)
        {
            if (start.Count != p)
                throw new ArgumentException($"start has {start.Count} values but the design matrix has {p} columns{(FitIntercept ? " (w₀ first)" : "")}.", nameof(start));
            DesignMatrix.RequireFinite(start, nameof(start));
        }

        // Dense MathNet storage is column-major, so every pass below runs over contiguous length-n columns.
        // d is already a private copy made by Validate, so its array can be used in place.
        var cols = d.AsColumnMajorArray() ?? d.ToColumnMajorArray();
        var target = y.ToArray();
        var residual = new double[n];
        var grad = new double[p];
        var w = start?.ToArray() ?? new double[p];

        var lambdaMax = GramEigenvalue.Largest(p, (v, gv) =>
        {
            // DᵀD v = Dᵀ(Dv), with the residual buffer holding Dv.
            Array.Clear(residual);
            for (var j = 0; j < p; j++) TensorPrimitives.MultiplyAdd(cols.AsSpan(j * n, n), v[j], residual, residual);
            for (var j = 0; j < p; j++) gv[j] = TensorPrimitives.Dot(cols.AsSpan(j * n, n), residual);
        });
        if (lambdaMax == 0)
            throw new ArgumentException("Every column of the design matrix is zero: there is nothing to fit.", nameof(x));
        var lipschitz = 2 * lambdaMax / n;
        var eta = LearningRate ?? 1 / lipschitz;

        var history = new List<GradientDescentStep>();
        var iteration = 0;
        double loss, gradNorm, initialLoss = double.NaN;
        var lastFinite = (double[])w.Clone();
        double lastFiniteLoss = double.NaN, lastFiniteGradNorm = double.NaN;
        while (true)
        {
            (loss, gradNorm) = LossAndGradient(cols, n, p, target, w, residual, grad);
            if (iteration == 0) initialLoss = loss;
            // Past the stability limit 2/L the error grows by a factor |1 − ηλ| > 1 per step along the top eigenvector:
            // the loss overflows, or (with few iterations) ends above where it started. Either way: Diverged, never NaN.
            bool overflowed = !double.IsFinite(loss) || !double.IsFinite(gradNorm);
            var converged = !overflowed && gradNorm <= Tolerance;
            var last = overflowed || converged || iteration == MaxIterations;
            if (overflowed)
            {
                (w, loss, gradNorm) = (lastFinite, lastFiniteLoss, lastFiniteGradNorm);
                iteration--;
            }
            else
            {
                Array.Copy(w, lastFinite, p);
                (lastFiniteLoss, lastFiniteGradNorm) = (loss, gradNorm);
            }
            if (!overflowed && (iteration % RecordEvery == 0 || last))
                Recording.Add(history, new GradientDescentStep(iteration, loss, gradNorm, Array.AsReadOnly((double[])w.Clone())));
            if (last)
            {
                var diverged = overflowed || loss > initialLoss;
                var status = diverged ? FitStatus.Diverged : converged ? FitStatus.Converged : FitStatus.IterationLimit;
                var message = diverged
                    ? $"Gradient descent diverged by iteration {iteration + (overflowed ? 1 : 0)}: the step η = {eta.ToString("G4", CultureInfo.InvariantCulture)} exceeds the stability limit " +
                      $"2/L ≈ {(2 / lipschitz).ToString("G4", CultureInfo.InvariantCulture)}, so the loss grew. Use a smaller learning rate, or leave it null for 1/L. The coefficients are the last finite iterate, not a fit."
                    : converged
                        ? $"Converged after {iteration} steps: ‖∇MSE‖ = {gradNorm:G3} ≤ {Tolerance:G3}."
                        : $"Stopped at the iteration limit ({iteration}) with ‖∇MSE‖ = {gradNorm:G3} > {Tolerance:G3}; raise maxIterations, or solve exactly with LinearRegression (ill-conditioned data slow gradient descent down).";
                return new GradientDescentFit(w, FitIntercept, eta, 2 / lipschitz, iteration, converged, loss, gradNorm, history.AsReadOnly(),
                    new FitReport(status, iteration, message));
            }
            // w ← w − η ∇MSE(w)
            TensorPrimitives.MultiplyAdd(grad, -eta, w, w);
            iteration++;
        }
    }

    /// <summary>MSE and its gradient (2/n)·Dᵀ(Dw − y); the residual buffer is reused, nothing is allocated.</summary>
    private static (double Loss, double GradNorm) LossAndGradient(double[] cols, int n, int p, double[] y, double[] w, double[] r, double[] grad)
    {
        var rs = r.AsSpan();
        // r = Dw − y, accumulated column by column.
        TensorPrimitives.Negate(y, rs);
        for (var j = 0; j < p; j++)
            TensorPrimitives.MultiplyAdd(cols.AsSpan(j * n, n), w[j], rs, rs);
        var loss = TensorPrimitives.Dot(rs, rs) / n;
        for (var j = 0; j < p; j++)
            grad[j] = 2.0 / n * TensorPrimitives.Dot(cols.AsSpan(j * n, n), rs);
        return (loss, VectorKernels.Norm(grad));
    }
}

/// <summary>One recorded iterate of gradient descent.</summary>
/// <param name="Iteration">Steps taken before this iterate (0 = the start).</param>
/// <param name="Loss">MSE at this iterate.</param>
/// <param name="GradientNorm">‖∇MSE‖₂ at this iterate.</param>
/// <param name="Coefficients">The coefficients <c>[w₀, w₁, …]</c> at this iterate.</param>
public sealed record GradientDescentStep(int Iteration, double Loss, double GradientNorm, IReadOnlyList<double> Coefficients);

/// <summary>The result of <see cref="GradientDescentRegression.Fit"/>: coefficients, path and convergence report.</summary>
public sealed class GradientDescentFit : IRegressor
{
    private readonly double[] _w;

    internal GradientDescentFit(double[] w, bool hasIntercept, double learningRate, double stabilityLimit, int iterations,
        bool converged, double loss, double gradientNorm, IReadOnlyList<GradientDescentStep> history, FitReport report)
    {
        _w = w; HasIntercept = hasIntercept; LearningRate = learningRate; StabilityLimit = stabilityLimit;
        Iterations = iterations; Converged = converged; Loss = loss; GradientNorm = gradientNorm; History = history; Report = report;
    }

    /// <summary>Final coefficients over the design matrix's columns, <c>[w₀, w₁, …]</c> with an intercept (a fresh copy).</summary>
    public Vector<double> DesignCoefficients => Vector<double>.Build.Dense((double[])_w.Clone());

    /// <summary>The feature weights <c>[w₁, …, w_p]</c> — never the intercept.</summary>
    public Vector<double> Coefficients => Vector<double>.Build.Dense(HasIntercept ? _w[1..] : (double[])_w.Clone());

    /// <summary>The intercept w₀, or 0 without one.</summary>
    public double Intercept => HasIntercept ? _w[0] : 0.0;

    /// <summary>Predictions <c>ŷ = w₀ + X·[w₁ … w_p]ᵀ</c>.</summary>
    public Vector<double> Predict(Matrix<double> x)
    {
        var w = Coefficients;
        Validation.Check.SameFeatures(x, w.Count, nameof(x));
        return x * w + Intercept;
    }

    /// <summary>Converged when ‖∇MSE‖ reached the tolerance; IterationLimit; Diverged when the step exceeded 2/L and the loss grew (then the coefficients are the last finite iterate).</summary>
    public FitReport Report { get; }

    /// <summary>Whether the first coefficient is an intercept.</summary>
    public bool HasIntercept { get; }

    /// <summary>The step η that was used.</summary>
    public double LearningRate { get; }

    /// <summary>The largest stable step 2/L, with L = 2·λ_max(DᵀD)/n (power-iteration estimate).</summary>
    public double StabilityLimit { get; }

    /// <summary>Steps taken.</summary>
    public int Iterations { get; }

    /// <summary>True when ‖∇MSE‖₂ reached the tolerance before the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>MSE at the final coefficients.</summary>
    public double Loss { get; }

    /// <summary>‖∇MSE‖₂ at the final coefficients (the final tolerance reached).</summary>
    public double GradientNorm { get; }

    /// <summary>Recorded iterates, first to last.</summary>
    public IReadOnlyList<GradientDescentStep> History { get; }
}
