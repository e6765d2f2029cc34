using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>
/// A fitted linear model <c>ŷ = w₀ + w₁x₁ + … + w_p x_p</c> (or <c>ŷ = Xw</c> without intercept), immutable.
/// </summary>
public sealed class LinearRegressionModel : IRegressor
{
    private readonly double[] _w;

    internal LinearRegressionModel(double[] coefficients, bool hasIntercept, OlsSolver solver, RegressionDiagnostics diagnostics)
    {
        _w = coefficients;
        HasIntercept = hasIntercept;
        Solver = solver;
        Diagnostics = diagnostics;
    }

    /// <summary>
    /// All coefficients over the design matrix's columns: <c>[w₀, w₁, …, w_p]</c> with an intercept (the article's
    /// order, the solution of the normal equation for <c>[1 | X]</c>), <c>[w₁, …, w_p]</c> without. A fresh copy on every call.
    /// </summary>
    public Vector<double> DesignCoefficients => Vector<double>.Build.Dense((double[])_w.Clone());

    /// <summary>The intercept w₀, or 0 when the model has none.</summary>
    public double Intercept => HasIntercept ? _w[0] : 0.0;

    /// <summary>The feature weights <c>[w₁, …, w_p]</c> — never the intercept (see <see cref="Intercept"/>, <see cref="DesignCoefficients"/>).</summary>
    public Vector<double> Coefficients => Vector<double>.Build.Dense(HasIntercept ? _w[1..] : (double[])_w.Clone());

    /// <summary>Whether the first coefficient is an intercept.</summary>
    public bool HasIntercept { get; }

    /// <summary>Number of input features p the model expects.</summary>
    public int FeatureCount => HasIntercept ? _w.Length - 1 : _w.Length;

    /// <summary>The solver that produced the coefficients.</summary>
    public OlsSolver Solver { get; }

    /// <summary>A closed-form least-squares solve: Converged, with the rank and cond(X) in the message.</summary>
    public FitReport Report => new(FitStatus.Converged, 0,
        $"Solved by {Solver}: rank {Diagnostics.Rank} of {Diagnostics.Columns} columns, cond(X) = {Diagnostics.ConditionNumberX:G3}" +
        (Diagnostics.Rank < Diagnostics.Columns ? "; rank-deficient, so this is the minimum-norm solution (the pseudo-inverse)." : "."));

    /// <summary>Rank, condition numbers, residuals, RSS, R² and standard errors of the training fit.</summary>
    public RegressionDiagnostics Diagnostics { get; }

    /// <summary>Predictions <c>ŷ = w₀ + X·[w₁ … w_p]ᵀ</c>, one per row of <paramref name="x"/>.</summary>
    /// <param name="x">Features with <see cref="FeatureCount"/> columns; finite values only.</param>
    public Vector<double> Predict(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != FeatureCount)
            throw new ArgumentException($"X has {x.ColumnCount} columns but the model was fitted on {FeatureCount} features: pass the same columns, without the ones column.", nameof(x));
        DesignMatrix.RequireFinite(x, nameof(x));
        var yHat = x * Coefficients;
        if (HasIntercept) yHat.Add(_w[0], yHat);
        return yHat;
    }
}

/// <summary>
/// What a least-squares fit reveals about its problem: rank and conditioning of the design matrix D, and the
/// quality of the fit.
/// </summary>
public sealed class RegressionDiagnostics
{
    private readonly double[] _singularValues;
    private readonly double[] _residuals;
    private readonly double[]? _standardErrors;

    private RegressionDiagnostics(int rows, int columns, int rank, double condX, double condGram, double[] singularValues,
        double[] residuals, double rss, double tss, double? noiseVariance, double[]? standardErrors)
    {
        Rows = rows; Columns = columns; Rank = rank;
        ConditionNumberX = condX; ConditionNumberGram = condGram;
        _singularValues = singularValues; _residuals = residuals;
        Rss = rss; Tss = tss; NoiseVariance = noiseVariance; _standardErrors = standardErrors;
    }

    /// <summary>Number of samples n.</summary>
    public int Rows { get; }

    /// <summary>Number of design-matrix columns (coefficients), the ones column included.</summary>
    public int Columns { get; }

    /// <summary>Numerical rank of D: singular values above τ·σ_max.</summary>
    public int Rank { get; }

    /// <summary>
    /// <c>cond(D) = σ_max / σ_min</c> from the singular values of D itself; +∞ when D is rank-deficient.
    /// The QR and SVD solvers lose about log₁₀ cond(D) digits.
    /// </summary>
    public double ConditionNumberX { get; }

    /// <summary>
    /// <c>cond(DᵀD)</c>, measured on the explicitly formed Gram matrix. In exact arithmetic it equals cond(D)²;
    /// the inverse and Cholesky solvers lose about log₁₀ cond(DᵀD) digits.
    /// </summary>
    public double ConditionNumberGram { get; }

    /// <summary>Singular values of D, descending.</summary>
    public IReadOnlyList<double> SingularValues => Array.AsReadOnly(_singularValues);

    /// <summary>Residuals <c>eᵢ = yᵢ − ŷᵢ</c> of the training rows.</summary>
    public Vector<double> Residuals => Vector<double>.Build.Dense((double[])_residuals.Clone());

    /// <summary>Residual sum of squares <c>RSS = Σ eᵢ²</c> (= n·MSE).</summary>
    public double Rss { get; }

    /// <summary>Total sum of squares about the mean, <c>TSS = Σ (yᵢ − ȳ)²</c>.</summary>
    public double Tss { get; }

    /// <summary>
    /// Coefficient of determination <c>R² = 1 − RSS/TSS</c> (scikit-learn's convention, also without intercept;
    /// when TSS = 0 it is 1 for a perfect fit and 0 otherwise).
    /// </summary>
    public double RSquared => Tss > 0 ? 1 - Rss / Tss : (Rss == 0 ? 1.0 : 0.0);

    /// <summary>Mean squared error of the training fit, <c>RSS / n</c>.</summary>
    public double Mse => Rss / Rows;

    /// <summary>
    /// Unbiased noise variance <c>σ̂² = RSS / (n − p)</c>; null when n ≤ p or D is rank-deficient (no degrees of freedom
    /// left, or coefficients not identifiable).
    /// </summary>
    public double? NoiseVariance { get; }

    /// <summary>
    /// Standard errors <c>se(wⱼ) = σ̂·√[(DᵀD)⁻¹]ⱼⱼ</c>, computed as <c>σ̂·√Σₖ Vⱼₖ²/σₖ²</c> from the SVD (never an
    /// explicit inverse); null when <see cref="NoiseVariance"/> is null.
    /// </summary>
    public IReadOnlyList<double>? StandardErrors => _standardErrors is null ? null : Array.AsReadOnly(_standardErrors);

    internal static RegressionDiagnostics Compute(Matrix<double> d, Vector<double> y, Vector<double> w, ThinSvd svd,
        int rank, double condX, double condGram)
    {
        var n = d.RowCount;
        var p = d.ColumnCount;
        var residuals = (y - d * w).ToArray();
        double rss = 0;
        foreach (var e in residuals) rss += e * e;
        var mean = y.Sum() / n;
        double tss = 0;
        for (var i = 0; i < n; i++) { var c = y[i] - mean; tss += c * c; }

        double? sigma2 = null;
        double[]? se = null;
        if (rank == p && n > p)
        {
            sigma2 = rss / (n - p);
            se = new double[p];
            for (var j = 0; j < p; j++)
            {
                double sum = 0;
                for (var k = 0; k < svd.S.Length; k++)
                {
                    var v = svd.V[j, k] / svd.S[k];
                    sum += v * v;
                }
                se[j] = Math.Sqrt(sigma2.Value * sum);
            }
        }
        return new RegressionDiagnostics(n, p, rank, condX, condGram, svd.S, residuals, rss, tss, sigma2, se);
    }
}
