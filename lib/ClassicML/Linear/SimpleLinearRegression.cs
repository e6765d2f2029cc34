using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>
/// Least squares with one feature, solved in closed form from the scalar derivation:
/// setting ∂MSE/∂w₀ = ∂MSE/∂w₁ = 0 gives
/// <c>w₁ = cov(x, y) / var(x) = Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)²</c> and <c>w₀ = ȳ − w₁·x̄</c>.
/// </summary>
/// <remarks>
/// The sums are taken about the means (two passes) rather than as <c>n·Σxy − Σx·Σy</c>: the textbook
/// one-pass form subtracts two large, nearly equal numbers and loses digits when x̄ is large next to the spread of x.
/// </remarks>
public sealed class SimpleLinearRegression
{
    /// <summary>Fits <c>ŷ = w₀ + w₁·x</c> by least squares.</summary>
    /// <param name="x">The single feature, one value per sample; needs at least two distinct values.</param>
    /// <param name="y">The target, one value per sample.</param>
    /// <returns>The fitted line with <c>w₁ = Sxy / Sxx</c>, <c>w₀ = ȳ − w₁·x̄</c>.</returns>
    public SimpleLinearModel Fit(Vector<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"y has {y.Count} values but x has {x.Count}: give one target per sample.", nameof(y));
        if (x.Count < 2)
            throw new ArgumentException($"x has {x.Count} value(s): a line needs at least two samples.", nameof(x));
        DesignMatrix.RequireFinite(x, nameof(x));
        DesignMatrix.RequireFinite(y, nameof(y));
        // Sxx and Sxy are sums of squares: refuse magnitudes at which they overflow or underflow (shared rule).
        Validation.Check.Scale(x, nameof(x));
        Validation.Check.Scale(y, nameof(y));

        var n = x.Count;
        double xMean = 0, yMean = 0;
        for (var i = 0; i < n; i++) { xMean += x[i]; yMean += y[i]; }
        xMean /= n; yMean /= n;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - xMean;
            sxx += dx * dx;
            sxy += dx * (y[i] - yMean);
        }
        if (sxx == 0)
            throw new ArgumentException($"All x values equal {xMean}: var(x) = 0, so the slope cov(x, y)/var(x) is undefined. Give at least two distinct x values.", nameof(x));
        var slope = sxy / sxx;
        return new SimpleLinearModel(yMean - slope * xMean, slope);
    }
}

/// <summary>A fitted line <c>ŷ = w₀ + w₁·x</c>.</summary>
/// <param name="Intercept">w₀ = ȳ − w₁·x̄.</param>
/// <param name="Slope">w₁ = cov(x, y) / var(x).</param>
public sealed record SimpleLinearModel(double Intercept, double Slope) : IRegressor
{
    /// <summary>The prediction <c>w₀ + w₁·x</c> at one point.</summary>
    /// <param name="x">The feature value.</param>
    public double Predict(double x) => Intercept + Slope * x;

    /// <summary>The predictions <c>w₀ + w₁·xᵢ</c> for every value of <paramref name="x"/>.</summary>
    /// <param name="x">Feature values.</param>
    public Vector<double> Predict(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Map(v => Intercept + Slope * v);
    }

    /// <summary>The one weight, (slope).</summary>
    public Vector<double> Coefficients => Vector<double>.Build.Dense([Slope]);

    /// <summary>ŷ = w₀ + w₁·x for a one-column matrix.</summary>
    public Vector<double> Predict(Matrix<double> x)
    {
        Validation.Check.SameFeatures(x, 1, nameof(x));
        return Predict(x.Column(0));
    }

    /// <summary>Closed form, so always converged.</summary>
    public FitReport Report => new(FitStatus.Converged, 0, "Closed-form least-squares line.");
}
