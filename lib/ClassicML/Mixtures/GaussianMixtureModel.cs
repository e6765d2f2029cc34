using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Mixtures;

/// <summary>
/// A Gaussian mixture fitted by <see cref="GaussianMixture"/>: the learned θ = (π, μ, Σ), the training
/// log-likelihood, how EM ended (converged, iteration limit, or collapse, with the final change), the
/// per-iteration history and the final log-likelihood of every restart. Immutable.
/// </summary>
public sealed class GaussianMixtureModel
{
    internal GaussianMixtureModel(MixtureParameters parameters, int samples, double logLikelihood, int iterations, FitStatus status,
        double finalChange, IReadOnlyList<EmIteration> history, EmCollapse? collapse, int restart, double[] restartLogLikelihoods,
        double regularization)
        : this(parameters, samples, logLikelihood, history, restart, restartLogLikelihoods, regularization,
            new MixtureFitReport(status, iterations, Message(status, iterations, finalChange, collapse), finalChange, collapse))
    {
    }

    private GaussianMixtureModel(MixtureParameters parameters, int samples, double logLikelihood, IReadOnlyList<EmIteration> history,
        int restart, double[] restartLogLikelihoods, double regularization, MixtureFitReport report)
    {
        Parameters = parameters;
        Samples = samples;
        LogLikelihood = logLikelihood;
        History = history;
        Report = report;
        Restart = restart;
        RestartLogLikelihoods = restartLogLikelihoods;
        Regularization = regularization;
    }

    internal GaussianMixtureModel WithRestarts(double[] finals) =>
        new(Parameters, Samples, LogLikelihood, History, Restart, finals, Regularization, Report);

    private static string Message(FitStatus status, int iterations, double finalChange, EmCollapse? collapse) => status switch
    {
        FitStatus.Converged => $"Converged after {iterations} iterations: |Δℓ|/N = {finalChange:G3} is below the tolerance.",
        FitStatus.IterationLimit => $"Stopped at the iteration limit ({iterations}) with |Δℓ|/N = {finalChange:G3} still above the tolerance; raise maxIterations or loosen the tolerance.",
        _ => collapse!.Reason,
    };

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

    /// <summary>Number of M-steps performed (<see cref="Report"/>'s Iterations).</summary>
    public int Iterations => Report.Iterations;

    /// <summary>
    /// How the winning run ended, the one status of the fit: Converged; IterationLimit; Degenerate with the reason in
    /// <see cref="MixtureFitReport.Collapse"/> (a collapse that stopped the run, or a needle component at the end).
    /// </summary>
    public MixtureFitReport Report { get; }

    /// <summary>True when the change of ℓ/N fell below the tolerance and no component is degenerate.</summary>
    public bool Converged => Report.Converged;

    /// <summary>θ⁽ᵗ⁾ and ℓ⁽ᵗ⁾ for t = 0..T (empty when the history was not recorded).</summary>
    public IReadOnlyList<EmIteration> History { get; }

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
        $"GaussianMixtureModel K={Components}: {Report.Status} after {Iterations} iterations, ℓ = {LogLikelihood:G8}, final |Δℓ|/N = {Report.FinalChange:G3}"
        + (Report.Collapse is not { } c ? "" : $"; {(c.StoppedRun ? "collapse" : "degenerate component")} at iteration {c.Iteration}, component {c.Component}: {c.Reason}");
}
