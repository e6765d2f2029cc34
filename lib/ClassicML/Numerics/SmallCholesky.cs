namespace ClassicML.Numerics;

/// <summary>
/// Cholesky factorisation A = L Lᵀ of a small dense symmetric matrix stored row-major in a span: the p × p and D × D
/// systems of least squares and of the Gaussian mixtures' covariances, where a call into MathNet would cost more than
/// the arithmetic.
/// </summary>
internal static class SmallCholesky
{
    /// <summary>
    /// Factors the leading <paramref name="n"/> × <paramref name="n"/> block of <paramref name="a"/> (rows
    /// <paramref name="stride"/> apart, lower triangle read) into the row-major n × n lower factor
    /// <paramref name="l"/> (upper part zeroed). The pivot L_jj² = A_jj − Σ_k L_jk² is the squared distance of column j
    /// from the span of the earlier ones; when it is not finite, not positive, or at most
    /// <paramref name="relativePivotFloor"/>·A_jj, the matrix is singular to working precision: returns false with
    /// <paramref name="failedColumn"/> = j.
    /// </summary>
    public static bool TryFactor(ReadOnlySpan<double> a, int stride, Span<double> l, int n, double relativePivotFloor, out int failedColumn)
    {
        l[..(n * n)].Clear();
        for (int j = 0; j < n; j++)
        {
            double diag = a[j * stride + j];
            double pivot = diag;
            for (int m = 0; m < j; m++) pivot -= l[j * n + m] * l[j * n + m];
            if (!double.IsFinite(pivot) || !(pivot > 0) || pivot <= relativePivotFloor * diag)
            {
                failedColumn = j;
                return false;
            }
            double ljj = Math.Sqrt(pivot);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * stride + j];
                for (int m = 0; m < j; m++) s -= l[i * n + m] * l[j * n + m];
                l[i * n + j] = s / ljj;
            }
        }
        failedColumn = -1;
        return true;
    }

    /// <summary>
    /// <see cref="TryFactor(ReadOnlySpan{double}, int, Span{double}, int, double, out int)"/> for a row-major
    /// <paramref name="d"/> × <paramref name="d"/> covariance, singular below 1e-13 of a diagonal entry.
    /// </summary>
    public static bool TryFactor(ReadOnlySpan<double> a, Span<double> l, int d) => TryFactor(a, d, l, d, 1e-13, out _);

    /// <summary>
    /// Forward substitution L z = h for the row-major n × n lower factor <paramref name="l"/>:
    /// zᵢ = (hᵢ − Σ_{k&lt;i} Lᵢₖ zₖ) / Lᵢᵢ.
    /// </summary>
    public static void SolveLower(ReadOnlySpan<double> l, int n, ReadOnlySpan<double> h, Span<double> z)
    {
        for (var i = 0; i < n; i++)
        {
            var s = h[i];
            for (var k = 0; k < i; k++) s -= l[i * n + k] * z[k];
            z[i] = s / l[i * n + i];
        }
    }

    /// <summary>
    /// Back substitution U w = z for an upper-triangular n × n matrix stored row-major with rows <paramref name="stride"/>
    /// apart: wᵢ = (zᵢ − Σ_{k&gt;i} Uᵢₖ wₖ) / Uᵢᵢ. With <paramref name="transposed"/> the storage holds a lower factor L and
    /// U = Lᵀ (Uᵢₖ = Lₖᵢ), the second half of a Cholesky solve.
    /// </summary>
    public static void SolveUpper(ReadOnlySpan<double> u, int stride, int n, ReadOnlySpan<double> z, Span<double> w, bool transposed = false)
    {
        for (var i = n - 1; i >= 0; i--)
        {
            var s = z[i];
            for (var k = i + 1; k < n; k++) s -= (transposed ? u[k * stride + i] : u[i * stride + k]) * w[k];
            w[i] = s / u[i * stride + i];
        }
    }
}
