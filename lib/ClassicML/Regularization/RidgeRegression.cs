using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>
/// Ridge regression: minimises (1/2n)‖y − Xw − b‖² + (α/2)‖w‖² over n rows, with an unpenalised intercept b — the
/// library's one convention, "mean data loss + α·R(w)" with R(w) = ½‖w‖² (as <see cref="Penalty.L2"/>). scikit-learn's
/// <c>Ridge(alpha)</c> minimises ‖y − Xw − b‖² + alpha‖w‖², the same minimiser when alpha = n·α.
/// </summary>
/// <remarks>
/// Multiplied by 2n the objective is ‖y − Xw − b‖² + λ‖w‖² with λ = nα. Closed form on centred data:
/// w = (X_cᵀX_c + λI)⁻¹X_cᵀy_c, b = ȳ − x̄ᵀw. It is evaluated through a thin SVD X_c = USVᵀ as
/// w = V diag(s_i/(s_i² + λ)) Uᵀy_c, which never forms X_cᵀX_c (that would square the condition number) and also
/// covers α = 0 on rank-deficient data (minimum-norm least squares).
/// </remarks>
public sealed class RidgeRegression
{
    /// <summary>Creates a ridge estimator.</summary>
    /// <param name="alpha">Penalty strength α ≥ 0 (0 is ordinary least squares).</param>
    /// <param name="fitIntercept">Whether to fit an unpenalised intercept b (otherwise b = 0).</param>
    public RidgeRegression(double alpha = 1.0, bool fitIntercept = true)
    {
        Alpha = Guard.NonNegativeFinite(alpha, nameof(alpha));
        FitIntercept = fitIntercept;
    }

    /// <summary>The penalty strength α of (1/2n)‖y − Xw − b‖² + (α/2)‖w‖² (scikit-learn's <c>Ridge(alpha = n·α)</c>).</summary>
    public double Alpha { get; }

    /// <summary>Whether an unpenalised intercept is fitted.</summary>
    public bool FitIntercept { get; }

    /// <summary>Fits w and b to the rows of <paramref name="x"/> and targets <paramref name="y"/>.</summary>
    public RidgeModel Fit(Matrix<double> x, Vector<double> y)
    {
        Guard.Design(x, y);
        var design = new CenteredDesign(x, y, FitIntercept);
        var svd = RidgeSpectrum.Of(design);
        return svd.Model(design, Alpha);
    }

    /// <summary>
    /// Ridge fits for every α in <paramref name="alphas"/> from one SVD: w(α) = V diag(s_i/(s_i² + nα)) Uᵀy_c.
    /// </summary>
    public static IReadOnlyList<RidgeModel> FitPath(Matrix<double> x, Vector<double> y, IEnumerable<double> alphas, bool fitIntercept = true)
    {
        Guard.Design(x, y);
        ArgumentNullException.ThrowIfNull(alphas);
        var list = alphas.ToArray();
        if (list.Length == 0) throw new ArgumentException("Give at least one α.", nameof(alphas));
        foreach (var a in list) Guard.NonNegativeFinite(a, nameof(alphas));
        var design = new CenteredDesign(x, y, fitIntercept);
        var svd = RidgeSpectrum.Of(design);
        return list.Select(a => svd.Model(design, a)).ToArray();
    }

    /// <summary>The ridge objective (1/2n)‖y − Xw − b‖² + (α/2)‖w‖² of given parameters (n = rows of x).</summary>
    public static double Objective(Matrix<double> x, Vector<double> y, Vector<double> w, double b, double alpha)
    {
        Guard.Design(x, y);
        var r = y - LinearModels.Predict(x, w, b);
        return r.DotProduct(r) / (2.0 * x.RowCount) + 0.5 * alpha * w.DotProduct(w);
    }
}

/// <summary>A fitted ridge model (immutable).</summary>
/// <param name="Coefficients">The weights w.</param>
/// <param name="Intercept">The intercept b = ȳ − x̄ᵀw.</param>
/// <param name="Alpha">The α it was fitted with.</param>
/// <param name="SingularValues">Singular values s_i of the centred design (largest first).</param>
/// <param name="Rows">The number of rows n it was fitted on (the penalty on the sum of squares is λ = nα).</param>
public sealed record RidgeModel(Vector<double> Coefficients, double Intercept, double Alpha, IReadOnlyList<double> SingularValues, int Rows) : ILinearModel
{
    /// <summary>ŷ = Xw + b.</summary>
    public Vector<double> Predict(Matrix<double> x) => LinearModels.Predict(x, Coefficients, Intercept);

    /// <summary>Closed form (SVD), so always converged.</summary>
    public FitReport Report => new(FitStatus.Converged, 0, "Closed-form solution through the SVD of the centred design.");

    /// <summary>
    /// Effective degrees of freedom df(α) = tr(X_c(X_cᵀX_c + nαI)⁻¹X_cᵀ) = Σ s_i²/(s_i² + nα): p for α = 0,
    /// falling monotonically to 0 as α grows (a stronger penalty means a simpler model).
    /// </summary>
    public double EffectiveDegreesOfFreedom
    {
        get
        {
            var lambda = Rows * Alpha;
            return SingularValues.Sum(s => lambda == 0 && s == 0 ? 0 : s * s / (s * s + lambda));
        }
    }
}

/// <summary>
/// What a ridge path needs from the thin SVD X_c = USVᵀ of the centred design (the shared <see cref="ThinSvd"/>):
/// S, V and Uᵀy_c.
/// </summary>
internal sealed class RidgeSpectrum
{
    private RidgeSpectrum(double[] s, Matrix<double> v, double[] uty)
    {
        S = s;
        V = v;
        UtY = uty;
    }

    public double[] S { get; }
    public Matrix<double> V { get; }
    public double[] UtY { get; }

    public static RidgeSpectrum Of(CenteredDesign d)
    {
        var svd = ThinSvd.Of(d.ToMatrix());
        return new RidgeSpectrum(svd.S, svd.V, svd.ProjectOnLeft(Vector<double>.Build.Dense(d.Target)).ToArray());
    }

    public RidgeModel Model(CenteredDesign d, double alpha)
    {
        // The mean-loss objective (1/2n)‖r‖² + (α/2)‖w‖² times 2n is ‖r‖² + λ‖w‖² with λ = nα.
        var lambda = d.Rows * alpha;
        // Singular values below this are numerically zero; with α = 0 they are dropped (pseudo-inverse).
        var cutoff = S.Length == 0 ? 0 : S[0] * Math.Max(d.Rows, d.Columns) * 2.2e-16;
        var scaled = new double[S.Length];
        for (var i = 0; i < S.Length; i++)
        {
            var s = S[i];
            scaled[i] = lambda == 0 ? (s > cutoff ? UtY[i] / s : 0.0) : s * UtY[i] / (s * s + lambda);
        }
        var w = V * Vector<double>.Build.Dense(scaled);
        return new RidgeModel(w, d.Intercept(w.ToArray()), alpha, S, d.Rows);
    }
}
