using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>
/// Ordinary least squares: the w that minimises <c>MSE(w) = (1/n)‖Xw − y‖²</c>, i.e. that solves the
/// normal equation (нормальное уравнение / 正规方程) <c>XᵀX·w = Xᵀy</c>, by a solver of your choice.
/// </summary>
/// <remarks>
/// With <see cref="FitIntercept"/> the design matrix is <c>[1 | X]</c> and the first coefficient is the intercept w₀.
/// Every fit also reports its diagnostics (<see cref="RegressionDiagnostics"/>): rank, cond(X) and cond(XᵀX),
/// residuals, RSS, R² and standard errors.
/// </remarks>
public sealed class LinearRegression
{
    /// <summary>Configures the estimator.</summary>
    /// <param name="solver">How to solve the least-squares problem; <see cref="OlsSolver.HouseholderQr"/> by default.</param>
    /// <param name="fitIntercept">Prepend a ones column so the model has an intercept w₀.</param>
    /// <param name="rankTolerance">
    /// Relative cut-off τ: a singular value σᵢ ≤ τ·σ_max of the design matrix counts as zero (it sets the rank, and
    /// the SVD solver does not invert it). Null means τ = max(n, p)·ε, with ε = 2⁻⁵² the machine epsilon.
    /// </param>
    public LinearRegression(OlsSolver solver = OlsSolver.HouseholderQr, bool fitIntercept = true, double? rankTolerance = null)
    {
        if (!Enum.IsDefined(solver))
            throw new ArgumentOutOfRangeException(nameof(solver), solver, "Choose one of ExplicitInverse, Cholesky, HouseholderQr, Svd.");
        if (rankTolerance is { } t && !(t >= 0 && t < 1))
            throw new ArgumentOutOfRangeException(nameof(rankTolerance), t, "The relative rank tolerance must be in [0, 1); leave it null for max(n, p)·ε.");
        Solver = solver;
        FitIntercept = fitIntercept;
        RankTolerance = rankTolerance;
    }

    /// <summary>The solver used by <see cref="Fit"/>.</summary>
    public OlsSolver Solver { get; }

    /// <summary>Whether a ones column is prepended, making w₀ the intercept.</summary>
    public bool FitIntercept { get; }

    /// <summary>The relative singular-value cut-off τ, or null for max(n, p)·ε.</summary>
    public double? RankTolerance { get; }

    /// <summary>
    /// Solves <c>min_w ‖Dw − y‖²</c> for the design matrix <c>D = [1 | X]</c> (or <c>D = X</c> without intercept).
    /// </summary>
    /// <param name="x">Features, one row per sample; finite values only.</param>
    /// <param name="y">Targets, one per row of <paramref name="x"/>; finite values only.</param>
    /// <returns>The fitted model and its diagnostics.</returns>
    /// <exception cref="ArgumentException">
    /// Non-finite values, mismatched shapes, fewer rows than columns (except with <see cref="OlsSolver.Svd"/>),
    /// or a rank-deficient / numerically singular problem for a solver that needs XᵀX invertible
    /// (the message names the pseudo-inverse or QR alternative).
    /// </exception>
    public LinearRegressionModel Fit(Matrix<double> x, Vector<double> y)
    {
        var d = DesignMatrix.Validate(x, y, FitIntercept);
        var n = d.RowCount;
        var p = d.ColumnCount;
        if (n < p && Solver != OlsSolver.Svd)
            throw new ArgumentException(
                $"The design matrix has {n} rows but {p} columns{(FitIntercept ? " (the ones column included)" : "")}: with fewer samples than coefficients " +
                "XᵀX is singular and infinitely many w fit exactly. Give at least as many rows as columns, or use OlsSolver.Svd for the minimum-norm solution.",
                nameof(x));

        var svd = ThinSvd.Of(d);
        var s = svd.S;
        var tau = RankTolerance ?? Math.Max(n, p) * LinearAlgebraFacts.MachineEpsilon;
        var cutoff = tau * s[0];
        var rank = s.Count(v => v > cutoff);
        var condX = rank < p || s[^1] == 0 ? double.PositiveInfinity : s[0] / s[^1];

        // The Gram matrix is formed explicitly, as the normal equation does, so its condition number is measured, not assumed.
        var gram = d.TransposeThisAndMultiply(d);
        var gramS = gram.Svd(computeVectors: false).S;
        var condGram = gramS[^1] == 0 ? double.PositiveInfinity : gramS[0] / gramS[^1];

        if (rank < p && Solver != OlsSolver.Svd)
            throw new ArgumentException(
                $"The design matrix has rank {rank} < {p} columns (a column is a linear combination of others), so XᵀX is singular and " +
                $"the {Solver} solver has no unique answer. Use OlsSolver.Svd (the pseudo-inverse, which returns the minimum-norm solution), " +
                "or drop the redundant column(s).",
                nameof(x));

        var w = Solver switch
        {
            OlsSolver.ExplicitInverse => SolveByInverse(d, y, gram, condGram),
            OlsSolver.Cholesky => SolveByCholesky(d, y, gram, condGram),
            OlsSolver.HouseholderQr => SolveByQr(svd, y),
            _ => SolveBySvd(svd, y, cutoff),
        };

        var diagnostics = RegressionDiagnostics.Compute(d, y, w, svd, rank, condX, condGram);
        return new LinearRegressionModel(w.ToArray(), FitIntercept, Solver, diagnostics);
    }

    private static void RequireInvertibleGram(double condGram, int p)
    {
        // Beyond 1/(p·ε) the rounding in forming and factoring XᵀX swamps its smallest eigenvalue.
        if (condGram * p * LinearAlgebraFacts.MachineEpsilon >= 1)
            throw new ArgumentException(
                $"XᵀX is numerically singular (cond(XᵀX) ≈ {condGram.ToString("E2", CultureInfo.InvariantCulture)}, past 1/(p·ε)) even though X may have full rank: " +
                "forming XᵀX squared cond(X). Use OlsSolver.HouseholderQr, which never forms XᵀX, or OlsSolver.Svd (pseudo-inverse).",
                "x");
    }

    private static Vector<double> SolveByInverse(Matrix<double> d, Vector<double> y, Matrix<double> gram, double condGram)
    {
        RequireInvertibleGram(condGram, d.ColumnCount);
        // Literally w = (XᵀX)⁻¹ (Xᵀy): an explicit inverse, as in the article.
        return gram.Inverse() * d.TransposeThisAndMultiply(y);
    }

    private static Vector<double> SolveByCholesky(Matrix<double> d, Vector<double> y, Matrix<double> gram, double condGram)
    {
        RequireInvertibleGram(condGram, d.ColumnCount);
        try
        {
            return gram.Cholesky().Solve(d.TransposeThisAndMultiply(y));
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                "XᵀX is not numerically positive definite, so its Cholesky factor does not exist. Use OlsSolver.HouseholderQr or OlsSolver.Svd (pseudo-inverse).", "x");
        }
    }

    private static Vector<double> SolveByQr(ThinSvd f, Vector<double> y)
    {
        var r = f.R!;
        var qty = f.Q!.TransposeThisAndMultiply(y);
        var p = r.ColumnCount;
        var w = new double[p];
        SmallCholesky.SolveUpper(r.ToRowMajorArray(), p, p, qty.ToArray(), w); // R w = Qᵀy
        return Vector<double>.Build.Dense(w);
    }

    private static Vector<double> SolveBySvd(ThinSvd f, Vector<double> y, double cutoff)
    {
        // w = V Σ⁺ Uᵀ y; a singular value at or below the cut-off contributes nothing, which is what makes the answer minimum-norm.
        var uty = f.U.TransposeThisAndMultiply(y);
        var w = Vector<double>.Build.Dense(f.V.RowCount);
        for (var k = 0; k < f.S.Length; k++)
            if (f.S[k] > cutoff)
                w.Add(f.V.Column(k).Multiply(uty[k] / f.S[k]), w);
        return w;
    }
}
