using ClassicML.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>
/// Builds the design matrix of a linear model and validates regression inputs at the edge.
/// </summary>
public static class DesignMatrix
{
    /// <summary>
    /// Prepends a column of ones to <paramref name="x"/>: <c>[1 | X]</c>, so that the first coefficient of
    /// <c>ŷ = [1 | X]·w</c> is the intercept w₀ (the article's factor f0).
    /// </summary>
    /// <param name="x">Feature matrix, one row per sample.</param>
    /// <returns>A new n × (p+1) matrix whose column 0 is all ones.</returns>
    public static Matrix<double> WithOnesColumn(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = x.RowCount;
        var design = Matrix<double>.Build.Dense(n, x.ColumnCount + 1);
        design.SetColumn(0, Vector<double>.Build.Dense(n, 1.0));
        design.SetSubMatrix(0, 1, x);
        return design;
    }

    /// <summary>
    /// Checks a regression problem through the shared <see cref="Check"/> (finite, same rows, largest |entry| of x and
    /// y within [1e-150, 1e150] so sums of squares neither overflow nor underflow) and returns its design matrix (<c>[1 | X]</c> when
    /// <paramref name="addOnes"/>, else a copy of <c>X</c>) as a dense matrix.
    /// </summary>
    internal static Matrix<double> Validate(Matrix<double> x, Vector<double> y, bool addOnes)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!addOnes && x.ColumnCount == 0)
            throw new ArgumentException("x has no columns and there is no intercept: give at least one feature or set fitIntercept: true.", nameof(x));
        if (x.ColumnCount > 0)
            Check.Scale(Check.Features(x, nameof(x)), nameof(x));
        else if (x.RowCount == 0)
            throw new ArgumentException("x has no rows: give at least one sample per row.", nameof(x));
        Check.Targets(y, x.RowCount, nameof(y));
        Check.Scale(y, nameof(y));
        return addOnes ? WithOnesColumn(x) : Matrix<double>.Build.DenseOfMatrix(x);
    }

    internal static void RequireFinite(Matrix<double> m, string paramName)
    {
        // Fast path over dense storage; the indexer loop below only runs to name the offending cell.
        if (m.AsColumnMajorArray() is { } data && Array.TrueForAll(data, double.IsFinite))
            return;
        for (var j = 0; j < m.ColumnCount; j++)
            for (var i = 0; i < m.RowCount; i++)
                if (!double.IsFinite(m[i, j]))
                    throw new ArgumentException($"{paramName}[{i}, {j}] is {m[i, j]}: every value must be a finite number; remove or impute missing values first.", paramName);
    }

    internal static void RequireFinite(Vector<double> v, string paramName)
    {
        for (var i = 0; i < v.Count; i++)
            if (!double.IsFinite(v[i]))
                throw new ArgumentException($"{paramName}[{i}] is {v[i]}: every value must be a finite number; remove or impute missing values first.", paramName);
    }

    internal static void RequireFinite(ReadOnlySpan<double> v, string paramName)
    {
        for (var i = 0; i < v.Length; i++)
            if (!double.IsFinite(v[i]))
                throw new ArgumentException($"{paramName}[{i}] is {v[i]}: every value must be a finite number; remove or impute missing values first.", paramName);
    }
}
