using ClassicML.Regularization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Regularization;

public class LassoTests
{
    private static readonly Matrix<double> X = NormalEquationTable.X;
    private static readonly Vector<double> Y = NormalEquationTable.Targets;

    /// <summary>The KKT conditions recomputed here from scratch: g_j = x_jᵀ(y − Xw − b)/n.</summary>
    private static double Kkt(LassoModel m)
    {
        var r = Y - (X * m.Coefficients + m.Intercept);
        Assert.True(Math.Abs(r.Sum()) < 1e-10, "the intercept must make the residual sum to 0");
        var g = X.TransposeThisAndMultiply(r) / Y.Count;
        double worst = 0;
        for (var j = 0; j < g.Count; j++)
        {
            var w = m.Coefficients[j];
            worst = Math.Max(worst, w != 0 ? Math.Abs(g[j] - m.Alpha * Math.Sign(w)) : Math.Max(0, Math.Abs(g[j]) - m.Alpha));
        }
        return worst;
    }

    [Theory]
    [InlineData(LassoSolver.CoordinateDescent)]
    [InlineData(LassoSolver.Ista)]
    [InlineData(LassoSolver.Fista)]
    public void Seed002_alpha_0_01_meets_KKT_with_no_zero_weights(LassoSolver solver)
    {
        var m = new Lasso(0.01, solver, tolerance: 1e-14, maxIterations: 1_000_000).Fit(X, Y);
        Assert.True(m.Converged);
        Assert.True(Kkt(m) < 1e-9, $"KKT violation {Kkt(m)}");
        Assert.True(m.KktViolation < 1e-9);
        Assert.All(m.Coefficients, w => Assert.NotEqual(0.0, w)); // α = 0.01: all three features stay in
        Assert.True(m.DualityGap <= m.GapTarget);
    }

    [Theory]
    [InlineData(LassoSolver.CoordinateDescent)]
    [InlineData(LassoSolver.Ista)]
    [InlineData(LassoSolver.Fista)]
    public void Seed002_alpha_0_1_meets_KKT_and_drops_f2_exactly(LassoSolver solver)
    {
        var m = new Lasso(0.1, solver, tolerance: 1e-14, maxIterations: 1_000_000).Fit(X, Y);
        Assert.True(m.Converged);
        Assert.True(Kkt(m) < 1e-9, $"KKT violation {Kkt(m)}");
        // α = 0.1: f2 (index 1) is exactly zero, f1 and f3 are not.
        Assert.Equal(0.0, m.Coefficients[1]);
        Assert.NotEqual(0.0, m.Coefficients[0]);
        Assert.NotEqual(0.0, m.Coefficients[2]);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public void Coordinate_descent_ista_and_fista_agree(double alpha)
    {
        var cd = new Lasso(alpha, LassoSolver.CoordinateDescent, 1e-14, 1_000_000).Fit(X, Y);
        var ista = new Lasso(alpha, LassoSolver.Ista, 1e-14, 1_000_000).Fit(X, Y);
        var fista = new Lasso(alpha, LassoSolver.Fista, 1e-14, 1_000_000).Fit(X, Y);
        // Strong convexity (μ = s_min²/n) turns the gaps into a distance bound: ‖w − w*‖² ≤ 2G/μ.
        var s = new RidgeRegression(0).Fit(X, Y).SingularValues;
        var mu = s[^1] * s[^1] / Y.Count;
        foreach (var other in new[] { ista, fista })
        {
            var distance = (cd.Coefficients - other.Coefficients).L2Norm();
            Assert.True(distance <= Math.Sqrt(2 * cd.DualityGap / mu) + Math.Sqrt(2 * other.DualityGap / mu) + 1e-15);
            Assert.True(distance < 1e-7, $"{other.Solver} is {distance} away");
            Assert.True(Math.Abs(cd.Intercept - other.Intercept) < 1e-6);
        }
        Assert.True(fista.Iterations < ista.Iterations, "acceleration should need fewer steps");
    }

    [Fact]
    public void The_duality_gap_bounds_the_suboptimality()
    {
        var best = new Lasso(0.01, tolerance: 1e-14, maxIterations: 1_000_000).Fit(X, Y);
        foreach (var tol in new[] { 1e-2, 1e-4, 1e-6, 1e-8 })
        {
            var m = new Lasso(0.01, tolerance: tol).Fit(X, Y);
            Assert.True(m.Converged);
            Assert.True(m.Objective - best.Objective <= m.DualityGap + 1e-14);
            Assert.Equal(Lasso.Objective(X, Y, m.Coefficients, m.Intercept, 0.01), m.Objective, 12);
        }
    }

    [Fact]
    public void A_loose_tolerance_stops_far_from_the_optimum_on_collinear_data()
    {
        // The hard case: f1, f2, f3 are nearly collinear, so the objective is flat along a valley and a
        // loose stopping rule (scikit-learn's default relative tolerance is 1e-4) leaves w visibly wrong.
        var loose = new Lasso(0.01, tolerance: 1e-4).Fit(X, Y);
        var tight = new Lasso(0.01, tolerance: 1e-14, maxIterations: 1_000_000).Fit(X, Y);
        Assert.True((loose.Coefficients - tight.Coefficients).InfinityNorm() > 0.1);
        Assert.True(loose.KktViolation > 1e-4);
    }

    [Fact]
    public void Alpha_max_is_positive_when_the_strongest_correlation_is_negative()
    {
        var amax = Lasso.AlphaMax(X, -Y);
        Assert.Equal(Lasso.AlphaMax(X, Y), amax, 14);
        Assert.True(amax > 0);
    }

    [Fact]
    public void Alpha_at_or_above_alpha_max_gives_all_zeros()
    {
        var amax = Lasso.AlphaMax(X, Y);
        var at = new Lasso(amax).Fit(X, Y);
        Assert.All(at.Coefficients, w => Assert.Equal(0.0, w));
        Assert.Equal(Y.Average(), at.Intercept, 12);
        var below = new Lasso(0.999 * amax).Fit(X, Y);
        Assert.Equal(1, below.Coefficients.Count(w => w != 0));
    }

    [Fact]
    public void Orthonormal_design_gives_soft_thresholded_least_squares_and_a_monotone_path()
    {
        // With centred orthonormal columns the lasso decouples: w_j = S(x_jᵀy, nα) (‖x_j‖ = 1),
        // so the number of zeros can only grow with α.
        var rng = new Random(3);
        var raw = Matrix<double>.Build.Dense(30, 6, (_, _) => rng.NextDouble() - 0.5);
        raw -= Matrix<double>.Build.Dense(30, 6, (_, j) => raw.Column(j).Average());
        var q = raw.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var y = Vector<double>.Build.Dense(30, i => 3 * q[i, 0] - 2 * q[i, 1] + 0.5 * q[i, 2] + 0.1 * (rng.NextDouble() - 0.5) + 4);
        var alphas = RegularizationPath.LogGrid(Lasso.AlphaMax(q, y) * 1.1, 1e-4, 50);
        var path = RegularizationPath.Lasso(q, y, alphas);
        Assert.True(path.AllConverged);
        var zeros = path.ZeroCounts;
        for (var i = 1; i < zeros.Length; i++) Assert.True(zeros[i] <= zeros[i - 1], "α descends, so zeros must not increase");
        Assert.Equal(6, zeros[0]);
        var qty = q.TransposeThisAndMultiply(y - y.Average());
        for (var i = 0; i < alphas.Length; i += 7)
            for (var j = 0; j < 6; j++)
                Assert.Equal(Penalty.SoftThreshold(qty[j], 30 * path.Alphas[i]), path.Coefficients[i, j], 9);
    }

    [Fact]
    public void Warm_started_path_matches_cold_fits()
    {
        var alphas = RegularizationPath.LogGrid(Lasso.AlphaMax(X, Y), 1e-3, 12);
        var path = RegularizationPath.Lasso(X, Y, alphas);
        for (var i = 0; i < alphas.Length; i += 3)
        {
            var cold = new Lasso(path.Alphas[i], tolerance: 1e-12, maxIterations: 1_000_000).Fit(X, Y);
            Assert.True((cold.Coefficients - path.Coefficients.Row(i)).InfinityNorm() < 1e-5);
        }
    }

    [Theory]
    [InlineData(8, 20)]   // wide: p > n, solved on the residual
    [InlineData(200, 12)] // tall: solved through the Gram matrix
    public void Both_storage_paths_reach_the_KKT_conditions(int n, int p)
    {
        var rng = new Random(n * 31 + p);
        var x = Matrix<double>.Build.Dense(n, p, (_, _) => rng.NextDouble() - 0.5);
        var y = Vector<double>.Build.Dense(n, i => 2 * x[i, 0] - x[i, 1] + 0.1 * (rng.NextDouble() - 0.5));
        var alpha = 0.05 * Lasso.AlphaMax(x, y);
        var cd = new Lasso(alpha, LassoSolver.CoordinateDescent, 1e-13, 1_000_000).Fit(x, y);
        var fista = new Lasso(alpha, LassoSolver.Fista, 1e-13, 1_000_000).Fit(x, y);
        foreach (var m in new[] { cd, fista })
        {
            Assert.True(m.Converged);
            Assert.True(m.DualityGap <= m.GapTarget);
        }
        // Coordinate descent lands on the optimality conditions. For FISTA a small gap pins down the objective,
        // and the weights only where the problem is strongly convex (p < n, full column rank).
        Assert.True(cd.KktViolation < 1e-7 * alpha, $"CD: KKT {cd.KktViolation}");
        if (p < n) Assert.True(fista.KktViolation < 1e-7 * alpha, $"FISTA: KKT {fista.KktViolation}");
        Assert.True(Math.Abs(cd.Objective - fista.Objective) <= cd.DualityGap + fista.DualityGap + 1e-15, $"{cd.Objective:R} {fista.Objective:R} {cd.DualityGap} {fista.DualityGap} {cd.Iterations} {fista.Iterations}");
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso(-0.1)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso(1, tolerance: 0)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso(1, maxIterations: 0)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new Lasso().Fit(X, Vector<double>.Build.Dense(3))).ParamName);
        var nanY = Y.Clone(); nanY[0] = double.NaN;
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new Lasso().Fit(X, nanY)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentException>(() => new Lasso().Fit(X, Y, Vector<double>.Build.Dense(2))).ParamName);
        Assert.Equal("alphas", Assert.Throws<ArgumentException>(() => RegularizationPath.Lasso(X, Y, Array.Empty<double>())).ParamName);
    }
}
