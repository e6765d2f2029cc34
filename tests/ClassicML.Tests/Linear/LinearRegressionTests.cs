using System.Globalization;
using ClassicML.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Linear;

public class LinearRegressionTests
{
    public static TheoryData<OlsSolver> AllSolvers => new(Enum.GetValues<OlsSolver>());

    [Fact]
    public void Csv_in_data_holds_the_articles_table()
    {
        var lines = File.ReadAllLines(Path.Combine(NormalEquationTable.RepoRoot, "data", "normal-equation-table.csv"));
        Assert.Equal("f1,f2,f3,y", lines[0]);
        Assert.Equal(11, lines.Length);
        for (var i = 0; i < 10; i++)
        {
            var v = lines[i + 1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal([NormalEquationTable.F1[i], NormalEquationTable.F2[i], NormalEquationTable.F3[i], NormalEquationTable.Y[i]], v);
        }
    }

    [Theory]
    [MemberData(nameof(AllSolvers))]
    public void Every_solver_reproduces_the_articles_coefficients_to_1e8(OlsSolver solver)
    {
        var model = new LinearRegression(solver).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        var w = model.DesignCoefficients;
        for (var j = 0; j < 4; j++)
            Assert.True(Math.Abs(w[j] - NormalEquationTable.Published[j]) <= 1e-8 * 0.5 + 1e-12,
                $"{solver}: w{j} = {w[j]:R}, article prints {NormalEquationTable.Published[j]}");
        Assert.Equal(w[0], model.Intercept);
        Assert.Equal(w.SubVector(1, 3), model.Coefficients);
        Assert.Equal(solver, model.Solver);
    }

    [Fact]
    public void Solvers_agree_with_each_other_and_with_the_exact_rational_solution_to_1e10()
    {
        var exact = RationalLeastSquares.Solve(NormalEquationTable.X, NormalEquationTable.Targets);
        foreach (var solver in Enum.GetValues<OlsSolver>())
        {
            var w = new LinearRegression(solver).Fit(NormalEquationTable.X, NormalEquationTable.Targets).DesignCoefficients;
            Assert.True((w - exact).InfinityNorm() <= 1e-10, $"{solver} differs from the exact answer by {(w - exact).InfinityNorm():E2}");
        }
    }

    [Fact]
    public void Every_pair_of_solvers_agrees_to_1e10()
    {
        var w = Enum.GetValues<OlsSolver>().Select(s => new LinearRegression(s).Fit(NormalEquationTable.X, NormalEquationTable.Targets).DesignCoefficients).ToArray();
        for (var a = 0; a < w.Length; a++)
            for (var b = a + 1; b < w.Length; b++)
                Assert.True((w[a] - w[b]).InfinityNorm() <= 1e-10, $"solvers {a} and {b} differ by {(w[a] - w[b]).InfinityNorm():E2}");
    }

    [Fact]
    public void Exact_solution_rounds_to_the_published_digits()
    {
        var exact = RationalLeastSquares.Solve(NormalEquationTable.X, NormalEquationTable.Targets);
        for (var j = 0; j < 4; j++)
            Assert.Equal(NormalEquationTable.Published[j], Math.Round(exact[j], 8));
    }

    [Fact]
    public void Rational_solver_is_exact_on_an_exactly_representable_line()
    {
        var x = Matrix<double>.Build.DenseOfColumnArrays(new[] { 0.0, 1, 2, 3, 4 });
        var y = Vector<double>.Build.Dense([3.0, 3.5, 4, 4.5, 5]);
        Assert.Equal(new[] { 3.0, 0.5 }, RationalLeastSquares.Solve(x, y).ToArray());
    }

    [Theory]
    [MemberData(nameof(AllSolvers))]
    public void Rss_R2_and_residuals_are_consistent(OlsSolver solver)
    {
        var model = new LinearRegression(solver).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        var diag = model.Diagnostics;
        var d = DesignMatrix.WithOnesColumn(NormalEquationTable.X);
        var e = diag.Residuals;
        Assert.True((NormalEquationTable.Targets - model.Predict(NormalEquationTable.X) - e).InfinityNorm() < 1e-14);
        Assert.Equal(e.DotProduct(e), diag.Rss, 1e-14);
        var y = NormalEquationTable.Targets;
        var tss = (y - y.Average()).DotProduct(y - y.Average());
        Assert.Equal(tss, diag.Tss, 1e-12);
        Assert.Equal(1 - diag.Rss / tss, diag.RSquared, 1e-14);
        Assert.Equal(LeastSquaresLoss.Mse(d, y, model.DesignCoefficients), diag.Mse, 1e-15);
        // Least squares makes the residual orthogonal to every column of D (that is the normal equation).
        var gradient = d.TransposeThisAndMultiply(e).InfinityNorm();
        Assert.True(gradient < 1e-9, $"{solver}: ‖Dᵀe‖∞ = {gradient:E2}");
        Assert.InRange(diag.RSquared, 0.99, 1.0);
        Assert.Equal(10, diag.Rows);
        Assert.Equal(4, diag.Columns);
        Assert.Equal(4, diag.Rank);
    }

    [Fact]
    public void Gram_condition_number_is_the_square_of_that_of_X()
    {
        var diag = new LinearRegression().Fit(NormalEquationTable.X, NormalEquationTable.Targets).Diagnostics;
        Assert.True(diag.ConditionNumberX > 10, $"cond(X) = {diag.ConditionNumberX}");
        Assert.Equal(1.0, diag.ConditionNumberGram / (diag.ConditionNumberX * diag.ConditionNumberX), 1e-6);
        var s = diag.SingularValues;
        Assert.Equal(s[0] / s[^1], diag.ConditionNumberX, 1e-9);
    }

    [Fact]
    public void Standard_errors_match_sigma_hat_times_root_of_the_inverse_gram_diagonal()
    {
        var rng = new Random(3);
        var x = Matrix<double>.Build.Dense(40, 2, (_, _) => rng.NextDouble() * 4 - 2);
        var y = Vector<double>.Build.Dense(40, i => 1 + 2 * x[i, 0] - x[i, 1] + 0.3 * (rng.NextDouble() - 0.5));
        var diag = new LinearRegression().Fit(x, y).Diagnostics;
        var d = DesignMatrix.WithOnesColumn(x);
        var inv = d.TransposeThisAndMultiply(d).Inverse();
        var sigma2 = diag.Rss / (40 - 3);
        Assert.Equal(sigma2, diag.NoiseVariance!.Value, 1e-14);
        for (var j = 0; j < 3; j++)
            Assert.Equal(Math.Sqrt(sigma2 * inv[j, j]), diag.StandardErrors![j], 1e-12);
    }

    [Fact]
    public void Pseudo_inverse_splits_a_duplicated_column_evenly_the_minimum_norm_answer()
    {
        // y = 2x with columns [x, x]: every (a, 2 − a) fits exactly; the shortest is (1, 1).
        var x = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1.0, 2, 3, 4 }, new[] { 1.0, 2, 3, 4 });
        var y = Vector<double>.Build.Dense([2.0, 4, 6, 8]);
        var model = new LinearRegression(OlsSolver.Svd, fitIntercept: false).Fit(x, y);
        Assert.Equal(1.0, model.DesignCoefficients[0], 1e-12);
        Assert.Equal(1.0, model.DesignCoefficients[1], 1e-12);
        Assert.Equal(1, model.Diagnostics.Rank);
        Assert.True(double.IsPositiveInfinity(model.Diagnostics.ConditionNumberX));
        Assert.Null(model.Diagnostics.StandardErrors);
    }

    [Fact]
    public void Pseudo_inverse_on_the_articles_table_with_a_dependent_column_is_the_minimum_norm_minimiser()
    {
        // f4 = f1 + f2 makes the design matrix rank 4 of 5 columns; the null space is spanned by (0, 1, 1, 0, −1).
        var f4 = NormalEquationTable.F1.Zip(NormalEquationTable.F2, (a, b) => a + b).ToArray();
        var x = Matrix<double>.Build.DenseOfColumnArrays(NormalEquationTable.F1, NormalEquationTable.F2, NormalEquationTable.F3, f4);
        var y = NormalEquationTable.Targets;
        var model = new LinearRegression(OlsSolver.Svd).Fit(x, y);
        var w = model.DesignCoefficients;
        var d = DesignMatrix.WithOnesColumn(x);
        Assert.Equal(4, model.Diagnostics.Rank);
        // It minimises: the gradient of the loss vanishes ...
        Assert.True(d.TransposeThisAndMultiply(d * w - y).InfinityNorm() < 1e-10);
        // ... with the same fitted values as the full-rank fit without f4 ...
        var reference = new LinearRegression().Fit(NormalEquationTable.X, y);
        Assert.True((d * w - reference.Predict(NormalEquationTable.X)).InfinityNorm() < 1e-10);
        // ... and it has no component along the null space, so no other minimiser is shorter.
        var nullVector = Vector<double>.Build.Dense([0.0, 1, 1, 0, -1]);
        Assert.True(Math.Abs(w.DotProduct(nullVector)) < 1e-10);
        // Moving along the null space keeps the loss but lengthens w.
        var other = w + 0.1 * nullVector;
        Assert.Equal(LeastSquaresLoss.Mse(d, y, w), LeastSquaresLoss.Mse(d, y, other), 1e-12);
        Assert.True(other.L2Norm() > w.L2Norm());
    }

    [Theory]
    [InlineData(OlsSolver.ExplicitInverse)]
    [InlineData(OlsSolver.Cholesky)]
    [InlineData(OlsSolver.HouseholderQr)]
    public void Rank_deficient_X_is_refused_with_an_error_naming_the_pseudo_inverse(OlsSolver solver)
    {
        var f4 = NormalEquationTable.F1.Zip(NormalEquationTable.F2, (a, b) => a + b).ToArray();
        var x = Matrix<double>.Build.DenseOfColumnArrays(NormalEquationTable.F1, NormalEquationTable.F2, NormalEquationTable.F3, f4);
        var ex = Assert.Throws<ArgumentException>(() => new LinearRegression(solver).Fit(x, NormalEquationTable.Targets));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("OlsSolver.Svd", ex.Message);
        Assert.Contains("pseudo-inverse", ex.Message);
        Assert.Contains("rank 4 < 5", ex.Message);
    }

    [Theory]
    [InlineData(OlsSolver.ExplicitInverse)]
    [InlineData(OlsSolver.Cholesky)]
    public void Numerically_singular_gram_of_a_full_rank_X_is_refused_and_QR_still_solves_it(OlsSolver solver)
    {
        // cond(X) ≈ 1e10 is fine for QR, but cond(XᵀX) ≈ 1e20 is beyond double precision.
        var rng = new Random(11);
        var t = Enumerable.Range(0, 20).Select(i => i / 19.0).ToArray();
        var u = t.Select(v => v + 1e-10 * (rng.NextDouble() - 0.5)).ToArray();
        var x = Matrix<double>.Build.DenseOfColumnArrays(t, u);
        var y = Vector<double>.Build.Dense(20, i => 1 + t[i] + 2 * u[i]);
        var ex = Assert.Throws<ArgumentException>(() => new LinearRegression(solver).Fit(x, y));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("HouseholderQr", ex.Message);
        var qr = new LinearRegression(OlsSolver.HouseholderQr).Fit(x, y);
        Assert.Equal(3, qr.Diagnostics.Rank);
        Assert.True(qr.Diagnostics.Rss < 1e-20);
    }

    [Fact]
    public void Nan_in_X_or_y_is_refused_with_the_parameter_named()
    {
        var x = NormalEquationTable.X;
        x[3, 1] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(x, NormalEquationTable.Targets));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("[3, 1]", ex.Message);
        var y = NormalEquationTable.Targets;
        y[7] = double.PositiveInfinity;
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(NormalEquationTable.X, y)).ParamName);
    }

    [Fact]
    public void Shape_mismatch_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(NormalEquationTable.X, Vector<double>.Build.Dense(9)));
        Assert.Equal("y", ex.ParamName);
        Assert.Contains("one target per row", ex.Message);
        var model = new LinearRegression().Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Predict(Matrix<double>.Build.Dense(2, 4))).ParamName);
    }

    [Theory]
    [InlineData(OlsSolver.ExplicitInverse)]
    [InlineData(OlsSolver.Cholesky)]
    [InlineData(OlsSolver.HouseholderQr)]
    public void Fewer_rows_than_columns_is_refused_except_by_the_pseudo_inverse(OlsSolver solver)
    {
        var x = NormalEquationTable.X.SubMatrix(0, 3, 0, 3);
        var y = NormalEquationTable.Targets.SubVector(0, 3);
        var ex = Assert.Throws<ArgumentException>(() => new LinearRegression(solver).Fit(x, y));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("3 rows but 4 columns", ex.Message);
        Assert.Contains("OlsSolver.Svd", ex.Message);
    }

    [Fact]
    public void Underdetermined_pseudo_inverse_interpolates_with_the_minimum_norm()
    {
        var x = NormalEquationTable.X.SubMatrix(0, 3, 0, 3);
        var y = NormalEquationTable.Targets.SubVector(0, 3);
        var w = new LinearRegression(OlsSolver.Svd).Fit(x, y).DesignCoefficients;
        var d = DesignMatrix.WithOnesColumn(x);
        // Minimum-norm interpolant: w = Dᵀ(DDᵀ)⁻¹y.
        var expected = d.TransposeThisAndMultiply(d.TransposeAndMultiply(d).Solve(y));
        Assert.True((w - expected).InfinityNorm() < 1e-10);
        Assert.True((d * w - y).InfinityNorm() < 1e-12);
    }

    [Fact]
    public void Bad_hyper_parameters_are_refused()
    {
        Assert.Equal("rankTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearRegression(rankTolerance: -1)).ParamName);
        Assert.Equal("solver", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearRegression((OlsSolver)42)).ParamName);
    }

    [Fact]
    public void Without_intercept_the_coefficients_are_the_weights()
    {
        var model = new LinearRegression(fitIntercept: false).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.Equal(3, model.DesignCoefficients.Count);
        Assert.Equal(0.0, model.Intercept);
        Assert.Equal(model.DesignCoefficients, model.Coefficients);
        Assert.Equal(model.DesignCoefficients, new LinearRegression(OlsSolver.Svd, fitIntercept: false).Fit(NormalEquationTable.X, NormalEquationTable.Targets).DesignCoefficients, (a, b) => Math.Abs(a - b) < 1e-10);
    }
}
