using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace ClassicML.Mixtures;

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
