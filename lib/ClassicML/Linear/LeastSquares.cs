using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>
/// Fast ordinary least squares, <c>w = argmin ‖Xw − y‖²</c>, for large tall problems: one pass over X, all cores,
/// no diagnostics. <see cref="LinearRegression"/> is the teaching estimator (it also computes an SVD, cond(X),
/// cond(XᵀX), residuals and standard errors); these two solvers compute only the coefficients and the residual
/// sum of squares, and give the same coefficients to rounding.
/// </summary>
/// <remarks>
/// X is used as the design matrix exactly as given: for an intercept, pass <see cref="DesignMatrix.WithOnesColumn"/>.
/// Both work on the augmented matrix A = [X | y], so Xᵀy (normal equation) and Qᵀy (QR) come out of the same pass
/// as XᵀX and R. The result does not depend on the number of cores (fixed partition, fixed summation order).
/// </remarks>
public static class LeastSquares
{
    /// <summary>
    /// Solves the normal equation <c>XᵀX·w = Xᵀy</c>: forms G = XᵀX and h = Xᵀy in one blocked pass over X, then
    /// factors G = LLᵀ (Cholesky) and solves Lz = h, Lᵀw = z. RSS = yᵀy − wᵀh.
    /// Fastest, but forming XᵀX squares the condition number, cond(XᵀX) = cond(X)², so it loses twice the digits
    /// of <see cref="SolveQr"/> on ill-conditioned data.
    /// </summary>
    /// <param name="x">The n × p design matrix, n ≥ p ≥ 1, finite values.</param>
    /// <param name="y">The n targets, finite values.</param>
    /// <returns>The coefficients and the residual sum of squares.</returns>
    /// <exception cref="ArgumentException">
    /// Mismatched shapes, n &lt; p, non-finite values, or XᵀX numerically singular (a column of X is — to within
    /// rounding — a combination of the others; the message names the column and the QR/SVD alternatives).
    /// </exception>
    public static LeastSquaresSolution SolveNormalEquation(Matrix<double> x, Vector<double> y)
    {
        var (xs, ys, n, p) = Validate(x, y);
        var c = p + 1;
        var a = LeastSquaresKernels.AugmentedGram(xs, n, p, ys);
        if (!IsFinite(a)) ThrowNonFinite(x, y);

        // Cholesky of the leading p × p block G = XᵀX, in place (lower triangle). The pivot
        // L_jj² = G_jj − Σ_k L_jk² is the squared distance of column j from the span of the earlier columns; once it
        // falls below 16·p·ε·G_jj (the rounding left from forming and factoring G), column j is numerically dependent.
        var l = new double[p * p];
        if (!SmallCholesky.TryFactor(a, c, l, p, 16 * p * LinearAlgebraFacts.MachineEpsilon, out var dependent))
            throw Singular(dependent, "XᵀX is numerically singular", "OlsSolver.HouseholderQr or LeastSquares.SolveQr (which never forms XᵀX; cond(XᵀX) = cond(X)²)");

        var h = new double[p];
        for (var j = 0; j < p; j++) h[j] = a[j * c + p];
        var z = new double[p];
        SmallCholesky.SolveLower(l, p, h, z);
        var w = new double[p];
        SmallCholesky.SolveUpper(l, p, p, z, w, transposed: true); // Lᵀ w = z

        var rss = a[p * c + p];
        for (var j = 0; j < p; j++) rss -= w[j] * h[j];
        return new LeastSquaresSolution(Vector<double>.Build.Dense(w), Math.Max(rss, 0.0));
    }

    /// <summary>
    /// Solves <c>min ‖Xw − y‖²</c> by a tall-skinny Householder QR of A = [X | y] that never forms Q: row blocks are
    /// folded into a running (p+1) × (p+1) R, so R = [R_X, Qᵀy; 0, ±‖y − Xw‖], then <c>R_X·w = Qᵀy</c> by back
    /// substitution and RSS = R_{p,p}². Its error grows with cond(X), not cond(X)².
    /// </summary>
    /// <param name="x">The n × p design matrix, n ≥ p ≥ 1, finite values.</param>
    /// <param name="y">The n targets, finite values.</param>
    /// <returns>The coefficients and the residual sum of squares.</returns>
    /// <exception cref="ArgumentException">
    /// Mismatched shapes, n &lt; p, non-finite values, or X rank-deficient: some |R_jj| ≤ max(n, p)·ε·‖x_j‖
    /// (column j lies, to within rounding, in the span of the earlier columns; use the SVD solver then).
    /// </exception>
    public static LeastSquaresSolution SolveQr(Matrix<double> x, Vector<double> y)
    {
        var (xs, ys, n, p) = Validate(x, y);
        var c = p + 1;
        var r = LeastSquaresKernels.AugmentedR(xs, n, p, ys);
        if (!IsFinite(r)) ThrowNonFinite(x, y);

        var tolerance = Math.Max(n, p) * LinearAlgebraFacts.MachineEpsilon;
        for (var j = 0; j < p; j++)
        {
            // ‖x_j‖² = Σ_{i≤j} R_ij², since Q is orthogonal.
            var norm2 = 0.0;
            for (var i = 0; i <= j; i++) norm2 += r[i * c + j] * r[i * c + j];
            if (!(Math.Abs(r[j * c + j]) > tolerance * Math.Sqrt(norm2)))
                throw Singular(j, "X is rank-deficient", "OlsSolver.Svd in LinearRegression (the pseudo-inverse, which returns the minimum-norm solution)");
        }

        // R w = Qᵀy, where Qᵀy is the last column of the reduced [X | y].
        var qty = new double[p];
        for (var i = 0; i < p; i++) qty[i] = r[i * c + p];
        var w = new double[p];
        SmallCholesky.SolveUpper(r, c, p, qty, w);

        return new LeastSquaresSolution(Vector<double>.Build.Dense(w), r[p * c + p] * r[p * c + p]);
    }

    private static (double[] X, double[] Y, int N, int P) Validate(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.RowCount, p = x.ColumnCount;
        if (p == 0 || n == 0)
            throw new ArgumentException($"X is {n} × {p}: give at least one row and one column (for an intercept only, pass a ones column).", nameof(x));
        if (y.Count != n)
            throw new ArgumentException($"y has {y.Count} values but X has {n} rows: give one target per row of X.", nameof(y));
        if (n < p)
            throw new ArgumentException(
                $"X has {n} rows but {p} columns: with fewer samples than coefficients infinitely many w fit exactly. " +
                "Give at least as many rows as columns, or use LinearRegression with OlsSolver.Svd for the minimum-norm solution.", nameof(x));
        // Finiteness is checked after the pass (a non-finite input makes the result non-finite), not in a second pass over X.
        var xs = x.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseColumnMajorMatrixStorage<double> dx ? dx.Data : x.ToColumnMajorArray();
        var ys = y.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseVectorStorage<double> dy ? dy.Data : y.ToArray();
        return (xs, ys, n, p);
    }

    private static bool IsFinite(double[] values) => Array.TrueForAll(values, double.IsFinite);

    private static void ThrowNonFinite(Matrix<double> x, Vector<double> y)
    {
        DesignMatrix.RequireFinite(x, nameof(x));
        DesignMatrix.RequireFinite(y, nameof(y));
        throw new ArgumentException("Every value is finite but the sums of squares overflowed (entries near 1e154 or beyond): rescale X and y first.", nameof(x));
    }

    private static ArgumentException Singular(int column, string what, string alternative) =>
        new(string.Create(CultureInfo.InvariantCulture,
                $"{what}: column {column} of X is, to within rounding, a linear combination of the columns before it, so the least-squares solution is not unique. " +
                $"Drop the redundant column, or use {alternative}."),
            "x");
}

/// <summary>The answer of a <see cref="LeastSquares"/> solver.</summary>
/// <param name="Coefficients">w, one per column of X.</param>
/// <param name="ResidualSumOfSquares">RSS = ‖y − Xw‖².</param>
public sealed record LeastSquaresSolution(Vector<double> Coefficients, double ResidualSumOfSquares);
