using ClassicML.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>The Regularization folder's names for the shared <see cref="Check"/> module.</summary>
internal static class Guard
{
    public static double NonNegativeFinite(double value, string paramName)
    {
        return Check.NonNegative(value, paramName, "0 switches the penalty off");
    }

    public static double PositiveFinite(double value, string paramName)
    {
        return Check.Positive(value, paramName);
    }

    public static int Positive(int value, string paramName)
    {
        return Check.AtLeast(value, 1, paramName);
    }

    /// <summary>
    /// Checks a design matrix and its targets through the shared <see cref="Check"/>: not null, not empty, same number
    /// of rows, all finite, largest |entry| within [1e-150, 1e150] so sums of squares neither overflow nor underflow.
    /// </summary>
    public static void Design(Matrix<double> x, Vector<double> y, string xName = "x", string yName = "y")
    {
        Check.Scale(Check.Features(x, xName), xName);
        Check.Targets(y, x.RowCount, yName);
        Check.Scale(y, yName);
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
