using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>How <see cref="PenalizedGradientDescent"/> treats the penalty in each step.</summary>
public enum PenaltyStep
{
    /// <summary>w ← w − η(∇L(w) + g), g ∈ ∂R(w): the source's method; an L1 weight jitters around 0 and is almost never exactly 0.</summary>
    Subgradient,

    /// <summary>w ← prox_{ηR}(w − η∇L(w)): the penalty is solved exactly, so L1 weights land on exactly 0.</summary>
    Proximal,
}

/// <summary>
/// Fixed-step gradient descent on (1/(2n))‖y − Xw − b‖² + R(w), with the penalty handled by a subgradient or by its
/// proximal operator. It exists to compare the two: same loss, same step, different treatment of |w|.
/// </summary>
public sealed class PenalizedGradientDescent
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="penalty">The penalty R(w) (never applied to the intercept).</param>
    /// <param name="learningRate">The step η &gt; 0; below 2/λ_max(X_cᵀX_c/n) the squared-error part is stable.</param>
    /// <param name="maxIterations">The number of steps, all of which are run (no stopping test: the point is to watch what happens).</param>
    /// <param name="step">Subgradient or proximal treatment of the penalty.</param>
    /// <param name="fitIntercept">Whether to fit an unpenalised intercept.</param>
    /// <param name="recordHistory">Whether to keep w after every step (memory p·(maxIterations + 1)).</param>
    public PenalizedGradientDescent(Penalty penalty, double learningRate, int maxIterations, PenaltyStep step = PenaltyStep.Subgradient, bool fitIntercept = true, bool recordHistory = false)
    {
        RecordHistory = recordHistory;
        ArgumentNullException.ThrowIfNull(penalty);
        Penalty = penalty;
        LearningRate = Guard.PositiveFinite(learningRate, nameof(learningRate));
        MaxIterations = Guard.Positive(maxIterations, nameof(maxIterations));
        if (!Enum.IsDefined(step)) throw new ArgumentOutOfRangeException(nameof(step), step, "Choose Subgradient or Proximal.");
        Step = step;
        FitIntercept = fitIntercept;
    }

    /// <summary>The penalty R(w).</summary>
    public Penalty Penalty { get; }

    /// <summary>The step η.</summary>
    public double LearningRate { get; }

    /// <summary>The number of steps taken.</summary>
    public int MaxIterations { get; }

    /// <summary>Subgradient or proximal step.</summary>
    public PenaltyStep Step { get; }

    /// <summary>Whether an unpenalised intercept is fitted.</summary>
    public bool FitIntercept { get; }

    /// <summary>Whether the weights after every step are kept in <see cref="GradientDescentModel.History"/>.</summary>
    public bool RecordHistory { get; }

    /// <summary>Runs the iterations from <paramref name="start"/> (default w = 0) and records the objective after each.</summary>
    public GradientDescentModel Fit(Matrix<double> x, Vector<double> y, Vector<double>? start = null)
    {
        Guard.Design(x, y);
        if (start is not null && start.Count != x.ColumnCount)
            throw new ArgumentException($"start has {start.Count} weights but x has {x.ColumnCount} columns; pass one weight per column.", nameof(start));
        if (start is not null) Guard.Finite(start, nameof(start));
        var d = new CenteredDesign(x, y, FitIntercept);
        int n = d.Rows, p = d.Columns;
        var w = start?.ToArray() ?? new double[p];
        var r = new double[n];
        var grad = new double[p];
        var sub = new double[p];
        var history = new double[MaxIterations + 1];
        var trace = RecordHistory ? Matrix<double>.Build.Dense(MaxIterations + 1, p) : null;
        trace?.SetRow(0, w);
        d.Residual(w, r);
        history[0] = TensorPrimitives.SumOfSquares<double>(r) / (2.0 * n) + Penalty.Value(w);
        for (var k = 1; k <= MaxIterations; k++)
        {
            d.TransposeTimes(r, grad);                       // X_cᵀr; the loss gradient is −X_cᵀr/n
            TensorPrimitives.Multiply(grad, LearningRate / n, grad);
            TensorPrimitives.Add(w, grad, w);                // w − η∇L
            if (Step == PenaltyStep.Subgradient)
            {
                // The subgradient is taken at the old w, as plain gradient descent does.
                TensorPrimitives.Subtract(w, grad, sub);
                Penalty.Subgradient(sub, sub);
                TensorPrimitives.MultiplyAdd(sub, -LearningRate, w, w);
            }
            else
            {
                Penalty.Proximal(w, LearningRate, w);
            }
            if (!double.IsFinite(TensorPrimitives.SumOfMagnitudes<double>(w)))
                throw new ArgumentOutOfRangeException("learningRate", LearningRate,
                    $"Gradient descent diverged at step {k}; use a smaller learning rate (below 2/λ_max(XᵀX/n)).");
            trace?.SetRow(k, w);
            d.Residual(w, r);
            history[k] = TensorPrimitives.SumOfSquares<double>(r) / (2.0 * n) + Penalty.Value(w);
        }
        return new GradientDescentModel(Vector<double>.Build.Dense(w), d.Intercept(w), Penalty, Step, MaxIterations, history, trace);
    }
}

/// <summary>The result of <see cref="PenalizedGradientDescent"/> (immutable).</summary>
/// <param name="Coefficients">The final weights w.</param>
/// <param name="Intercept">The intercept b = ȳ − x̄ᵀw.</param>
/// <param name="Penalty">The penalty that was used.</param>
/// <param name="Step">Subgradient or proximal.</param>
/// <param name="Iterations">Steps taken.</param>
/// <param name="ObjectiveHistory">(1/(2n))‖y − Xw − b‖² + R(w) before the first step and after each step.</param>
/// <param name="History">Row k holds w after step k (row 0 the start); null unless recording was asked for.</param>
public sealed record GradientDescentModel(Vector<double> Coefficients, double Intercept, Penalty Penalty, PenaltyStep Step, int Iterations,
    IReadOnlyList<double> ObjectiveHistory, Matrix<double>? History) : ILinearModel
{
    /// <summary>ŷ = Xw + b.</summary>
    public Vector<double> Predict(Matrix<double> x) => LinearModels.Predict(x, Coefficients, Intercept);

    /// <summary>
    /// A fixed number of steps is run, so the report is IterationLimit (Diverged when the objective grew or became non-finite):
    /// this teaching optimiser has no stopping test; <see cref="Lasso"/> and <see cref="RidgeRegression"/> give the exact optimum.
    /// </summary>
    public FitReport Report
    {
        get
        {
            double first = ObjectiveHistory[0], last = ObjectiveHistory[^1];
            return !double.IsFinite(last) || last > first
                ? new(FitStatus.Diverged, Iterations, $"The objective grew from {first:G6} to {last:G6}: the learning rate is too large for this data; lower it.")
                : new(FitStatus.IterationLimit, Iterations, $"Ran the fixed {Iterations} steps (objective {first:G6} → {last:G6}); there is no stopping test, so compare with the exact solver.");
        }
    }
}
