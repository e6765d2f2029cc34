using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Logistic;

/// <summary>Edge validation shared by the loss, the gradient and the estimator.</summary>
internal static class LogisticInput
{
    /// <summary>Checks a design matrix: non-null, at least one row and column, every entry finite.</summary>
    public static void CheckFeatures(Matrix<double> x, string paramName)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        if (x.RowCount == 0 || x.ColumnCount == 0)
            throw new ArgumentException($"The feature matrix is empty ({x.RowCount}×{x.ColumnCount}); pass at least one sample (row) with at least one feature (column).", paramName);
        var a = Columns(x);
        for (var k = 0; k < a.Length; k++)
        {
            if (!double.IsFinite(a[k]))
                throw new ArgumentException($"Feature matrix entry ({k % x.RowCount}, {k / x.RowCount}) is {a[k]}; remove or impute missing/infinite values before fitting.", paramName);
        }
    }

    /// <summary>Checks labels: non-null, one per row of x, each exactly 0 or 1.</summary>
    public static void CheckLabels(Vector<double> y, int rows, string paramName)
    {
        ArgumentNullException.ThrowIfNull(y, paramName);
        if (y.Count != rows)
            throw new ArgumentException($"There are {y.Count} labels for {rows} samples; pass exactly one label per row of the feature matrix.", paramName);
        for (var i = 0; i < y.Count; i++)
        {
            var v = y[i];
            if (v != 0.0 && v != 1.0)
                throw new ArgumentException($"Label {i} is {v}; binary logistic regression needs labels 0 or 1 (map your two classes to 0 and 1 first).", paramName);
        }
    }

    /// <summary>Checks a parameter vector: non-null, finite, one weight per feature.</summary>
    public static void CheckWeights(Vector<double> weights, int features, string paramName)
    {
        ArgumentNullException.ThrowIfNull(weights, paramName);
        if (weights.Count != features)
            throw new ArgumentException($"There are {weights.Count} weights for {features} features; pass one weight per column of the feature matrix.", paramName);
        for (var j = 0; j < weights.Count; j++)
        {
            if (!double.IsFinite(weights[j]))
                throw new ArgumentException($"Weight {j} is {weights[j]}; weights must be finite numbers.", paramName);
        }
    }

    /// <summary>Checks that a scalar parameter is finite.</summary>
    public static void CheckFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"The value {value} is not a finite number; pass a finite value.", paramName);
    }

    /// <summary>Checks the L2 strength λ: finite and ≥ 0.</summary>
    public static void CheckL2(double l2, string paramName)
    {
        if (!(l2 >= 0.0) || double.IsInfinity(l2))
            throw new ArgumentOutOfRangeException(paramName, l2, "The L2 strength λ must be a finite number ≥ 0 (0 means no penalty).");
    }

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
