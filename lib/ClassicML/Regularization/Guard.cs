using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>Input checks shared by the estimators of this folder: fail early with a message that says what to do.</summary>
internal static class Guard
{
    public static double NonNegativeFinite(double value, string paramName)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number ≥ 0 (0 switches the penalty off).");
        return value;
    }

    public static double PositiveFinite(double value, string paramName)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number > 0.");
        return value;
    }

    public static int Positive(int value, string paramName)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least 1.");
        return value;
    }

    /// <summary>Checks a design matrix and its targets: not null, not empty, same number of rows, all finite.</summary>
    public static void Design(Matrix<double> x, Vector<double> y, string xName = "x", string yName = "y")
    {
        ArgumentNullException.ThrowIfNull(x, xName);
        ArgumentNullException.ThrowIfNull(y, yName);
        if (x.RowCount == 0 || x.ColumnCount == 0)
            throw new ArgumentException($"{xName} is empty ({x.RowCount}×{x.ColumnCount}); pass at least one row and one feature column.", xName);
        if (y.Count != x.RowCount)
            throw new ArgumentException($"{yName} has {y.Count} values but {xName} has {x.RowCount} rows; give one target per row.", yName);
        Finite(x, xName);
        Finite(y, yName);
    }

    public static void Finite(Matrix<double> x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        foreach (var v in x.Enumerate())
            if (!double.IsFinite(v))
                throw new ArgumentException($"{name} contains NaN or ±∞; remove or impute those entries first.", name);
    }

    public static void Finite(Vector<double> v, string name)
    {
        ArgumentNullException.ThrowIfNull(v, name);
        foreach (var e in v.Enumerate())
            if (!double.IsFinite(e))
                throw new ArgumentException($"{name} contains NaN or ±∞; remove or impute those entries first.", name);
    }
}
