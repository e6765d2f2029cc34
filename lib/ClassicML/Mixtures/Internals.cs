using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace ClassicML.Mixtures;

/// <summary>Cholesky factorisation Σ = L Lᵀ of small dense matrices stored row-major in spans.</summary>
internal static class Cholesky
{
    /// <summary>
    /// Writes the lower factor L of the row-major D×D matrix <paramref name="a"/> into <paramref name="l"/>
    /// (upper part zeroed). Returns false when a pivot is not positive, not finite, or below 1e-13 of its
    /// diagonal entry — the matrix is then singular to working precision.
    /// </summary>
    public static bool TryFactor(ReadOnlySpan<double> a, Span<double> l, int d)
    {
        l[..(d * d)].Clear();
        for (int j = 0; j < d; j++)
        {
            double diag = a[j * d + j];
            double p = diag;
            for (int m = 0; m < j; m++) p -= l[j * d + m] * l[j * d + m];
            if (!double.IsFinite(p) || p <= 0 || p <= 1e-13 * diag) return false;
            double ljj = Math.Sqrt(p);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++)
            {
                double s = a[i * d + j];
                for (int m = 0; m < j; m++) s -= l[i * d + m] * l[j * d + m];
                l[i * d + j] = s / ljj;
            }
        }
        return true;
    }
}

/// <summary>Edge checks and layout conversion for data matrices.</summary>
internal static class DataChecks
{
    /// <summary>Rejects a null or empty matrix or one holding NaN/∞, naming <paramref name="paramName"/>.</summary>
    public static void CheckData(Matrix<double> x, string paramName)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        if (x.RowCount < 1 || x.ColumnCount < 1)
            throw new ArgumentException("The data matrix is empty; pass at least one row (sample) and one column (feature).", paramName);
        var values = ColumnMajorView(x);
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
            {
                int row = i % x.RowCount, col = i / x.RowCount;
                throw new ArgumentException($"The data holds {values[i]} at row {row}, column {col}; remove or impute non-finite values first.", paramName);
            }
    }

    /// <summary>
    /// The column-major values of <paramref name="x"/> (column d is the slice [d·N, (d+1)·N)): the dense
    /// matrix's own array when it has one (read only, never kept), otherwise a copy.
    /// </summary>
    public static double[] ColumnMajor(Matrix<double> x) => ColumnMajorView(x);

    private static double[] ColumnMajorView(Matrix<double> x) => TryDenseValues(x) ?? x.ToColumnMajorArray();

    private static double[]? TryDenseValues(Matrix<double> x) =>
        x.Storage is DenseColumnMajorMatrixStorage<double> dense ? dense.Data : null;
}
