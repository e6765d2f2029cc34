using ClassicML.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Logistic;

/// <summary>Edge validation shared by the loss, the gradient and the estimator.</summary>
internal static class LogisticInput
{
    /// <summary>Checks a design matrix through the shared <see cref="Check"/>: non-null, at least one row and column, every entry finite, largest |entry| within [1e-150, 1e150].</summary>
    public static void CheckFeatures(Matrix<double> x, string paramName) => Check.Scale(Check.Features(x, paramName), paramName);

    /// <summary>Checks labels: non-null, one per row of x, each exactly 0 or 1.</summary>
    public static void CheckLabels(Vector<double> y, int rows, string paramName) =>
        Check.BinaryLabels(y, rows, 0.0, 1.0, requireBothClasses: false, paramName);

    /// <summary>Checks a parameter vector: non-null, finite, one weight per feature.</summary>
    public static void CheckWeights(Vector<double> weights, int features, string paramName) => Check.Start(weights, features, paramName);

    /// <summary>Checks that a scalar parameter is finite.</summary>
    public static void CheckFinite(double value, string paramName) => Check.Finite(value, paramName);

    /// <summary>Checks the L2 strength α: finite and ≥ 0.</summary>
    public static void CheckPenalty(double alpha, string paramName) => Check.NonNegative(alpha, paramName, "0 means no penalty");

    /// <summary>
    /// The matrix's storage in column-major order (MathNet's dense layout), without a copy when it is dense.
    /// Column j occupies [j·rows, (j+1)·rows).
    /// </summary>
    public static double[] Columns(Matrix<double> x) =>
        x.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseColumnMajorMatrixStorage<double> dense
            ? dense.Data
            : x.ToColumnMajorArray();

    /// <summary>The vector's entries as an array, without a copy when it is dense.</summary>
    public static double[] Values(Vector<double> v) =>
        v.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseVectorStorage<double> dense
            ? dense.Data
            : v.ToArray();
}
