using ClassicML.Linear;
using ClassicML.Numerics;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Linear;

public class GradientDescentTests
{
    private static Matrix<double> OneFeature => Matrix<double>.Build.DenseOfColumnArrays(NormalEquationTable.F1);

    [Fact]
    public void Converges_to_the_ols_answer_on_one_feature()
    {
        var ols = new LinearRegression().Fit(OneFeature, NormalEquationTable.Targets).DesignCoefficients;
        var fit = new GradientDescentRegression(tolerance: 1e-11).Fit(OneFeature, NormalEquationTable.Targets);
        Assert.True(fit.Converged);
        Assert.True(fit.GradientNorm <= 1e-11);
        Assert.True((fit.DesignCoefficients - ols).InfinityNorm() < 1e-9, $"GD {fit.DesignCoefficients} vs OLS {ols}");
        Assert.True(fit.LearningRate < fit.StabilityLimit);
    }

    [Fact]
    public void Converges_to_the_ols_answer_on_the_articles_table_given_enough_steps()
    {
        var ols = RationalLeastSquares.Solve(NormalEquationTable.X, NormalEquationTable.Targets);
        var fit = new GradientDescentRegression(maxIterations: 2_000_000, tolerance: 1e-11, recordEvery: 100_000).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.True(fit.Converged, $"stopped after {fit.Iterations} with ‖∇‖ = {fit.GradientNorm:E2}");
        Assert.True((fit.DesignCoefficients - ols).InfinityNorm() < 1e-8);
        // Ill-conditioning (cond(XᵀX) ≈ 4·10⁴) is what makes it take so many steps.
        Assert.True(fit.Iterations > 10_000);
    }

    [Fact]
    public void History_starts_at_the_start_ends_at_the_answer_and_the_loss_never_rises()
    {
        var start = Vector<double>.Build.Dense([-2.0, 3.0]);
        var fit = new GradientDescentRegression(tolerance: 1e-8, recordEvery: 7).Fit(OneFeature, NormalEquationTable.Targets, start);
        Assert.Equal(0, fit.History[0].Iteration);
        Assert.Equal(new[] { -2.0, 3.0 }, fit.History[0].Coefficients);
        Assert.Equal(fit.Iterations, fit.History[^1].Iteration);
        Assert.Equal(fit.DesignCoefficients.ToArray(), fit.History[^1].Coefficients);
        Assert.Equal(fit.Loss, fit.History[^1].Loss);
        for (var k = 1; k < fit.History.Count; k++)
            Assert.True(fit.History[k].Loss <= fit.History[k - 1].Loss + 1e-15);
        Assert.All(fit.History.Take(fit.History.Count - 1), s => Assert.Equal(0, s.Iteration % 7));
    }

    [Fact]
    public void Reports_no_convergence_when_the_iteration_budget_runs_out()
    {
        var fit = new GradientDescentRegression(maxIterations: 5, tolerance: 0).Fit(OneFeature, NormalEquationTable.Targets);
        Assert.False(fit.Converged);
        Assert.Equal(5, fit.Iterations);
        Assert.True(fit.GradientNorm > 0);
    }

    [Fact]
    public void Too_large_a_step_is_reported_as_divergence_not_as_NaN()
    {
        var safe = new GradientDescentRegression(maxIterations: 1).Fit(OneFeature, NormalEquationTable.Targets);
        // Overflows long before 100,000 steps: reported, with the last finite iterate kept (no NaN anywhere).
        var wild = new GradientDescentRegression(learningRate: 3 * safe.StabilityLimit, maxIterations: 100_000).Fit(OneFeature, NormalEquationTable.Targets);
        Assert.Equal(FitStatus.Diverged, wild.Report.Status);
        Assert.False(wild.Converged);
        Assert.Contains("diverged", wild.Report.Message);
        Assert.Contains("smaller learning rate", wild.Report.Message);
        Assert.True(wild.DesignCoefficients.All(double.IsFinite) && double.IsFinite(wild.Loss));
        Assert.True(wild.Iterations < 100_000);
        // A few steps past the limit stay finite but the loss has grown: still Diverged, not IterationLimit.
        var few = new GradientDescentRegression(learningRate: 1.5 * safe.StabilityLimit, maxIterations: 20).Fit(OneFeature, NormalEquationTable.Targets);
        Assert.Equal(FitStatus.Diverged, few.Report.Status);
        Assert.True(few.Loss > few.History[0].Loss);
    }

    [Fact]
    public void Bad_hyper_parameters_and_start_are_refused()
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescentRegression(learningRate: 0)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescentRegression(maxIterations: 0)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescentRegression(tolerance: double.NaN)).ParamName);
        Assert.Equal("recordEvery", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescentRegression(recordEvery: 0)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentException>(() => new GradientDescentRegression().Fit(OneFeature, NormalEquationTable.Targets, Vector<double>.Build.Dense(3))).ParamName);
    }
}

public class RecursiveLeastSquaresTests
{
    [Fact]
    public void After_all_rows_it_equals_the_batch_solution()
    {
        var rls = new RecursiveLeastSquares(3);
        rls.AddRange(NormalEquationTable.X, NormalEquationTable.Targets);
        var batch = new LinearRegression().Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.Equal(10, rls.Count);
        Assert.True((rls.Coefficients() - batch.DesignCoefficients).InfinityNorm() < 1e-10);
        Assert.Equal(batch.Diagnostics.Rss, rls.Rss, 1e-13);
        for (var j = 0; j < 4; j++)
            Assert.Equal(NormalEquationTable.Published[j], Math.Round(rls.Coefficients()[j], 8));
    }

    [Fact]
    public void Every_prefix_with_enough_rows_matches_the_batch_fit_of_that_prefix()
    {
        var rls = new RecursiveLeastSquares(3);
        var x = NormalEquationTable.X;
        var y = NormalEquationTable.Targets;
        for (var n = 1; n <= 10; n++)
        {
            rls.Add(x.Row(n - 1), y[n - 1]);
            if (n < 4)
            {
                Assert.False(rls.IsDetermined);
                var ex = Assert.Throws<InvalidOperationException>(() => rls.Coefficients());
                Assert.Contains("add more rows", ex.Message);
                continue;
            }
            Assert.True(rls.IsDetermined);
            var batch = new LinearRegression().Fit(x.SubMatrix(0, n, 0, 3), y.SubVector(0, n));
            Assert.True((rls.Coefficients() - batch.DesignCoefficients).InfinityNorm() < 1e-9, $"n = {n}");
            Assert.Equal(batch.Diagnostics.Rss, rls.Rss, 1e-12);
        }
    }

    [Property(MaxTest = 40)]
    public bool Equals_batch_qr_on_random_well_posed_problems(int seed, byte extraRows)
    {
        var rng = new Random(seed);
        var p = 1 + rng.Next(4);
        var n = p + 2 + extraRows % 40;
        var x = Matrix<double>.Build.Dense(n, p, (_, _) => rng.NextDouble() * 10 - 5);
        var y = Vector<double>.Build.Dense(n, _ => rng.NextDouble() * 10 - 5);
        var rls = new RecursiveLeastSquares(p);
        rls.AddRange(x, y);
        var batch = new LinearRegression().Fit(x, y);
        return (rls.Coefficients() - batch.DesignCoefficients).InfinityNorm() < 1e-9 * (1 + batch.DesignCoefficients.InfinityNorm())
               && Math.Abs(rls.Rss - batch.Diagnostics.Rss) < 1e-9 * (1 + batch.Diagnostics.Rss);
    }

    [Fact]
    public void Bad_rows_are_refused()
    {
        var rls = new RecursiveLeastSquares(3);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => rls.Add(new[] { 1.0, 2.0 }, 1.0)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => rls.Add(new[] { 1.0, double.NaN, 2.0 }, 1.0)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => rls.Add(new[] { 1.0, 2.0, 3.0 }, double.NaN)).ParamName);
        Assert.Equal(0, rls.Count);
        Assert.Equal("featureCount", Assert.Throws<ArgumentOutOfRangeException>(() => new RecursiveLeastSquares(0, fitIntercept: false)).ParamName);
    }
}

public class SimpleLinearRegressionAndLossTests
{
    [Fact]
    public void Closed_form_equals_the_matrix_solution_on_one_feature()
    {
        var x = Vector<double>.Build.Dense(NormalEquationTable.F1);
        var line = new SimpleLinearRegression().Fit(x, NormalEquationTable.Targets);
        var ols = new LinearRegression().Fit(Matrix<double>.Build.DenseOfColumnArrays(NormalEquationTable.F1), NormalEquationTable.Targets).DesignCoefficients;
        Assert.Equal(ols[0], line.Intercept, 1e-12);
        Assert.Equal(ols[1], line.Slope, 1e-12);
        Assert.Equal(line.Intercept + line.Slope * 3, line.Predict(3), 1e-15);
    }

    [Property(MaxTest = 60)]
    public bool Residuals_sum_to_zero_and_are_orthogonal_to_x(int seed)
    {
        var rng = new Random(seed);
        var n = 3 + rng.Next(30);
        var x = Vector<double>.Build.Dense(n, _ => 100 + rng.NextDouble());
        var y = Vector<double>.Build.Dense(n, i => 5 - 2 * x[i] + rng.NextDouble());
        var line = new SimpleLinearRegression().Fit(x, y);
        var e = y - line.Predict(x);
        return Math.Abs(e.Sum()) < 1e-9 && Math.Abs(e.DotProduct(x - x.Average())) < 1e-9;
    }

    [Fact]
    public void Constant_x_and_mismatched_lengths_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SimpleLinearRegression().Fit(Vector<double>.Build.Dense(5, 2.0), Vector<double>.Build.Dense(5)));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("var(x) = 0", ex.Message);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new SimpleLinearRegression().Fit(Vector<double>.Build.Dense(5), Vector<double>.Build.Dense(4))).ParamName);
    }

    [Fact]
    public void Gradient_matches_central_finite_differences()
    {
        var d = DesignMatrix.WithOnesColumn(NormalEquationTable.X);
        var y = NormalEquationTable.Targets;
        var w = Vector<double>.Build.Dense([0.3, -0.2, 0.5, 0.1]);
        var g = LeastSquaresLoss.MseGradient(d, y, w);
        const double h = 1e-6;
        for (var j = 0; j < 4; j++)
        {
            var up = w.Clone(); up[j] += h;
            var down = w.Clone(); down[j] -= h;
            var numeric = (LeastSquaresLoss.Mse(d, y, up) - LeastSquaresLoss.Mse(d, y, down)) / (2 * h);
            Assert.Equal(g[j], numeric, 1e-6);
        }
    }

    [Fact]
    public void Grid_values_equal_the_direct_mse()
    {
        var x = Vector<double>.Build.Dense(NormalEquationTable.F1);
        var y = NormalEquationTable.Targets;
        double[] w0 = [-1, 0, 0.5, 2];
        double[] w1 = [0.5, 1, 1.5];
        var z = LeastSquaresLoss.MseGrid(x, y, w0, w1);
        var d = DesignMatrix.WithOnesColumn(Matrix<double>.Build.DenseOfColumnVectors(x));
        for (var i = 0; i < w1.Length; i++)
            for (var j = 0; j < w0.Length; j++)
                Assert.Equal(LeastSquaresLoss.Mse(d, y, Vector<double>.Build.Dense([w0[j], w1[i]])), z[i][j], 1e-11);
    }

    [Fact]
    public void Scaling_the_loss_by_1_over_n_does_not_move_the_minimiser()
    {
        // The gradient of RSS is n times that of MSE, so both vanish at the same w.
        var d = DesignMatrix.WithOnesColumn(NormalEquationTable.X);
        var y = NormalEquationTable.Targets;
        var w = new LinearRegression().Fit(NormalEquationTable.X, y).DesignCoefficients;
        Assert.True(LeastSquaresLoss.MseGradient(d, y, w).InfinityNorm() < 1e-12);
    }
}

public class VectorKernelsTests
{
    [Property(MaxTest = 50)]
    public bool Norm_matches_the_plain_formula_for_every_length(int seed, byte length)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, length).Select(_ => rng.NextDouble() - 0.5).ToArray();
        return Math.Abs(VectorKernels.Norm(x) - Math.Sqrt(x.Sum(v => v * v))) < 1e-12;
    }

    [Fact]
    public void Norm_neither_overflows_nor_underflows()
    {
        Assert.Equal(5e200, VectorKernels.Norm(new[] { 3e200, 4e200 }), 1e188);
        Assert.Equal(5e-200, VectorKernels.Norm(new[] { 3e-200, 4e-200 }), 1e-212);
        Assert.Equal(0.0, VectorKernels.Norm(new double[3]));
    }
}
