using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>
/// The linearly separable (hard-margin) SVM, Li Hang Algorithm 7.2, solved through its dual:
/// <c>min_α ½ Σᵢ Σⱼ αᵢαⱼyᵢyⱼ(xᵢ·xⱼ) − Σᵢ αᵢ</c> s.t. <c>Σᵢ αᵢyᵢ = 0</c>, <c>αᵢ ≥ 0</c>,
/// then <c>w* = Σᵢ αᵢ*yᵢxᵢ</c> and <c>b* = yⱼ − Σᵢ αᵢ*yᵢ(xᵢ·xⱼ)</c> for a support vector j.
/// </summary>
/// <remarks>
/// Separability is checked first and exactly (the classes' convex hulls must not meet, see
/// <see cref="ConvexHulls.NearestPoints(Matrix{double}, Vector{double}, double, int)"/>); otherwise the dual is unbounded and
/// <see cref="HardMarginInfeasibleException"/> says so. The dual is then solved by SMO to the KKT gap
/// <see cref="Tolerance"/> and polished by solving the KKT equalities on the support set.
/// </remarks>
public sealed class HardMarginSvm
{
    /// <summary>Sets the solver's hyper-parameters.</summary>
    /// <param name="tolerance">Stop SMO when the KKT gap m(α) − M(α) ≤ tolerance (scale-free: margins are normalised to 1).</param>
    /// <param name="maxIterations">A cap on SMO pair updates.</param>
    /// <param name="kktTolerance">The tolerance the returned <see cref="SvmModel.Kkt"/> report checks against.</param>
    public HardMarginSvm(double tolerance = 1e-12, int maxIterations = 1_000_000, double kktTolerance = 1e-9)
    {
        SvmSettings.Validate(tolerance, maxIterations, kktTolerance);
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        KktTolerance = kktTolerance;
    }

    /// <summary>The SMO stopping tolerance on the KKT gap.</summary>
    public double Tolerance { get; }

    /// <summary>The cap on SMO iterations.</summary>
    public int MaxIterations { get; }

    /// <summary>The tolerance of the KKT report.</summary>
    public double KktTolerance { get; }

    /// <summary>Fits the maximum-margin hyperplane to rows of <paramref name="x"/> labelled ±1 by <paramref name="y"/>.</summary>
    /// <param name="x">N×n features, all finite.</param>
    /// <param name="y">N labels, each −1 or +1, both classes present.</param>
    /// <exception cref="HardMarginInfeasibleException">The classes are not linearly separable.</exception>
    public SvmModel Fit(Matrix<double> x, Vector<double> y)
    {
        var data = LabeledData.From(x, y, requireBothClasses: true);
        var hulls = ConvexHulls.NearestPoints(data, 1e-13, 100_000);
        if (hulls.Intersect)
            throw new HardMarginInfeasibleException((hulls.U + hulls.V) / 2, nameof(x));
        var solution = SmoSolver.Solve(data, double.PositiveInfinity, Tolerance, MaxIterations);
        var w = SmoSolver.Weights(data, solution.Alpha);
        return new SvmModel(data, w, solution.B, solution.Alpha, double.PositiveInfinity, solution.Iterations, solution.Converged,
            solution.Violation, solution.Polished, KktTolerance);
    }
}

/// <summary>
/// The soft-margin linear SVM (Li Hang Algorithm 7.3): <c>min ½‖w‖² + C Σᵢ ξᵢ</c> s.t. <c>yᵢ(w·xᵢ + b) ≥ 1 − ξᵢ</c>, <c>ξᵢ ≥ 0</c>,
/// whose dual is the hard-margin dual with the box <c>0 ≤ αᵢ ≤ C</c>; works on any data, separable or not.
/// </summary>
public sealed class SoftMarginSvm
{
    /// <summary>Sets the penalty and the solver's hyper-parameters.</summary>
    /// <param name="c">The penalty C &gt; 0 on the total slack (large C approaches the hard margin).</param>
    /// <param name="tolerance">Stop SMO when the KKT gap ≤ tolerance.</param>
    /// <param name="maxIterations">A cap on SMO pair updates.</param>
    /// <param name="kktTolerance">The tolerance the returned KKT report checks against.</param>
    public SoftMarginSvm(double c = 1.0, double tolerance = 1e-12, int maxIterations = 1_000_000, double kktTolerance = 1e-9)
    {
        Check.Positive(c, nameof(c), "the penalty C; for separable data without slack use HardMarginSvm");
        SvmSettings.Validate(tolerance, maxIterations, kktTolerance);
        C = c;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        KktTolerance = kktTolerance;
    }

    /// <summary>The penalty C.</summary>
    public double C { get; }

    /// <summary>The SMO stopping tolerance on the KKT gap.</summary>
    public double Tolerance { get; }

    /// <summary>The cap on SMO iterations.</summary>
    public int MaxIterations { get; }

    /// <summary>The tolerance of the KKT report.</summary>
    public double KktTolerance { get; }

    /// <summary>Fits the soft-margin hyperplane to rows of <paramref name="x"/> labelled ±1 by <paramref name="y"/>.</summary>
    /// <param name="x">N×n features, all finite.</param>
    /// <param name="y">N labels, each −1 or +1, both classes present.</param>
    public SvmModel Fit(Matrix<double> x, Vector<double> y)
    {
        var data = LabeledData.From(x, y, requireBothClasses: true);
        var solution = SmoSolver.Solve(data, C, Tolerance, MaxIterations);
        var w = SmoSolver.Weights(data, solution.Alpha);
        return new SvmModel(data, w, solution.B, solution.Alpha, C, solution.Iterations, solution.Converged,
            solution.Violation, solution.Polished, KktTolerance);
    }
}

/// <summary>The SVM solvers' settings, checked through the shared <see cref="Check"/>.</summary>
internal static class SvmSettings
{
    public static void Validate(double tolerance, int maxIterations, double kktTolerance)
    {
        Check.Positive(tolerance, nameof(tolerance), "e.g. 1e-12");
        Check.AtLeast(maxIterations, 1, nameof(maxIterations));
        Check.Positive(kktTolerance, nameof(kktTolerance), "e.g. 1e-9");
    }
}
