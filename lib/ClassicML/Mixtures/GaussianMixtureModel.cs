using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Mixtures;

/// <summary>
/// A Gaussian mixture fitted by <see cref="GaussianMixture"/>: the learned θ = (π, μ, Σ), the training
/// log-likelihood, how EM ended (converged, iteration limit, or collapse, with the final change), the
/// per-iteration history and the final log-likelihood of every restart. Immutable.
/// </summary>
public sealed class GaussianMixtureModel
{
    internal GaussianMixtureModel(MixtureParameters parameters, int samples, double logLikelihood, int iterations, EmStatus status,
        double finalChange, IReadOnlyList<EmIteration> history, EmCollapse? collapse, int restart, double[] restartLogLikelihoods,
        double regularization)
    {
        Parameters = parameters;
        Samples = samples;
        LogLikelihood = logLikelihood;
        Iterations = iterations;
        Status = status;
        FinalChange = finalChange;
        History = history;
        Collapse = collapse;
        Restart = restart;
        RestartLogLikelihoods = restartLogLikelihoods;
        Regularization = regularization;
    }

    internal GaussianMixtureModel WithRestarts(double[] finals) =>
        new(Parameters, Samples, LogLikelihood, Iterations, Status, FinalChange, History, Collapse, Restart, finals, Regularization);

    /// <summary>The fitted parameters θ = (π, μ, Σ).</summary>
    public MixtureParameters Parameters { get; }

    /// <summary>Number of components K.</summary>
    public int Components => Parameters.Components;

    /// <summary>Dimension D.</summary>
    public int Dimension => Parameters.Dimension;

    /// <summary>Number of training samples N.</summary>
    public int Samples { get; }

    /// <summary>Training log-likelihood ℓ = log p(X | θ) = Σ_i log Σ_k π_k 𝒩(x_i | μ_k, Σ_k) of the returned θ
    /// (NaN when the start itself was degenerate).</summary>
    public double LogLikelihood { get; }

    /// <summary>ℓ / N, the average log-likelihood per training sample (what the tolerance is measured on).</summary>
    public double AverageLogLikelihood => LogLikelihood / Samples;

    /// <summary>Number of M-steps performed.</summary>
    public int Iterations { get; }

    /// <summary>How the winning run ended.</summary>
    public EmStatus Status { get; }

    /// <summary>True when the change of ℓ/N fell below the tolerance and no component is degenerate.</summary>
    public bool Converged => Status == EmStatus.Converged;

    /// <summary>
    /// The run's <see cref="FitReport"/>: Converged; IterationLimit; Degenerate for a collapsed or degenerate component
    /// (the message is <see cref="EmCollapse.Reason"/>).
    /// </summary>
    public FitReport Report => new(
        Status switch { EmStatus.Converged => FitStatus.Converged, EmStatus.MaxIterations => FitStatus.IterationLimit, _ => FitStatus.Degenerate },
        Iterations,
        Status switch
        {
            EmStatus.Converged => $"Converged after {Iterations} iterations: |Δℓ|/N = {FinalChange:G3} is below the tolerance.",
            EmStatus.MaxIterations => $"Stopped at the iteration limit ({Iterations}) with |Δℓ|/N = {FinalChange:G3} still above the tolerance; raise maxIterations or loosen the tolerance.",
            _ => Collapse!.Reason,
        });

    /// <summary>|ℓ⁽ᵀ⁾ − ℓ⁽ᵀ⁻¹⁾| / N at the end (NaN if there was no second iteration).</summary>
    public double FinalChange { get; }

    /// <summary>θ⁽ᵗ⁾ and ℓ⁽ᵗ⁾ for t = 0..T (empty when the history was not recorded).</summary>
    public IReadOnlyList<EmIteration> History { get; }

    /// <summary>What collapsed or became degenerate, and when; null when the run was healthy.</summary>
    public EmCollapse? Collapse { get; }

    /// <summary>Index of the winning restart.</summary>
    public int Restart { get; }

    /// <summary>Final log-likelihood of every restart, in order (NaN for a degenerate start).</summary>
    public IReadOnlyList<double> RestartLogLikelihoods { get; }

    /// <summary>The diagonal term λ the model was fitted with.</summary>
    public double Regularization { get; }

    /// <summary>Free parameters p = (K − 1) + K·D + K·D(D+1)/2.</summary>
    public int FreeParameterCount => Parameters.FreeParameterCount;

    /// <summary>Responsibilities γ_ik = p(z_i = k | x_i, θ) (N×K, rows sum to 1).</summary>
    /// <param name="x">N×D data.</param>
    public Matrix<double> Responsibilities(Matrix<double> x) => Parameters.Responsibilities(x);

    /// <summary>Hard labels argmax_k γ_ik.</summary>
    /// <param name="x">N×D data.</param>
    public int[] Predict(Matrix<double> x) => Parameters.Predict(x);

    /// <summary>Per-sample log-density log p(x_i | θ).</summary>
    /// <param name="x">N×D data.</param>
    public Vector<double> LogDensity(Matrix<double> x) => Parameters.LogDensity(x);

    /// <summary>Log-likelihood log p(X | θ) = Σ_i log p(x_i | θ) of any data set.</summary>
    /// <param name="x">N×D data.</param>
    public double Score(Matrix<double> x) => Parameters.LogLikelihood(x);

    /// <summary>Bayesian information criterion BIC = −2 log p(X | θ) + p ln N (lower is better).</summary>
    /// <param name="x">N×D data (usually the training data).</param>
    public double Bic(Matrix<double> x) => -2 * Score(x) + FreeParameterCount * Math.Log(x.RowCount);

    /// <summary>Akaike information criterion AIC = −2 log p(X | θ) + 2p (lower is better).</summary>
    /// <param name="x">N×D data (usually the training data).</param>
    public double Aic(Matrix<double> x) => -2 * Score(x) + 2 * FreeParameterCount;

    /// <summary>A one-line summary of the run.</summary>
    public override string ToString() =>
        $"GaussianMixtureModel K={Components}: {Status} after {Iterations} iterations, ℓ = {LogLikelihood:G8}, final |Δℓ|/N = {FinalChange:G3}"
        + (Collapse is null ? "" : $"; collapse at iteration {Collapse.Iteration}, component {Collapse.Component}: {Collapse.Reason}");
}
