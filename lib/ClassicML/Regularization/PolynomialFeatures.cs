using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>Polynomial features of one input: the design for fitting a polynomial with a linear model.</summary>
public static class PolynomialFeatures
{
    /// <summary>
    /// The n×d matrix with columns x, x², …, x^d (no constant column: the models fit the intercept themselves).
    /// </summary>
    public static Matrix<double> Expand(Vector<double> x, int degree)
    {
        Guard.Finite(x, nameof(x));
        if (x.Count == 0) throw new ArgumentException("x is empty; pass at least one value.", nameof(x));
        if (degree < 1) throw new ArgumentOutOfRangeException(nameof(degree), degree, "The degree must be at least 1.");
        var m = Matrix<double>.Build.Dense(x.Count, degree);
        for (var i = 0; i < x.Count; i++)
        {
            var power = 1.0;
            for (var j = 0; j < degree; j++) { power *= x[i]; m[i, j] = power; }
        }
        return m;
    }

    /// <summary>Expands plain values; see <see cref="Expand(Vector{double}, int)"/>.</summary>
    public static Matrix<double> Expand(IEnumerable<double> x, int degree)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Expand(Vector<double>.Build.Dense(x.ToArray()), degree);
    }
}
