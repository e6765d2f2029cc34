using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Logistic;

/// <summary>
/// Binary cross-entropy (交叉熵损失), the negative mean Bernoulli log-likelihood of labels y ∈ {0, 1} under
/// ŷ = σ(X·W + b), computed from the logits so that confident predictions never hit ln 0.
/// </summary>
public static class BinaryCrossEntropy
{
    /// <summary>
    /// Per-sample loss from a logit: ℓ(z, y) = −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = softplus(z) − y·z,
    /// with softplus(z) = max(z, 0) + ln(1 + e^(−|z|)). Finite for every finite z (ℓ(−800, 1) = 800).
    /// </summary>
    /// <param name="z">The logit X·W + b of the sample.</param>
    /// <param name="y">The label, 0 or 1.</param>
    public static double FromLogit(double z, double y)
    {
        CheckLabel(y, nameof(y));
        // softplus(z) − z = softplus(−z): pick the form with no cancellation.
        return y == 1.0 ? Sigmoid.Softplus(-z) : Sigmoid.Softplus(z);
    }

    /// <summary>
    /// Per-sample loss from a probability: ℓ(ŷ, y) = −[y ln ŷ + (1 − y) ln(1 − ŷ)]. This is the textbook form;
    /// it returns +∞ for a certain wrong prediction (ŷ = 0 with y = 1), which is why training uses
    /// <see cref="FromLogit"/> instead.
    /// </summary>
    /// <param name="probability">ŷ in [0, 1].</param>
    /// <param name="y">The label, 0 or 1.</param>
    public static double FromProbability(double probability, double y)
    {
        if (!(probability >= 0.0 && probability <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "ŷ must be a probability in [0, 1].");
        CheckLabel(y, nameof(y));
        // 0·ln 0 is taken as 0 (its limit), so only the term of the true class is evaluated.
        return y == 1.0 ? -Math.Log(probability) : -Sigmoid.LogOnePlus(-probability);
    }

    /// <summary>
    /// Mean loss J(W, b) = −(1/m) Σᵢ [yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)] + (α/2)‖W‖², with ŷᵢ = σ(xᵢ·W + b),
    /// evaluated as (1/m) Σᵢ [softplus(zᵢ) − yᵢzᵢ] + (α/2)‖W‖².
    /// </summary>
    /// <param name="x">Features, one sample per row (m × n).</param>
    /// <param name="y">Labels in {0, 1}, one per row.</param>
    /// <param name="weights">W, one weight per feature.</param>
    /// <param name="bias">b.</param>
    /// <param name="alpha">α ≥ 0 of the penalty (α/2)‖W‖²; the bias is not penalised.</param>
    public static double Loss(Matrix<double> x, Vector<double> y, Vector<double> weights, double bias, double alpha = 0.0)
    {
        Validate(x, y, weights, bias, alpha);
        var ws = new LogisticWorkspace(x.RowCount, x.ColumnCount);
        return LogisticKernel.Evaluate(LogisticInput.Columns(x), LogisticInput.Values(y), LogisticInput.Values(weights), bias, alpha, ws, null, out _);
    }

    /// <summary>
    /// The gradient of <see cref="Loss"/> by the chain rule:
    /// ∂J/∂W = (1/m) Xᵀ(ŷ − y) + αW and ∂J/∂b = (1/m) Σᵢ (ŷᵢ − yᵢ), with ŷ = σ(X·W + b).
    /// </summary>
    /// <param name="x">Features, one sample per row (m × n).</param>
    /// <param name="y">Labels in {0, 1}, one per row.</param>
    /// <param name="weights">W, one weight per feature.</param>
    /// <param name="bias">b.</param>
    /// <param name="alpha">α ≥ 0 of the penalty (α/2)‖W‖²; the bias is not penalised.</param>
    public static LossAndGradient Evaluate(Matrix<double> x, Vector<double> y, Vector<double> weights, double bias, double alpha = 0.0)
    {
        Validate(x, y, weights, bias, alpha);
        var ws = new LogisticWorkspace(x.RowCount, x.ColumnCount);
        var g = new double[x.ColumnCount];
        var loss = LogisticKernel.Evaluate(LogisticInput.Columns(x), LogisticInput.Values(y), LogisticInput.Values(weights), bias, alpha, ws, g, out var gb);
        return new LossAndGradient(loss, Vector<double>.Build.Dense(g), gb);
    }

    private static void Validate(Matrix<double> x, Vector<double> y, Vector<double> weights, double bias, double alpha)
    {
        LogisticInput.CheckFeatures(x, nameof(x));
        LogisticInput.CheckLabels(y, x.RowCount, nameof(y));
        LogisticInput.CheckWeights(weights, x.ColumnCount, nameof(weights));
        LogisticInput.CheckFinite(bias, nameof(bias));
        LogisticInput.CheckPenalty(alpha, nameof(alpha));
    }

    private static void CheckLabel(double y, string paramName)
    {
        if (y != 0.0 && y != 1.0)
            throw new ArgumentException($"The label is {y}; it must be 0 or 1.", paramName);
    }
}

/// <summary>The mean cross-entropy J and its gradient (∂J/∂W, ∂J/∂b) at one point (W, b).</summary>
/// <param name="Loss">J(W, b).</param>
/// <param name="WeightGradient">∂J/∂W = (1/m) Xᵀ(ŷ − y) + αW.</param>
/// <param name="BiasGradient">∂J/∂b = (1/m) Σᵢ (ŷᵢ − yᵢ).</param>
public sealed record LossAndGradient(double Loss, Vector<double> WeightGradient, double BiasGradient)
{
    /// <summary>The Euclidean norm of the full gradient, √(‖∂J/∂W‖² + (∂J/∂b)²).</summary>
    public double Norm => Math.Sqrt(WeightGradient.DotProduct(WeightGradient) + BiasGradient * BiasGradient);
}
