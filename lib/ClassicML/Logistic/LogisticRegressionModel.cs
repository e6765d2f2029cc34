using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Logistic;

/// <summary>
/// A fitted logistic regression: P(y = 1 | x) = σ(x·W + b). Immutable; carries the training history
/// (for animations) and the <see cref="ConvergenceReport"/>.
/// </summary>
public sealed class LogisticRegressionModel : IClassifier
{
    /// <summary>Creates a model from its parameters (for example from a textbook or another library).</summary>
    /// <param name="weights">W, one weight per feature, finite.</param>
    /// <param name="bias">b, finite.</param>
    /// <param name="alpha">α of the penalty (α/2)‖W‖² the model was trained with (0 when unknown).</param>
    /// <param name="history">Snapshots of training; may be empty.</param>
    /// <param name="report">How training ended; null when the parameters were given, not trained.</param>
    public LogisticRegressionModel(Vector<double> weights, double bias, double alpha = 0.0, IEnumerable<TrainingSnapshot>? history = null, ConvergenceReport? report = null)
    {
        LogisticInput.CheckWeights(weights, weights?.Count ?? 0, nameof(weights));
        if (weights!.Count == 0) throw new ArgumentException("A model needs at least one weight.", nameof(weights));
        LogisticInput.CheckFinite(bias, nameof(bias));
        LogisticInput.CheckPenalty(alpha, nameof(alpha));
        Weights = weights.Clone();
        Bias = bias;
        Alpha = alpha;
        History = history?.ToArray() ?? [];
        Report = report;
    }

    /// <summary>W, the learned weights.</summary>
    public Vector<double> Weights { get; }

    /// <summary>b, the learned bias (intercept).</summary>
    public double Bias { get; }

    /// <summary>α of the penalty (α/2)‖W‖² used in training.</summary>
    public double Alpha { get; }

    /// <summary>Snapshots (epoch, W, b, J) kept during training, in epoch order.</summary>
    public IReadOnlyList<TrainingSnapshot> History { get; }

    /// <summary>How training ended; null for a model built from given parameters.</summary>
    public ConvergenceReport? Report { get; }

    /// <inheritdoc/>
    FitReport? IFittedModel.Report => Report;

    /// <summary>The labels of the two classes, (0, 1): logistic regression models P(y = 1 | x).</summary>
    public IReadOnlyList<double> Classes { get; } = [0.0, 1.0];

    /// <summary>The number of features the model expects.</summary>
    public int FeatureCount => Weights.Count;

    /// <summary>The log-odds z = ln(ŷ / (1 − ŷ)) = X·W + b of every row of <paramref name="x"/>.</summary>
    /// <param name="x">Features, one sample per row, with <see cref="FeatureCount"/> columns.</param>
    public Vector<double> LogOdds(Matrix<double> x)
    {
        CheckInput(x);
        var z = new double[x.RowCount];
        LogisticKernel.Logits(LogisticInput.Columns(x), x.RowCount, LogisticInput.Values(Weights), Bias, z);
        return Vector<double>.Build.Dense(z);
    }

    /// <summary>ŷ = P(y = 1 | x) = σ(X·W + b) for every row of <paramref name="x"/>.</summary>
    /// <param name="x">Features, one sample per row.</param>
    public Vector<double> PredictProbability(Matrix<double> x)
    {
        var z = LogOdds(x);
        z.MapInplace(Sigmoid.Value);
        return z;
    }

    /// <summary>The class: 1 when σ(z) ≥ 0.5, i.e. when z = x·W + b ≥ 0; otherwise 0.</summary>
    /// <param name="x">Features, one sample per row.</param>
    public Vector<double> Predict(Matrix<double> x)
    {
        var z = LogOdds(x);
        // Thresholding z at 0 is the same rule as σ(z) ≥ 0.5, without evaluating σ.
        z.MapInplace(v => v >= 0.0 ? 1.0 : 0.0);
        return z;
    }

    /// <summary>The fraction of rows whose predicted class equals the label: (1/m) Σ 1[ŷᵢ = yᵢ].</summary>
    /// <param name="x">Features, one sample per row.</param>
    /// <param name="y">Labels in {0, 1}.</param>
    public double Accuracy(Matrix<double> x, Vector<double> y)
    {
        CheckInput(x);
        LogisticInput.CheckLabels(y, x.RowCount, nameof(y));
        var predicted = Predict(x);
        var hits = 0;
        for (var i = 0; i < y.Count; i++) if (predicted[i] == y[i]) hits++;
        return hits / (double)y.Count;
    }

    /// <summary>
    /// The odds ratio of each feature, e^(W_j): raising feature j by one unit multiplies the odds
    /// ŷ / (1 − ŷ) by this factor, whatever the other features are.
    /// </summary>
    public Vector<double> OddsRatios() => Weights.Map(Math.Exp);

    /// <summary>The decision boundary w₁x₁ + w₂x₂ + b = 0 of a two-feature model.</summary>
    /// <exception cref="InvalidOperationException">When the model does not have exactly two features.</exception>
    public DecisionLine DecisionBoundary()
    {
        if (FeatureCount != 2)
            throw new InvalidOperationException($"A decision line exists only for 2 features; this model has {FeatureCount}.");
        return new DecisionLine(Weights[0], Weights[1], Bias);
    }

    /// <summary>Mean cross-entropy of this model on (x, y), including its L2 term.</summary>
    /// <param name="x">Features, one sample per row.</param>
    /// <param name="y">Labels in {0, 1}.</param>
    public double Loss(Matrix<double> x, Vector<double> y) => BinaryCrossEntropy.Loss(x, y, Weights, Bias, Alpha);

    private void CheckInput(Matrix<double> x)
    {
        LogisticInput.CheckFeatures(x, nameof(x));
        if (x.ColumnCount != FeatureCount)
            throw new ArgumentException($"The model was trained on {FeatureCount} features but x has {x.ColumnCount} columns; pass the same features in the same order.", nameof(x));
    }
}

/// <summary>
/// The line w₁x₁ + w₂x₂ + b = 0 where σ = 0.5. When w₂ ≠ 0 it is x₂ = slope·x₁ + intercept with
/// slope = −w₁/w₂ and intercept = −b/w₂; when w₂ = 0 it is the vertical line x₁ = −b/w₁.
/// </summary>
/// <param name="W1">Weight of the first feature.</param>
/// <param name="W2">Weight of the second feature.</param>
/// <param name="B">Bias.</param>
public readonly record struct DecisionLine(double W1, double W2, double B)
{
    /// <summary>True when w₂ = 0, so the line is x₁ = −b/w₁.</summary>
    public bool IsVertical => W2 == 0.0;

    /// <summary>True when w₁ = w₂ = 0: every point has z = b and there is no line.</summary>
    public bool IsDegenerate => W1 == 0.0 && W2 == 0.0;

    /// <summary>slope = −w₁/w₂ (NaN for a vertical line).</summary>
    public double Slope => IsVertical ? double.NaN : -W1 / W2;

    /// <summary>intercept = −b/w₂, where the line crosses x₁ = 0 (NaN for a vertical line).</summary>
    public double Intercept => IsVertical ? double.NaN : -B / W2;

    /// <summary>x₂ on the line at <paramref name="x1"/>: x₂ = −(w₁x₁ + b)/w₂.</summary>
    /// <param name="x1">The first coordinate.</param>
    public double X2At(double x1) => IsVertical ? double.NaN : -(W1 * x1 + B) / W2;
}
