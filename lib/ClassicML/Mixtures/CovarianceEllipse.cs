using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Mixtures;

/// <summary>
/// The contour {x : (x − μ)ᵀ Σ⁻¹ (x − μ) = r²} of a 2-D Gaussian: an ellipse centred at μ whose axes point
/// along the eigenvectors of Σ with semi-axes r·√λ₁ ≥ r·√λ₂ (λ the eigenvalues).
/// </summary>
/// <param name="CenterX">μ₁.</param>
/// <param name="CenterY">μ₂.</param>
/// <param name="SemiMajor">r·√λ₁, λ₁ the larger eigenvalue.</param>
/// <param name="SemiMinor">r·√λ₂, λ₂ the smaller eigenvalue.</param>
/// <param name="Angle">Angle of the major axis from the x-axis in radians, in (−π/2, π/2].</param>
/// <param name="Radius">r, the Mahalanobis radius ("number of standard deviations").</param>
public readonly record struct CovarianceEllipse(double CenterX, double CenterY, double SemiMajor, double SemiMinor, double Angle, double Radius)
{
    /// <summary>
    /// Probability mass of a 2-D Gaussian inside the ellipse: r² follows χ² with 2 degrees of freedom, whose
    /// CDF is 1 − e^(−r²/2). (1σ holds 39.3 %, 2σ 86.5 % — not the 68 %/95 % of one dimension.)
    /// </summary>
    public double Mass => MassInside(Radius);

    /// <summary>P(‖y‖ ≤ r) = 1 − exp(−r²/2) for y ~ 𝒩(0, I₂).</summary>
    /// <param name="radius">Mahalanobis radius r ≥ 0.</param>
    public static double MassInside(double radius)
    {
        if (!double.IsFinite(radius) || radius < 0)
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "The radius must be a finite number ≥ 0.");
        return -double.ExpM1(-0.5 * radius * radius);
    }

    /// <summary>The radius holding probability <paramref name="mass"/>: r = √(−2 ln(1 − p)), the χ²₂ quantile's root.</summary>
    /// <param name="mass">Probability p in (0, 1).</param>
    public static double RadiusForMass(double mass)
    {
        if (!(mass > 0 && mass < 1))
            throw new ArgumentOutOfRangeException(nameof(mass), mass, "The probability mass must lie strictly between 0 and 1 (e.g. 0.95).");
        return Math.Sqrt(-2 * double.LogP1(-mass));
    }

    /// <summary>The ellipse at <paramref name="standardDeviations"/> Mahalanobis units (r = n).</summary>
    /// <param name="mean">μ, length 2.</param>
    /// <param name="covariance">Σ, 2×2 symmetric positive semi-definite.</param>
    /// <param name="standardDeviations">n &gt; 0.</param>
    public static CovarianceEllipse ForStandardDeviations(Vector<double> mean, Matrix<double> covariance, double standardDeviations)
    {
        if (!double.IsFinite(standardDeviations) || standardDeviations <= 0)
            throw new ArgumentOutOfRangeException(nameof(standardDeviations), standardDeviations, "Use a positive number of standard deviations (e.g. 1 or 2).");
        return Build(mean, covariance, standardDeviations);
    }

    /// <summary>The ellipse holding probability <paramref name="mass"/> of 𝒩(μ, Σ): r = √(χ²₂ quantile of the mass).</summary>
    /// <param name="mean">μ, length 2.</param>
    /// <param name="covariance">Σ, 2×2 symmetric positive semi-definite.</param>
    /// <param name="mass">Probability in (0, 1), e.g. 0.95.</param>
    public static CovarianceEllipse ForProbability(Vector<double> mean, Matrix<double> covariance, double mass) =>
        Build(mean, covariance, RadiusForMass(mass));

    /// <summary>
    /// Eigen-decomposition of the 2×2 symmetric Σ = [[a, b], [b, c]] in closed form:
    /// λ = (a + c)/2 ± √(((a − c)/2)² + b²), major-axis angle θ = ½·atan2(2b, a − c).
    /// </summary>
    /// <param name="covariance">Σ, 2×2 symmetric.</param>
    public static (double Larger, double Smaller, double Angle) Eigen(Matrix<double> covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        if (covariance.RowCount != 2 || covariance.ColumnCount != 2)
            throw new ArgumentException($"Ellipses are drawn for 2×2 covariances; this one is {covariance.RowCount}×{covariance.ColumnCount}. Take the 2×2 block of the two coordinates you plot.", nameof(covariance));
        double a = covariance[0, 0], b = covariance[0, 1], c = covariance[1, 1];
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || Math.Abs(b - covariance[1, 0]) > 1e-10 * Math.Max(Math.Abs(a) + Math.Abs(c), double.Epsilon))
            throw new ArgumentException("The covariance must be finite and symmetric.", nameof(covariance));
        double mid = 0.5 * (a + c), rad = Math.Sqrt(0.25 * (a - c) * (a - c) + b * b);
        double l1 = mid + rad;
        // λ₂ from the determinant avoids cancellation in mid − rad when the ellipse is thin.
        double l2 = l1 > 0 ? (a * c - b * b) / l1 : 0;
        if (l2 < -1e-12 * Math.Abs(l1))
            throw new ArgumentException($"The covariance has a negative eigenvalue ({l2:G4}); it is not a covariance matrix.", nameof(covariance));
        double angle = 0.5 * Math.Atan2(2 * b, a - c);
        if (angle <= -Math.PI / 2) angle += Math.PI;
        return (l1, Math.Max(l2, 0), angle);
    }

    /// <summary>
    /// <paramref name="count"/> points around the ellipse, x(t) = μ + R(θ)·(a cos t, b sin t), t from 0 to 2π,
    /// the last equal to the first so a line through them closes.
    /// </summary>
    /// <param name="count">Number of points (≥ 4).</param>
    public (double[] X, double[] Y) Points(int count = 100)
    {
        if (count < 4)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Use at least 4 points to draw an ellipse.");
        var xs = new double[count];
        var ys = new double[count];
        double cos = Math.Cos(Angle), sin = Math.Sin(Angle);
        for (int i = 0; i < count; i++)
        {
            double t = i == count - 1 ? 0 : 2 * Math.PI * i / (count - 1);
            double u = SemiMajor * Math.Cos(t), v = SemiMinor * Math.Sin(t);
            xs[i] = CenterX + cos * u - sin * v;
            ys[i] = CenterY + sin * u + cos * v;
        }
        return (xs, ys);
    }

    private static CovarianceEllipse Build(Vector<double> mean, Matrix<double> covariance, double radius)
    {
        ArgumentNullException.ThrowIfNull(mean);
        if (mean.Count != 2)
            throw new ArgumentException($"The mean must have 2 coordinates; it has {mean.Count}.", nameof(mean));
        var (l1, l2, angle) = Eigen(covariance);
        return new CovarianceEllipse(mean[0], mean[1], radius * Math.Sqrt(l1), radius * Math.Sqrt(l2), angle, radius);
    }
}
