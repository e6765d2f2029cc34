using MathNet.Numerics.LinearAlgebra;

namespace ClassicML;

/// <summary>
/// What every fitted model of the library has: the <see cref="FitReport"/> of the fit that produced it.
/// The contract (docs/architecture.md, "Estimator contract"): an estimator takes its hyper-parameters in the
/// constructor and never changes them; <c>Fit</c> validates its input at the edge (one shared module) and returns a
/// new immutable model; a diverged or degenerate fit never reports <see cref="FitStatus.Converged"/>.
/// </summary>
public interface IFittedModel
{
    /// <summary>How the fit ended; null only for a model built from given parameters instead of fitted.</summary>
    FitReport? Report { get; }
}

/// <summary>A fitted regressor ŷ = X·w + b.</summary>
public interface IRegressor : IFittedModel
{
    /// <summary>The weights w, one per feature column — never the intercept.</summary>
    Vector<double> Coefficients { get; }

    /// <summary>The intercept b, separate from <see cref="Coefficients"/> (0 when fitted without one).</summary>
    double Intercept { get; }

    /// <summary>Predictions ŷ = X·w + b, one per row of <paramref name="x"/>.</summary>
    Vector<double> Predict(Matrix<double> x);
}

/// <summary>
/// A fitted binary classifier. Labels are <c>double</c>s in a <see cref="Vector{T}"/>, in the coding the estimator was
/// trained with: {0, 1} for probabilistic models (logistic regression), {−1, +1} for margin models (perceptron, SVM);
/// <see cref="Classes"/> says which.
/// </summary>
public interface IClassifier : IFittedModel
{
    /// <summary>The two labels, negative class first: (0, 1) or (−1, +1).</summary>
    IReadOnlyList<double> Classes { get; }

    /// <summary>The predicted label of every row of <paramref name="x"/>.</summary>
    Vector<double> Predict(Matrix<double> x);
}

/// <summary>The bound on what a fit records by default, so a fit's memory is bounded by the data, not by its iteration budget.</summary>
public static class Recording
{
    /// <summary>
    /// The most entries any history or trace keeps: 10,000. Past it the first 9,999 entries stay and the last slot
    /// always holds the latest one, so the start and the end of a run are both there.
    /// </summary>
    public const int MaxEntries = 10_000;

    /// <summary>Appends <paramref name="entry"/>, or, once <see cref="MaxEntries"/> are kept, overwrites the last one.</summary>
    internal static void Add<T>(List<T> history, T entry)
    {
        if (history.Count < MaxEntries) history.Add(entry);
        else history[^1] = entry;
    }
}
