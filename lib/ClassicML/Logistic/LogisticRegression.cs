using ClassicML.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Logistic;

/// <summary>
/// Binary logistic regression (逻辑回归) trained by full-batch gradient descent on the mean cross-entropy
/// J(W, b) = −(1/m) Σ [y ln σ(X·W + b) + (1 − y) ln(1 − σ(X·W + b))] + (α/2)‖W‖²:
/// each epoch W ← W − η ∂J/∂W, b ← b − η ∂J/∂b with the learning rate η (lesson 01 calls it α, after its source). Hyper-parameters are fixed here; <see cref="Fit"/> learns.
/// </summary>
public sealed class LogisticRegression
{
    /// <summary>Creates an untrained estimator.</summary>
    /// <param name="learningRate">η &gt; 0, the gradient-descent step size (not the penalty <paramref name="alpha"/>).</param>
    /// <param name="maxIterations">The maximum number of full-batch updates (&gt; 0).</param>
    /// <param name="recordEvery">Keep a <see cref="TrainingSnapshot"/> every this many epochs (&gt; 0); epoch 0 and the last epoch are always kept, and at most <see cref="Recording.MaxEntries"/> snapshots.</param>
    /// <param name="alpha">α ≥ 0, the strength of the penalty (α/2)‖W‖² added to the <em>mean</em> cross-entropy (the bias is not penalised): the library's one convention, mean data loss + α·½‖W‖². scikit-learn's <c>LogisticRegression(C=…)</c> minimises C·Σ cross-entropy + ½‖W‖², the same minimiser when C = 1/(m·α), m the number of samples.</param>
    /// <param name="tolerance">Stop early once ‖∇J‖ ≤ this (≥ 0; 0 runs every epoch).</param>
    /// <exception cref="ArgumentOutOfRangeException">When a hyper-parameter is outside its range; the message says the range.</exception>
    public LogisticRegression(double learningRate = 0.1, int maxIterations = 1000, int recordEvery = 10, double alpha = 0.0, double tolerance = 1e-8)
    {
        if (!(learningRate > 0.0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a finite number > 0 (try 0.1).");
        Check.AtLeast(maxIterations, 1, nameof(maxIterations), "the number of epochs");
        if (recordEvery <= 0)
            throw new ArgumentOutOfRangeException(nameof(recordEvery), recordEvery, "recordEvery must be at least 1 (1 keeps every epoch).");
        LogisticInput.CheckPenalty(alpha, nameof(alpha));
        Check.NonNegative(tolerance, nameof(tolerance), "0 runs every epoch");
        LearningRate = learningRate;
        MaxIterations = maxIterations;
        RecordEvery = recordEvery;
        Alpha = alpha;
        Tolerance = tolerance;
    }

    /// <summary>η, the step size of gradient descent.</summary>
    public double LearningRate { get; }

    /// <summary>The maximum number of epochs (full-batch updates).</summary>
    public int MaxIterations { get; }

    /// <summary>A snapshot is kept every this many epochs.</summary>
    public int RecordEvery { get; }

    /// <summary>α in the penalty (α/2)‖W‖² added to the mean cross-entropy.</summary>
    public double Alpha { get; }

    /// <summary>Training stops once the gradient norm ‖∇J‖ falls to this value.</summary>
    public double Tolerance { get; }

    /// <summary>
    /// Runs gradient descent from (W₀, b₀) (zeros unless given) and returns the fitted model with its history
    /// and a <see cref="ConvergenceReport"/> that says honestly how training ended.
    /// </summary>
    /// <param name="x">Features, one sample per row (m × n), all finite.</param>
    /// <param name="y">Labels, one per row, each 0 or 1.</param>
    /// <param name="start">W₀ (n entries); null starts at zero.</param>
    /// <param name="initialBias">b₀.</param>
    /// <exception cref="ArgumentException">On empty, non-finite or mismatched data or labels other than 0 and 1.</exception>
    public LogisticRegressionModel Fit(Matrix<double> x, Vector<double> y, Vector<double>? start = null, double initialBias = 0.0)
    {
        LogisticInput.CheckFeatures(x, nameof(x));
        LogisticInput.CheckLabels(y, x.RowCount, nameof(y));
        if (start is not null) LogisticInput.CheckWeights(start, x.ColumnCount, nameof(start));
        LogisticInput.CheckFinite(initialBias, nameof(initialBias));

        int m = x.RowCount, n = x.ColumnCount;
        var columns = LogisticInput.Columns(x);
        var labels = LogisticInput.Values(y);
        var w = start?.ToArray() ?? new double[n];
        var b = initialBias;
        var ws = new LogisticWorkspace(m, n);
        var gradW = new double[n];

        var history = new List<TrainingSnapshot>(Math.Min(MaxIterations / RecordEvery + 2, Recording.MaxEntries));
        var loss = LogisticKernel.Evaluate(columns, labels, w, b, Alpha, ws, gradW, out var gradB);
        var gradNorm = Norm(gradW, gradB);
        var initialLoss = loss;
        history.Add(Snapshot(0, w, b, loss, gradNorm));

        var epoch = 0;
        var lossIncreases = 0;
        var lastImprovement = double.NaN;
        var diverged = false;
        while (epoch < MaxIterations && gradNorm > Tolerance)
        {
            for (var j = 0; j < n; j++) w[j] -= LearningRate * gradW[j];
            b -= LearningRate * gradB;
            epoch++;
            var previous = loss;
            // The loss and gradient at the new parameters: the snapshot of epoch t describes (W_t, b_t) exactly.
            loss = LogisticKernel.Evaluate(columns, labels, w, b, Alpha, ws, gradW, out gradB);
            gradNorm = Norm(gradW, gradB);
            lastImprovement = previous - loss;
            if (loss > previous) lossIncreases++;
            if (!double.IsFinite(loss) || !double.IsFinite(gradNorm) || !double.IsFinite(b))
            {
                diverged = true;
                Recording.Add(history, Snapshot(epoch, w, b, loss, gradNorm));
                break;
            }

            if (epoch % RecordEvery == 0) Recording.Add(history, Snapshot(epoch, w, b, loss, gradNorm));
        }

        if (!diverged && history[^1].Epoch != epoch) Recording.Add(history, Snapshot(epoch, w, b, loss, gradNorm));

        var separates = !diverged && SeparatesStrictly(columns, m, labels, w, b, ws.Z);
        var stoppedImproving = epoch > 0 && !double.IsNaN(lastImprovement) && lastImprovement <= 1e-12 * Math.Max(1.0, Math.Abs(loss));
        FitStatus status;
        string message;
        // Gradient descent with a step below 2/L (L the Lipschitz constant of ∇J) lowers J every epoch. A loss that
        // rose in at least a tenth of the epochs (and is not yet at the tolerance) is overshooting the minimum and
        // bouncing across it — a 2-cycle or chaos — even when it ends below where it started: the learning rate is too large.
        bool oscillating = epoch >= 10 && lossIncreases * 10 >= epoch && gradNorm > Tolerance;
        if (diverged || loss > initialLoss)
        {
            status = FitStatus.Diverged;
            message = $"The loss grew from {initialLoss:G6} to {loss:G6}: the learning rate {LearningRate} is too large for this data; lower it (or scale the features).";
        }
        else if (oscillating)
        {
            status = FitStatus.Diverged;
            message = $"The loss rose in {lossIncreases} of {epoch} epochs and ‖∇J‖ = {gradNorm:G3} is not shrinking: each step overshoots the minimum, " +
                      $"so the learning rate {LearningRate} is too large for this data. Lower the learning rate (halve it until the loss falls every epoch) or scale the features; more epochs will not help.";
        }
        else if (separates && Alpha == 0.0)
        {
            status = FitStatus.Degenerate;
            message = "The weights separate the two classes perfectly, so the data are linearly separable and J has no finite minimiser: " +
                      "scaling (W, b) by c > 1 always lowers the loss, ‖W‖ keeps growing and J → 0. The parameters reported are where training stopped, " +
                      "not an optimum; add an L2 penalty (alpha > 0) or stop early on purpose.";
        }
        else if (gradNorm <= Tolerance)
        {
            status = FitStatus.Converged;
            message = $"Converged after {epoch} epochs: ‖∇J‖ = {gradNorm:G3} ≤ {Tolerance:G3}.";
        }
        else
        {
            status = FitStatus.IterationLimit;
            message = $"Stopped at the epoch limit ({MaxIterations}) with ‖∇J‖ = {gradNorm:G3} > {Tolerance:G3}" +
                      (stoppedImproving ? "; the loss has stopped improving." : "; the loss is still decreasing, so more epochs (or a larger learning rate) would lower it further.");
        }

        var report = new ConvergenceReport(status, epoch, loss, gradNorm, lastImprovement, stoppedImproving, lossIncreases, separates, message);
        return new LogisticRegressionModel(Vector<double>.Build.Dense(w), b, Alpha, history, report);
    }

    private static double Norm(double[] gradW, double gradB)
    {
        var s = gradB * gradB;
        foreach (var g in gradW) s += g * g;
        return Math.Sqrt(s);
    }

    private static TrainingSnapshot Snapshot(int epoch, double[] w, double b, double loss, double gradNorm) =>
        new(epoch, Vector<double>.Build.Dense((double[])w.Clone()), b, loss, gradNorm);

    /// <summary>True when every sample lies strictly on its own side: (2yᵢ − 1)(xᵢ·W + b) &gt; 0 for all i.</summary>
    private static bool SeparatesStrictly(double[] columns, int m, double[] y, double[] w, double b, double[] z)
    {
        LogisticKernel.Logits(columns, m, w, b, z);
        for (var i = 0; i < m; i++)
        {
            if ((2.0 * y[i] - 1.0) * z[i] <= 0.0) return false;
        }

        return true;
    }
}

/// <summary>
/// The <see cref="FitReport"/> of a logistic fit, with the numbers that back its status. <see cref="FitStatus.Degenerate"/>
/// here means separable data with no penalty: the loss has no finite minimiser.
/// </summary>
/// <param name="Status">How training ended.</param>
/// <param name="Iterations">MaxIterations (full-batch updates) actually made.</param>
/// <param name="FinalLoss">J at the returned parameters.</param>
/// <param name="FinalGradientNorm">‖∇J‖ at the returned parameters.</param>
/// <param name="LastImprovement">J_{T−1} − J_T, the decrease of the loss in the last epoch (NaN when no epoch ran).</param>
/// <param name="LossStoppedImproving">True when the last improvement was at most 10⁻¹²·max(1, J).</param>
/// <param name="LossIncreases">How many epochs raised the loss (0 for a small enough learning rate).</param>
/// <param name="SeparatesTrainingData">True when the final parameters classify every training sample correctly with a nonzero margin.</param>
/// <param name="Message">One or two sentences saying what happened and what to do.</param>
public sealed record ConvergenceReport(
    FitStatus Status, int Iterations, double FinalLoss, double FinalGradientNorm, double LastImprovement,
    bool LossStoppedImproving, int LossIncreases, bool SeparatesTrainingData, string Message)
    : FitReport(Status, Iterations, Message);

/// <summary>The parameters and loss after <paramref name="Epoch"/> updates (epoch 0 is the start).</summary>
/// <param name="Epoch">Number of gradient steps taken.</param>
/// <param name="Weights">W at that epoch (a copy).</param>
/// <param name="Bias">b at that epoch.</param>
/// <param name="Loss">J(W, b) at exactly these parameters.</param>
/// <param name="GradientNorm">‖∇J(W, b)‖.</param>
public sealed record TrainingSnapshot(int Epoch, Vector<double> Weights, double Bias, double Loss, double GradientNorm);
