using ClassicML.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Linear;

public class LeastSquaresTests
{
    public static TheoryData<string> Solvers => new("normal", "qr");

    private static LeastSquaresSolution Solve(string solver, Matrix<double> x, Vector<double> y) =>
        solver == "normal" ? LeastSquares.SolveNormalEquation(x, y) : LeastSquares.SolveQr(x, y);

    private static (Matrix<double> X, Vector<double> Y) Random(int n, int p, int seed)
    {
        var rng = new Random(seed);
        var x = Matrix<double>.Build.Dense(n, p, (_, _) => rng.NextDouble() * 2 - 1);
        var y = Vector<double>.Build.Dense(n, i =>
        {
            var s = 0.5 * rng.NextDouble();
            for (var j = 0; j < p; j++) s += (j + 1) * x[i, j];
            return s;
        });
        return (x, y);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Reproduces_the_exact_solution_of_the_articles_table_to_1e10(string solver)
    {
        var d = DesignMatrix.WithOnesColumn(NormalEquationTable.X);
        var exact = RationalLeastSquares.Solve(NormalEquationTable.X, NormalEquationTable.Targets);
        var w = Solve(solver, d, NormalEquationTable.Targets).Coefficients;
        Assert.True((w - exact).InfinityNorm() <= 1e-10, $"{solver}: differs from the exact answer by {(w - exact).InfinityNorm():E2}");
        var reference = new LinearRegression(solver == "normal" ? OlsSolver.Cholesky : OlsSolver.HouseholderQr).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.True((w - reference.DesignCoefficients).InfinityNorm() <= 1e-10);
        Assert.Equal(reference.Diagnostics.Rss, Solve(solver, d, NormalEquationTable.Targets).ResidualSumOfSquares, 1e-12);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(129, 5)]
    [InlineData(1000, 1)]
    [InlineData(8197, 20)]
    [InlineData(20_003, 21)]
    [InlineData(40_000, 4)]
    public void Both_solvers_equal_LinearRegression_on_random_data_to_1e10_across_block_and_chunk_boundaries(int n, int p)
    {
        var (x, y) = Random(n, p, seed: n + p);
        var reference = new LinearRegression(OlsSolver.HouseholderQr, fitIntercept: false).Fit(x, y);
        var wRef = reference.DesignCoefficients;
        foreach (var solver in new[] { "normal", "qr" })
        {
            var fit = Solve(solver, x, y);
            var error = (fit.Coefficients - wRef).InfinityNorm() / Math.Max(1.0, wRef.InfinityNorm());
            Assert.True(error <= 1e-10, $"{solver} n={n} p={p}: relative difference {error:E2}");
            var residual = y - x * fit.Coefficients;
            Assert.Equal(1.0, fit.ResidualSumOfSquares == 0 ? 1.0 : residual.DotProduct(residual) / fit.ResidualSumOfSquares, 1e-6);
            Assert.Equal(reference.Diagnostics.Rss, fit.ResidualSumOfSquares, Math.Max(1e-9 * reference.Diagnostics.Rss, 1e-12));
        }
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void An_exact_linear_relation_is_recovered_with_zero_residual(string solver)
    {
        var rng = new Random(5);
        var x = Matrix<double>.Build.Dense(10_000, 6, (_, _) => rng.Next(-8, 9));
        var w = Vector<double>.Build.Dense([1.0, -2, 0.5, 3, 0, -0.25]);
        var y = x * w;
        var fit = Solve(solver, x, y);
        Assert.True((fit.Coefficients - w).InfinityNorm() < 1e-12);
        // QR reads RSS off R (R_pp²); the normal equation's yᵀy − wᵀXᵀy cancels, leaving rounding of order ε·‖y‖².
        Assert.True(fit.ResidualSumOfSquares <= (solver == "qr" ? 1e-20 : 1e-12 * y.DotProduct(y)), $"RSS = {fit.ResidualSumOfSquares:E2}");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void The_result_does_not_depend_on_the_schedule(string solver)
    {
        // Chunks are fixed and summed in order, so repeated parallel runs agree bit for bit.
        var (x, y) = Random(50_000, 9, seed: 2);
        var first = Solve(solver, x, y).Coefficients.ToArray();
        for (var k = 0; k < 5; k++)
            Assert.Equal(first, Solve(solver, x, y).Coefficients.ToArray());
    }

    [Fact]
    public void Rank_deficient_X_is_refused_by_both_with_the_column_and_the_alternative_named()
    {
        var f4 = NormalEquationTable.F1.Zip(NormalEquationTable.F2, (a, b) => a + b).ToArray();
        var x = DesignMatrix.WithOnesColumn(Matrix<double>.Build.DenseOfColumnArrays(NormalEquationTable.F1, NormalEquationTable.F2, NormalEquationTable.F3, f4));
        var qr = Assert.Throws<ArgumentException>(() => LeastSquares.SolveQr(x, NormalEquationTable.Targets));
        Assert.Equal("x", qr.ParamName);
        Assert.Contains("rank-deficient", qr.Message);
        Assert.Contains("column 4", qr.Message);
        Assert.Contains("OlsSolver.Svd", qr.Message);
        var normal = Assert.Throws<ArgumentException>(() => LeastSquares.SolveNormalEquation(x, NormalEquationTable.Targets));
        Assert.Equal("x", normal.ParamName);
        Assert.Contains("column 4", normal.Message);
    }

    [Fact]
    public void A_zero_column_is_refused()
    {
        var x = Matrix<double>.Build.Dense(50, 3, (i, j) => j == 1 ? 0.0 : i + j * j * i % 7);
        var y = Vector<double>.Build.Dense(50, i => i);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => LeastSquares.SolveQr(x, y)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => LeastSquares.SolveNormalEquation(x, y)).ParamName);
    }

    [Fact]
    public void Numerically_singular_gram_of_a_full_rank_X_is_refused_by_the_normal_equation_and_solved_by_QR()
    {
        // cond(X) ≈ 1e10 is fine for QR, but cond(XᵀX) ≈ 1e20 is beyond double precision.
        var rng = new Random(11);
        var t = Enumerable.Range(0, 20).Select(i => i / 19.0).ToArray();
        var u = t.Select(v => v + 1e-10 * (rng.NextDouble() - 0.5)).ToArray();
        var x = DesignMatrix.WithOnesColumn(Matrix<double>.Build.DenseOfColumnArrays(t, u));
        var y = Vector<double>.Build.Dense(20, i => 1 + t[i] + 2 * u[i]);
        var ex = Assert.Throws<ArgumentException>(() => LeastSquares.SolveNormalEquation(x, y));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("SolveQr", ex.Message);
        var fit = LeastSquares.SolveQr(x, y);
        Assert.True(fit.ResidualSumOfSquares < 1e-20);
        var reference = new LinearRegression(OlsSolver.HouseholderQr).Fit(Matrix<double>.Build.DenseOfColumnArrays(t, u), y);
        Assert.True((fit.Coefficients - reference.DesignCoefficients).InfinityNorm() < 1e-4, "QR agrees with the teaching estimator to the digits cond(X) ≈ 1e10 leaves");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Non_finite_values_are_refused_with_the_parameter_and_cell_named(string solver)
    {
        var (x, y) = Random(300, 3, seed: 1);
        x[200, 2] = double.PositiveInfinity;
        var ex = Assert.Throws<ArgumentException>(() => Solve(solver, x, y));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("[200, 2]", ex.Message);

        (x, y) = Random(300, 3, seed: 1);
        y[17] = double.NaN;
        ex = Assert.Throws<ArgumentException>(() => Solve(solver, x, y));
        Assert.Equal("y", ex.ParamName);
        Assert.Contains("[17]", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Overflowing_sums_of_squares_are_refused_with_advice_to_rescale(string solver)
    {
        var (x, y) = Random(300, 3, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => Solve(solver, x * 1e160, y));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("rescale", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Bad_shapes_are_refused_with_the_parameter_named(string solver)
    {
        var (x, y) = Random(10, 3, seed: 1);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Solve(solver, x, Vector<double>.Build.Dense(9))).ParamName);
        var wide = Matrix<double>.Build.Dense(2, 3, 1.0);
        var ex = Assert.Throws<ArgumentException>(() => Solve(solver, wide, Vector<double>.Build.Dense(2)));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("Svd", ex.Message);
        Assert.Throws<ArgumentNullException>(() => Solve(solver, null!, y));
        Assert.Throws<ArgumentNullException>(() => Solve(solver, x, null!));
    }
}
