using ClassicML.Validation;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace ClassicML.Mixtures;

/// <summary>Edge checks and layout conversion for data matrices.</summary>
internal static class DataChecks
{
    /// <summary>Rejects (through the shared <see cref="Check"/>) a null or empty matrix, one holding NaN/∞, or one whose largest |entry| is outside [1e-150, 1e150], naming <paramref name="paramName"/>.</summary>
    public static void CheckData(Matrix<double> x, string paramName) => Check.Scale(Check.Features(x, paramName), paramName);

    /// <summary>
    /// The column-major values of <paramref name="x"/> (column d is the slice [d·N, (d+1)·N)): the dense
    /// matrix's own array when it has one (read only, never kept), otherwise a copy.
    /// </summary>
    public static double[] ColumnMajor(Matrix<double> x) => ColumnMajorView(x);

    private static double[] ColumnMajorView(Matrix<double> x) => TryDenseValues(x) ?? x.ToColumnMajorArray();

    private static double[]? TryDenseValues(Matrix<double> x) =>
        x.Storage is DenseColumnMajorMatrixStorage<double> dense ? dense.Data : null;
}
