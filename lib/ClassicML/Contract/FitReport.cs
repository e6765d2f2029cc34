namespace ClassicML;

/// <summary>How a fit ended — the one status vocabulary of every estimator in the library.</summary>
public enum FitStatus
{
    /// <summary>The estimator's stopping test was met at a genuine optimum (or the fit is closed-form and exact).</summary>
    Converged,

    /// <summary>The iteration budget (<c>MaxIterations</c>) ran out before the stopping test was met; the result is usable but not an optimum.</summary>
    IterationLimit,

    /// <summary>The objective grew, oscillated or became non-finite: the step (learning rate) is too large for the data.</summary>
    Diverged,

    /// <summary>
    /// The numbers are finite but the answer is not a proper optimum — e.g. separable data with no finite minimiser, or
    /// a mixture component collapsed onto too few points. <see cref="FitReport.Message"/> gives the reason.
    /// </summary>
    Degenerate,
}

/// <summary>
/// The one fit report every fitted model carries (as <c>Report</c>): how the fit ended, after how many iterations, and
/// a message saying what happened and what to do. Topics derive from it to add their own numbers (a gradient norm,
/// a KKT gap), so a status is read the same way everywhere. A fit that diverged or is degenerate never reports
/// <see cref="FitStatus.Converged"/>.
/// </summary>
/// <param name="Status">How the fit ended.</param>
/// <param name="Iterations">Iterations (epochs, passes, M-steps, pair updates) actually run; 0 for a closed-form fit.</param>
/// <param name="Message">One or two sentences: what happened and, unless converged, the right thing to do about it.</param>
public record FitReport(FitStatus Status, int Iterations, string Message)
{
    /// <summary>True only for <see cref="FitStatus.Converged"/>.</summary>
    public bool Converged => Status == FitStatus.Converged;

    /// <inheritdoc/>
    public override string ToString() => $"{Status} after {Iterations} iteration(s): {Message}";
}
